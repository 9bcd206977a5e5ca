// The inspector's maths on small hand-checked matrices: head mean, rollout, the Chefer et
// al. 2021 rules, the forward and reverse selections; and the optional gradients in the
// attention JSON (round trip, old documents, malformed ones).

#include "seekbench/inspection/attention_inspection.h"
#include "seekbench/inspection/attention_relevance.h"

#include <QtTest>

using namespace seekbench;

namespace {

AttentionMap map(const std::string &kind, int layer, int heads, int q, int k, std::vector<float> w,
                 std::vector<float> g = {})
{
    AttentionMap m;
    m.kind = kind;
    m.layer = layer;
    m.heads = heads;
    m.queries = q;
    m.keys = k;
    m.weights = std::move(w);
    m.gradients = std::move(g);
    return m;
}

// Two tokens, two patches (a 1 x 2 grid).
AttentionInspection tiny()
{
    AttentionInspection a;
    a.rows = 1;
    a.cols = 2;
    a.pixels = {0, 255};
    a.patchSize = 1;
    a.gridRows = 1;
    a.gridCols = 2;
    a.objectShare = {0, 1};
    a.tokens = {"a", "shirt"};
    a.caption = "a shirt";
    a.classToken = 1;
    a.classLogits.assign(10, 0.0);
    return a;
}

bool near(const Matrix &m, const std::vector<float> &expected)
{
    if (m.values.size() != expected.size())
        return false;
    for (std::size_t i = 0; i < expected.size(); ++i)
        if (std::abs(m.values[i] - expected[i]) > 1e-5f)
            return false;
    return true;
}

} // namespace

