// The run report's Attention examples section (issue 24): a cross-modal (or image-only)
// run whose folder holds the examples its trainer wrote (eval/attention_examples.json)
// gets, after the classification section, an introduction naming the split and step, a
// table of how much of each example's attention falls on the object, and one picture per
// example drawn with the inspector's overlay; a damaged file gets a notice naming the file
// and the problem while the rest of the report renders; such a run without the file gets a
// notice saying how to write it; a run of another model gets no section.

#include "report_test_support.h"
#include "seekbench/formats/fashion_captions.h"
#include "seekbench/inspection/attention_examples.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QtTest>

using namespace seekbench;
using namespace seekbench::projects;
using namespace seekbench::projects::report;
using namespace testsupport;

namespace {

std::string makeRun(const Project &p, const std::string &kind)
{
    RunStore store(p);
    NewRun n;
    n.name = "attention run";
    n.configYaml = "name: attention\ndata:\n  kind: " + kind + "\n";
    n.configHash = "hash-" + kind;
    const std::string id = store.createRun(n);
    store.finishRun(id, RunStatus::Finished, "", {{"eval/accuracy", 0.5}}, {{"eval/accuracy", 0.5}});
    return id;
}

// A 28x28 image whose object fills the top-left 14x14 (patches 0, 1, 4, 5 of a 4x4 grid
// of 7-pixel patches), and a text-to-image map of two heads whose class token (query 1)
// puts `onObject` of its weight on those four patches, evenly, the rest evenly on the
// other twelve.
AttentionInspection example(int label, int predicted, double onObject, const std::string &architecture = "crossmodal")
{
    AttentionInspection a;
    a.architecture = architecture;
    a.split = "validation";
    a.index = 10 + label;
    a.label = label;
    a.className = fashionClassNames()[std::size_t(label)];
    a.pixels.assign(784, 0);
    for (int r = 0; r < 14; ++r)
        for (int c = 0; c < 14; ++c)
            a.pixels[std::size_t(r * 28 + c)] = 200;
    a.patchSize = 7;
    a.gridRows = a.gridCols = 4;
    a.objectShare.assign(16, 0.0f);
    for (int p : {0, 1, 4, 5})
        a.objectShare[std::size_t(p)] = 1.0f;
    a.predictedClass = predicted;
    a.classLogits.assign(10, 0.0);
    a.classLogits[std::size_t(predicted)] = 1.0;
    AttentionMap m;
    m.heads = 2;
    m.keys = 16;
    if (architecture == "image_only") {
        m.kind = "image_self";
        m.queries = 16;
    } else {
        m.kind = "text_to_image";
        m.queries = 3;
        a.tokens = {"a", a.className, "shoe"};
        a.caption = "a " + a.className + " shoe";
        a.classToken = 1;
        a.gateText = 0.25;
        a.gateImage = 0.75;
    }
    for (int h = 0; h < m.heads; ++h)
        for (int q = 0; q < m.queries; ++q)
            for (int k = 0; k < 16; ++k) {
                const bool object = a.objectShare[std::size_t(k)] >= 0.5f;
                m.weights.push_back(float(object ? onObject / 4 : (1 - onObject) / 12));
            }
    a.maps = {m};
    return a;
}

void writeExamples(const Project &p, const std::string &id, const std::string &text)
{
    const auto file = p.runDir(id) / kAttentionExamplesFile;
    std::filesystem::create_directories(file.parent_path());
    writeFile(file, text);
}

template<typename T>
std::vector<const T *> blocksOfType(const Section &s)
{
    std::vector<const T *> out;
    for (const auto &b : s.blocks)
        if (const auto *t = std::get_if<T>(&b))
            out.push_back(t);
    return out;
}

std::uint32_t bigEndian(const std::string &bytes, std::size_t at)
{
    return std::uint32_t(std::uint8_t(bytes[at])) << 24 | std::uint32_t(std::uint8_t(bytes[at + 1])) << 16
           | std::uint32_t(std::uint8_t(bytes[at + 2])) << 8 | std::uint32_t(std::uint8_t(bytes[at + 3]));
}

} // namespace

