// The run report's Classification section (issue 24): a run whose folder holds the
// confusion matrix its trainer wrote (eval/confusion.json) gets the matrix, diagonal toned
// better, and per-class precision, recall, F1 and support with their averages, between the
// metrics and the system sections; a damaged file gets a notice naming the file and the
// problem, and the rest of the report still renders; a run without one gets no section.

#include "report_test_support.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/run/confusion_matrix.h"
#include "test_support.h"

#include <QtTest>

using namespace seekbench;
using namespace seekbench::projects;
using namespace seekbench::projects::report;
using namespace testsupport;

namespace {

std::string makeRun(const Project &p)
{
    RunStore store(p);
    NewRun n;
    n.name = "fashion run";
    n.configYaml = "name: fashion\n";
    n.configHash = "hash-fashion";
    const std::string id = store.createRun(n);
    store.finishRun(id, RunStatus::Finished, "", {{"eval/accuracy", 0.75}}, {{"eval/accuracy", 0.75}});
    return id;
}

// The hand-computed example of test_confusion_matrix: 16 examples, 12 right.
ConfusionMatrix example(std::int64_t step)
{
    ConfusionMatrix m;
    m.split = "validation";
    m.step = step;
    m.classes = {"T-shirt/top", "Trouser", "Bag"};
    m.counts = {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}};
    return m;
}

void writeMatrix(const Project &p, const std::string &id, const char *name, const std::string &text)
{
    const auto file = p.runDir(id) / name;
    std::filesystem::create_directories(file.parent_path());
    writeFile(file, text);
}

std::vector<const Table *> tablesOf(const Section &s)
{
    std::vector<const Table *> out;
    for (const auto &b : s.blocks)
        if (const auto *t = std::get_if<Table>(&b))
            out.push_back(t);
    return out;
}

} // namespace

class TestReportClassification : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runWithMatrixGetsTheSection()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p);
        writeMatrix(p, id, kConfusionFile, toJson(example(300)));
        const Report r = buildRunReport(p, runRequest(id));
        const Section *s = r.section(sections::kClassification);
        QVERIFY(s);
        QCOMPARE(s->title, ReportLabels().classification);
        const int at = sectionIndex(r, sections::kClassification);
        QCOMPARE(sectionIndex(r, sections::kMetrics), at - 1);
        QCOMPARE(sectionIndex(r, sections::kSystem), at + 1);

        const auto tables = tablesOf(*s);
        QCOMPARE(tables.size(), std::size_t(2));
        const Table &matrix = *tables[0];
        QVERIFY(matrix.caption.find("validation") != std::string::npos);
        QVERIFY(matrix.caption.find("300") != std::string::npos);
        QCOMPARE(matrix.columns.size(), std::size_t(4));
        QCOMPARE(matrix.columns[1].header, std::string("T-shirt/top"));
        QCOMPARE(matrix.rows.size(), std::size_t(3));
        QCOMPARE(matrix.rows[1][0].text, std::string("Trouser")); // rows: the true class
        QCOMPARE(matrix.rows[1][1].text, std::string("2"));       // Trouser predicted as T-shirt/top
        for (std::size_t t = 0; t < 3; ++t)
            for (std::size_t c = 1; c < 4; ++c)
                QCOMPARE(matrix.rows[t][c].tone, t + 1 == c ? CellTone::Better : CellTone::Neutral);

        const Table &perClass = *tables[1];
        QCOMPARE(perClass.columns.size(), std::size_t(5));
        QCOMPARE(perClass.rows.size(), std::size_t(3 + 3)); // classes, macro, weighted, accuracy
        // T-shirt/top: precision 5/7, recall 5/6, F1 10/13, 6 examples.
        QCOMPARE(perClass.rows[0][1].text, std::string("0.7143"));
        QCOMPARE(perClass.rows[0][2].text, std::string("0.8333"));
        QCOMPARE(perClass.rows[0][3].text, std::string("0.7692"));
        QCOMPARE(perClass.rows[0][4].text, std::string("6"));
        QCOMPARE(perClass.rows[3][0].text, ReportLabels().macroAverage);
        QCOMPARE(perClass.rows[3][2].text, std::string("0.7778")); // (5/6 + 1/2 + 1) / 3
        QCOMPARE(perClass.rows[4][0].text, ReportLabels().weightedAverage);
        QCOMPARE(perClass.rows[4][2].text, std::string("0.7500"));
        QCOMPARE(perClass.rows[5][0].text, ReportLabels().accuracy);
        QCOMPARE(perClass.rows[5][3].text, std::string("0.7500"));
        QCOMPARE(perClass.rows[5][4].text, std::string("16"));

        const std::string html = renderReportHtml(r);
        QVERIFY(html.find("T-shirt/top") != std::string::npos);
        QVERIFY(html.find(" better") != std::string::npos);
    }

    void bestMatrixShownWhenItIsAnotherEvaluation()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p);
        writeMatrix(p, id, kConfusionFile, toJson(example(300)));
        writeMatrix(p, id, kBestConfusionFile, toJson(example(300)));
        QCOMPARE(tablesOf(*buildRunReport(p, runRequest(id)).section(sections::kClassification)).size(), std::size_t(2));
        writeMatrix(p, id, kBestConfusionFile, toJson(example(200)));
        const auto tables = tablesOf(*buildRunReport(p, runRequest(id)).section(sections::kClassification));
        QCOMPARE(tables.size(), std::size_t(4));
        QVERIFY(tables[2]->caption.find("200") != std::string::npos);
    }

    void damagedFileGetsANotice_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not json") << QStringLiteral("{\"format\": ") << QStringLiteral("not JSON");
        QTest::newRow("empty") << QString() << QStringLiteral("it is empty");
        QTest::newRow("ragged") << QStringLiteral(R"({"format":"seekbench-confusion-1","split":"validation","step":3,)"
                                                  R"("classes":["a","b"],"matrix":[[1,0],[0]]})")
                                << QStringLiteral("field 'matrix' row 1 has 1 counts, expected 2");
    }

    void damagedFileGetsANotice()
    {
        QFETCH(QString, text);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p);
        writeMatrix(p, id, kConfusionFile, text.toStdString());
        const Report r = buildRunReport(p, runRequest(id));
        // The section says what is wrong with which file; the rest is there, and it renders.
        const QString wrong = damagedFileProblem(r, sections::kClassification, "eval/confusion.json", problem);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        QVERIFY(renderReportHtml(r).find("eval/confusion.json") != std::string::npos);
    }

    void runWithoutMatrixHasNoSection()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p);
        QVERIFY(!buildRunReport(p, runRequest(id)).section(sections::kClassification));
    }

    void sectionCanBeTurnedOff()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p);
        writeMatrix(p, id, kConfusionFile, toJson(example(300)));
        ReportRequest request = runRequest(id);
        request.sections[sections::kClassification] = false;
        QVERIFY(!buildRunReport(p, request).section(sections::kClassification));
    }
};

QTEST_GUILESS_MAIN(TestReportClassification)
#include "test_report_classification.moc"