class TestAttentionRelevance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headAndMeanOverHeads()
    {
        const auto m = map("text_to_image", 0, 2, 1, 2, {0.2f, 0.8f, 0.6f, 0.4f});
        QVERIFY(near(headMatrix(m, 0), {0.2f, 0.8f}));
        QVERIFY(near(headMatrix(m, 1), {0.6f, 0.4f}));
        QVERIFY(near(headMatrix(m, -1), {0.4f, 0.6f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, headMatrix(m, 2));
    }

    void rolloutMultipliesResidualAwareLayers()
    {
        AttentionInspection a = tiny();
        // Layer 0 sends everything to patch 0: 0.5 A + 0.5 I = [[1, 0], [0.5, 0.5]].
        a.maps.push_back(map("image_self", 0, 1, 2, 2, {1, 0, 1, 0}));
        QVERIFY(near(attentionRollout(a, "image_self", 0), {1, 0, 0.5f, 0.5f}));
        // Layer 1 swaps: [[0.5, 0.5], [0.5, 0.5]] x layer 0 = [[0.75, 0.25], [0.75, 0.25]].
        a.maps.push_back(map("image_self", 1, 1, 2, 2, {0, 1, 1, 0}));
        QVERIFY(near(attentionRollout(a, "image_self", 1), {0.75f, 0.25f, 0.75f, 0.25f}));
        QVERIFY(near(attentionRollout(a, "text_self", 3), {1, 0, 0, 1})); // no text layers: identity
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, attentionRollout(a, "text_to_image", 0));
    }

    void cheferCrossLayerAlone()
    {
        AttentionInspection a = tiny();
        a.maps.push_back(map("text_to_image", 0, 1, 2, 2, {0.25f, 0.75f, 1, 0}, {1, 1, 1, -1}));
        a.maps.push_back(map("image_to_text", 0, 1, 2, 2, {0.5f, 0.5f, 0.5f, 0.5f}, {1, 1, 1, 1}));
        const BiModalRelevance r = cheferRelevance(a);
        // R_ti = I^T (grad . A)^+ I; the negative gradient clips the last entry to zero.
        QVERIFY(near(r.textImage, {0.25f, 0.75f, 1, 0}));
        QVERIFY(near(r.imageText, {0.5f, 0.5f, 0.5f, 0.5f}));
        // R_tt += A_ti R_it with R_it still zero before the layer.
        QVERIFY(near(r.textText, {1, 0, 0, 1}));
        QVERIFY(near(r.imageImage, {1, 0, 0, 1}));
    }

    void cheferSelfThenCross()
    {
        AttentionInspection a = tiny();
        a.maps.push_back(map("text_self", 0, 1, 2, 2, {0.5f, 0.5f, 0, 1}, {1, 1, 1, 1}));
        a.maps.push_back(map("text_to_image", 0, 1, 2, 2, {0.25f, 0.75f, 1, 0}, {1, 1, 1, 1}));
        a.maps.push_back(map("image_to_text", 0, 1, 2, 2, {1, 0, 0, 1}, {1, 1, 1, 1}));
        const BiModalRelevance r = cheferRelevance(a);
        // R_tt = I + A_tt = [[1.5, .5], [0, 2]]; its normalised form is the same here, so
        // R_ti = [[1.5, 0], [.5, 2]] A_ti = [[.375, 1.125], [2.125, .375]].
        QVERIFY(near(r.textImage, {0.375f, 1.125f, 2.125f, 0.375f}));
        // R_it = I^T A_it R_tt-bar = [[1.5, .5], [0, 2]].
        QVERIFY(near(r.imageText, {1.5f, 0.5f, 0, 2}));
        QVERIFY(near(viewMatrix(a, "text_to_image", 0, 0, AttentionMode::Relevance), r.textImage.values));
    }

    void relevanceWithoutGradientsNamesTheProblem()
    {
        AttentionInspection a = tiny();
        a.maps.push_back(map("text_to_image", 0, 1, 2, 2, {0.25f, 0.75f, 1, 0}));
        QVERIFY(!hasGradients(a));
        try {
            cheferRelevance(a);
            QFAIL("no exception");
        } catch (const std::invalid_argument &e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("gradients")));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, viewMatrix(a, "text_to_image", 3, -1, AttentionMode::Attention));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, viewMatrix(a, "sideways", 0, -1, AttentionMode::Attention));
    }

    void crossRolloutComposesStreams()
    {
        AttentionInspection a = tiny();
        a.maps.push_back(map("text_self", 0, 1, 2, 2, {0, 1, 0, 1}));     // rollout [[.5,.5],[0,1]]
        a.maps.push_back(map("text_to_image", 0, 1, 2, 2, {1, 0, 0, 1})); // identity
        const Matrix v = viewMatrix(a, "text_to_image", 0, -1, AttentionMode::Rollout);
        QVERIFY(near(v, {0.5f, 0.5f, 0, 1}));
    }

    void forwardAndReverseSelections()
    {
        Matrix ti = Matrix::zeros(2, 3); // 2 tokens x 3 patches
        ti.values = {0.1f, 0.2f, 0.7f, 0.5f, 0.5f, 0};
        QCOMPARE(patchHeat(ti, "text_to_image", 1, -1), (std::vector<float>{0.5f, 0.5f, 0}));
        QCOMPARE(tokenWeights(ti, "text_to_image", -1, 2), (std::vector<float>{0.7f, 0}));
        const Matrix it = transposed(ti); // 3 patches x 2 tokens
        QCOMPARE(patchHeat(it, "image_to_text", 0, -1), (std::vector<float>{0.1f, 0.2f, 0.7f}));
        QCOMPARE(tokenWeights(it, "image_to_text", -1, 1), (std::vector<float>{0.2f, 0.5f}));
        Matrix ii = Matrix::zeros(2, 2);
        ii.values = {1, 0, 0.5f, 0.5f};
        QCOMPARE(patchHeat(ii, "image_self", -1, 1), (std::vector<float>{0.5f, 0.5f}));
        QCOMPARE(patchHeat(ii, "image_self", -1, -1), (std::vector<float>{0.75f, 0.25f})); // received
        QVERIFY(patchHeat(ti, "text_to_image", 5, -1).empty());
        QVERIFY(tokenWeights(ti, "text_self", -1, 0).empty());
    }

    void gradientsRoundTripAndOldDocumentsLoad()
    {
        AttentionInspection a = tiny();
        a.maps.push_back(map("text_to_image", 0, 1, 2, 2, {0.25f, 0.75f, 1, 0}, {0.5f, -0.5f, 1, 2}));
        const AttentionInspection b = attentionInspectionFromJson(toJson(a));
        QCOMPARE(b.maps.at(0).gradients, a.maps.at(0).gradients);
        QVERIFY(hasGradients(b));
        a.maps[0].gradients.clear();
        const std::string old = toJson(a);
        QVERIFY(old.find("gradients") == std::string::npos);
        QVERIFY(!hasGradients(attentionInspectionFromJson(old)));
    }

    void malformedDocuments_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("message");
        QTest::newRow("short gradient row")
            << QStringLiteral("\"gradients\":[[[0.5,-0.5],") << QStringLiteral("\"gradients\":[[[0.5],")
            << QStringLiteral("gradients of text_to_image");
        QTest::newRow("short weight row")
            << QStringLiteral("\"weights\":[[[0.25,0.75],") << QStringLiteral("\"weights\":[[[0.25],")
            << QStringLiteral("weights of text_to_image");
        QTest::newRow("no heads") << QStringLiteral("\"heads\":1") << QStringLiteral("\"heads\":0")
                                  << QStringLiteral("bad shape");
        QTest::newRow("wrong format") << QStringLiteral("seekbench-attention-1")
                                      << QStringLiteral("seekbench-attention-0") << QStringLiteral("format");
        QTest::newRow("not json") << QStringLiteral("{") << QStringLiteral("[") << QStringLiteral("attention JSON");
    }

    void malformedDocuments()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, message);
        AttentionInspection a = tiny();
        a.maps.push_back(map("text_to_image", 0, 1, 2, 2, {0.25f, 0.75f, 1, 0}, {0.5f, -0.5f, 1, 2}));
        QString json = QString::fromStdString(toJson(a));
        QVERIFY2(json.contains(from), qPrintable(json));
        json.replace(json.indexOf(from), from.size(), to);
        try {
            attentionInspectionFromJson(json.toStdString());
            QFAIL("no exception");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestAttentionRelevance)
#include "test_attention_relevance.moc"