class TestReportAttention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crossModalRunGetsTheSection()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, "fashion_mnist_pairs");
        AttentionExamples e;
        e.step = 300;
        e.split = "validation";
        e.examples = {example(5, 5, 0.8), example(7, 9, 0.25)};
        writeExamples(p, id, toJson(e));
        const Report r = buildRunReport(p, runRequest(id));
        const Section *s = r.section(sections::kAttention);
        QVERIFY(s);
        QCOMPARE(s->title, ReportLabels().attention);
        QCOMPARE(sectionIndex(r, sections::kAttention),
                 sectionIndex(r, sections::kMetrics) + 1); // no confusion matrix here
        QCOMPARE(sectionIndex(r, sections::kSystem), sectionIndex(r, sections::kAttention) + 1);

        const auto paragraphs = blocksOfType<Paragraph>(*s);
        QCOMPARE(paragraphs.size(), std::size_t(1));
        QVERIFY(paragraphs[0]->text.find("validation split, at step 300") != std::string::npos);
        QVERIFY(paragraphs[0]->text.find("class token") != std::string::npos);

        const auto tables = blocksOfType<Table>(*s);
        QCOMPARE(tables.size(), std::size_t(1));
        const Table &t = *tables[0];
        QCOMPARE(t.rows.size(), std::size_t(2));
        QCOMPARE(t.rows[0][0].text, std::string("15"));
        QCOMPARE(t.rows[0][1].text, std::string("Sandal"));
        QCOMPARE(t.rows[0][2].text, std::string("Sandal"));
        QCOMPARE(t.rows[0][2].tone, CellTone::Better);
        QCOMPARE(t.rows[0][3].text, std::string("0.800")); // on the object, mean over heads
        QCOMPARE(t.rows[0][4].text, std::string("0.250")); // 4 of 16 patches
        QCOMPARE(t.rows[1][2].text, std::string("Ankle boot"));
        QCOMPARE(t.rows[1][2].tone, CellTone::Worse); // a Sneaker predicted as an ankle boot
        QCOMPARE(t.rows[1][3].text, std::string("0.250"));

        const auto images = blocksOfType<Image>(*s);
        QCOMPARE(images.size(), std::size_t(2));
        QVERIFY2(images[0]->caption.find("Sandal, image 15: predicted Sandal; caption \"a Sandal shoe\"; gate: text "
                                         "0.250, image 0.750")
                     != std::string::npos,
                 images[0]->caption.c_str());
        // The inspector's overlay: one row (the last cross layer) of the image, two heads and
        // their mean, each 28 pixels at 4x, with 4-pixel gaps.
        const std::string &png = images[0]->bytes;
        QCOMPARE(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
        QCOMPARE(bigEndian(png, 16), std::uint32_t(4 * 112 + 5 * 4));
        QCOMPARE(bigEndian(png, 20), std::uint32_t(112 + 2 * 4));

        const std::string html = renderReportHtml(r);
        QVERIFY(html.find("data:image/png;base64,") != std::string::npos);
        QVERIFY(html.find(ReportLabels().attention) != std::string::npos);
    }

    void imageOnlyRunSaysWhatItShows()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, "fashion_mnist_pairs");
        AttentionExamples e;
        e.step = 40;
        e.examples = {example(0, 0, 0.5, "image_only")};
        writeExamples(p, id, toJson(e));
        const Report r = buildRunReport(p, runRequest(id));
        const Section *s = r.section(sections::kAttention);
        QVERIFY(s);
        QVERIFY(blocksOfType<Paragraph>(*s)[0]->text.find("last image layer") != std::string::npos);
        const Table &t = *blocksOfType<Table>(*s)[0];
        QCOMPARE(t.rows[0][3].text, std::string("0.500")); // received attention, mean over queries and heads
        QVERIFY(blocksOfType<Image>(*s)[0]->caption.find("caption") == std::string::npos);
    }

    void damagedFileGetsANotice_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not json") << QStringLiteral("{\"format\": ") << QStringLiteral("attention examples:");
        QTest::newRow("empty") << QString() << QStringLiteral("it is empty");
        QTest::newRow("foreign") << QStringLiteral(R"({"format":"seekbench-attention-1"})")
                                 << QStringLiteral("format is not seekbench-attention-examples-1");
        QTest::newRow("example without its image")
            << QStringLiteral(R"({"format":"seekbench-attention-examples-1","step":3,"split":"validation",)"
                              R"("examples":[{"format":"seekbench-attention-1"}]})")
            << QStringLiteral("example 1: attention JSON");
    }

    void damagedFileGetsANotice()
    {
        QFETCH(QString, text);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, "fashion_mnist_pairs");
        writeExamples(p, id, text.toStdString());
        const Report r = buildRunReport(p, runRequest(id));
        const QString wrong = damagedFileProblem(r, sections::kAttention, "eval/attention_examples.json", problem);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        QVERIFY(renderReportHtml(r).find("eval/attention_examples.json") != std::string::npos);
    }

    void crossModalRunWithoutExamplesSaysHowToWriteThem()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, "fashion_mnist_pairs");
        const Report r = buildRunReport(p, runRequest(id));
        const Section *s = r.section(sections::kAttention);
        QVERIFY(s);
        const auto *notice = std::get_if<MissingNotice>(&s->blocks.at(0));
        QVERIFY(notice);
        QVERIFY2(notice->why.find("seekbench-cli inspect examples --project DIR --run-id " + id) != std::string::npos,
                 notice->why.c_str());
    }

    void otherModelsGetNoSection()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        QVERIFY(!buildRunReport(p, runRequest(makeRun(p, "synthetic_text"))).section(sections::kAttention));
    }

    void sectionCanBeTurnedOff()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, "fashion_mnist_pairs");
        AttentionExamples e;
        e.examples = {example(1, 1, 0.6)};
        writeExamples(p, id, toJson(e));
        ReportRequest request = runRequest(id);
        request.sections[sections::kAttention] = false;
        QVERIFY(!buildRunReport(p, request).section(sections::kAttention));
    }

    // Only the map a report draws is kept: the class token's last cross layer, or the last
    // image layer of the ViT, without gradients.
    void keepReportedMapKeepsTheLastLayer()
    {
        AttentionInspection a = example(3, 3, 0.5);
        AttentionMap self = a.maps[0];
        self.kind = "image_self";
        self.queries = 16;
        self.weights.assign(2 * 16 * 16, 1.0f / 16);
        AttentionMap cross0 = a.maps[0], cross1 = a.maps[0];
        cross1.layer = 1;
        cross1.gradients.assign(cross1.weights.size(), 0.5f);
        a.maps = {self, cross0, cross1};
        const AttentionInspection kept = keepReportedMap(a);
        QCOMPARE(kept.maps.size(), std::size_t(1));
        QCOMPARE(kept.maps[0].kind, std::string("text_to_image"));
        QCOMPARE(kept.maps[0].layer, 1);
        QVERIFY(kept.maps[0].gradients.empty());
        a.maps = {self};
        a.maps[0].layer = 0;
        AttentionMap self1 = self;
        self1.layer = 1;
        a.maps.push_back(self1);
        QCOMPARE(keepReportedMap(a).maps.at(0).layer, 1);
    }
};

QTEST_GUILESS_MAIN(TestReportAttention)
#include "test_report_attention.moc"
