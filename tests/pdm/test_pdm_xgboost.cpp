// The predictive maintenance scenario's XGBoost (issue 26), and through it the shared
// booster (core/xgb): one booster per failure mode learns a sensor that ramps up before
// failures, its TreeSHAP contributions add up to the margin and name that sensor, its
// importance ranks it first, a saved folder predicts the same, damaged folders are refused
// naming the file, and a mode that never failed in training scores 0 with a note.

#include "seekbench/pdm/pdm_xgboost.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

using namespace seekbench::pdm;
namespace fs = std::filesystem;

namespace {

constexpr double kHour = 3600, kDay = 86400, kStart = 1767225600; // 2026-01-01Z

// `machines` machines, 30 days, readings every 10 minutes, three bearing_wear failures each
// 9 days apart: vibration_rms ramps up over the 2 days before each, `noise` never means
// anything. Nothing ever overheats.
Fleet rampingFleet(int machines)
{
    Fleet f;
    f.sensors = {"vibration_rms", "noise"};
    f.failure_modes = {"bearing_wear", "overheating"};
    std::mt19937 random(11);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (int m = 0; m < machines; ++m) {
        const double first = kStart + (5 + (m % 4) * 2) * kDay + m * kHour;
        const std::vector<double> fails = {first, first + 9 * kDay, first + 18 * kDay};
        MachineSeries s;
        s.name = "m" + std::to_string(m);
        s.values.resize(2);
        for (double t = kStart; t < kStart + 30 * kDay; t += 600) {
            float ramp = 0;
            for (double fail : fails)
                if (t > fail - 2 * kDay && t <= fail)
                    ramp = float(3 * (1 - (fail - t) / (2 * kDay)));
            s.time.push_back(t);
            s.values[0].push_back(1.0f + 0.1f * normal(random) + ramp);
            s.values[1].push_back(normal(random));
        }
        f.machines.push_back(std::move(s));
        for (double fail : fails) {
            f.failures.push_back({m, fail, 0});
            f.maintenance.push_back({m, fail + 2 * kHour, MaintenanceKind::Corrective, 0, 2});
        }
    }
    return f;
}

WindowOptions options()
{
    WindowOptions o;
    o.step = kHour;
    o.history = 12;
    o.stride = 2;
    o.horizon = 2 * kDay;
    o.rul_cap = 5 * kDay;
    o.baseline = 0;
    o.validation_share = 0.2;
    o.test_share = 0.2;
    o.test_from = kStart + 21 * kDay; // every machine fails again after it
    return o;
}

PdmXgbOptions boosterOptions()
{
    PdmXgbOptions o;
    o.booster.rounds = 60;
    o.booster.max_depth = 3;
    o.booster.early_stopping_rounds = 10;
    o.booster.seed = 3;
    return o;
}

double averagePrecision(std::vector<std::pair<float, int>> scored)
{
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    double hits = 0, sum = 0;
    for (std::size_t i = 0; i < scored.size(); ++i)
        if (scored[i].second) {
            hits += 1;
            sum += hits / double(i + 1);
        }
    return hits > 0 ? sum / hits : 0;
}

bool isVibration(const std::string &name) { return name.rfind("vibration_rms.", 0) == 0; }

void writeText(const fs::path &file, const std::string &text)
{
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

std::string readText(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

class TestPdmXgboost : public QObject
{
    Q_OBJECT

    Windows m_windows;
    WindowFeatureTable m_table;
    PdmXgboost m_model;
    std::vector<float> m_scores;

    // A test window 6 to 12 hours before a failure.
    std::size_t windowBeforeFailure() const
    {
        for (std::size_t i = 0; i < m_windows.size(); ++i)
            if (m_windows.split[i] == Split::Test && m_windows.rul_observed[i] && m_windows.rul[i] >= 6 * kHour
                && m_windows.rul[i] <= 12 * kHour)
                return i;
        return m_windows.size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_windows = makeWindows(rampingFleet(12), options());
        QVERIFY(m_windows.count(Split::Train) > 0);
        QVERIFY(m_windows.count(Split::Validation) > 0);
        QVERIFY(m_windows.count(Split::Test) > 0);
        m_table = windowFeatureTable(m_windows);
        QCOMPARE(m_table.cols(), std::size_t(summaryFeatureCount(m_windows)));
        m_model = PdmXgboost::train(m_windows, m_table, boosterOptions());
        m_scores = m_model.scores(m_table);
        QCOMPARE(m_scores.size(), m_windows.size() * 2);
    }

    void learnsTheRampOnTestMachines()
    {
        QVERIFY(m_model.hasBooster(0));
        std::vector<std::pair<float, int>> scored;
        double positives = 0;
        for (std::size_t i = 0; i < m_windows.size(); ++i)
            if (m_windows.split[i] == Split::Test) {
                scored.push_back({m_scores[i * 2], m_windows.failure[i * 2]});
                positives += m_windows.failure[i * 2];
            }
        const double chance = positives / double(scored.size());
        const double ap = averagePrecision(scored);
        QVERIFY2(chance > 0 && chance < 0.5, qPrintable(QString::number(chance)));
        QVERIFY2(ap > 0.6 && ap > 2 * chance, qPrintable(QStringLiteral("PR-AUC %1, chance %2").arg(ap).arg(chance)));
        // Early stopping kept the trees up to the best validation round.
        const auto &b = m_model.booster(0);
        QVERIFY(b.bestRound() >= 0);
        QCOMPARE(b.rounds(), b.bestRound() + 1);
    }

    void contributionsAddUpToTheMargin()
    {
        const auto &b = m_model.booster(0);
        for (std::size_t i = 0; i < m_windows.size(); i += m_windows.size() / 9) {
            const AlertExplanation e = m_model.explain(m_table, i, 0, int(m_table.cols()));
            QCOMPARE(e.top.size(), m_table.cols());
            double sum = e.bias;
            for (const auto &c : e.top)
                sum += c.contribution;
            const float margin = b.predictMargin({m_table.values.data() + i * m_table.cols(), 1, m_table.cols()})[0];
            const double tolerance = 1e-4 * (1 + std::abs(margin));
            QVERIFY2(std::abs(sum - margin) < tolerance, qPrintable(QStringLiteral("%1 vs %2").arg(sum).arg(margin)));
            QVERIFY(std::abs(e.margin - margin) < tolerance);
            // The margin is the logit of the score.
            QVERIFY(std::abs(double(e.score) - double(m_scores[i * 2])) < 1e-5);
            const double p = m_scores[i * 2];
            if (p > 0.01 && p < 0.99)
                QVERIFY(std::abs(std::log(p / (1 - p)) - margin) < 1e-3);
        }
    }

    void explainsAnAlertByTheRampingSensor()
    {
        const std::size_t i = windowBeforeFailure();
        QVERIFY(i < m_windows.size());
        QCOMPARE(int(m_windows.failure[i * 2]), 1);
        const AlertExplanation e = m_model.explain(m_table, i, 0, 3);
        QCOMPARE(e.mode, std::string("bearing_wear"));
        QCOMPARE(e.top.size(), std::size_t(3));
        QVERIFY2(isVibration(e.top[0].name), e.top[0].name.c_str());
        QVERIFY(e.top[0].contribution > 0);
        QVERIFY(e.score > 0.5f);
        QVERIFY(e.note.empty());
        QCOMPARE(e.top[0].value,
                 m_table.values[i * m_table.cols()
                                + std::size_t(std::find(m_table.names.begin(), m_table.names.end(), e.top[0].name)
                                              - m_table.names.begin())]);
    }

    void importanceRanksTheRampingSensorFirst()
    {
        const std::vector<FeatureShare> shares = m_model.importance(0);
        QCOMPARE(shares.size(), m_table.cols());
        double total = 0;
        for (const auto &s : shares)
            total += s.share;
        QVERIFY(std::abs(total - 1) < 1e-6);
        QVERIFY2(isVibration(shares[0].name), shares[0].name.c_str());
        QVERIFY(shares[0].share >= shares[1].share);
    }

    void modeWithoutTrainingFailuresScoresZero()
    {
        QVERIFY(!m_model.hasBooster(1));
        QVERIFY(m_model.booster(1).empty());
        QVERIFY(QString::fromStdString(m_model.note(1)).contains(QStringLiteral("no overheating failure")));
        QVERIFY(m_model.note(0).empty());
        for (std::size_t i = 0; i < m_windows.size(); ++i)
            QCOMPARE(m_scores[i * 2 + 1], 0.0f);
        const AlertExplanation e = m_model.explain(m_table, 0, 1);
        QCOMPARE(e.score, 0.0f);
        QVERIFY(e.top.empty());
        QCOMPARE(e.note, m_model.note(1));
        for (const auto &s : m_model.importance(1))
            QCOMPARE(s.share, 0.0);
    }

    void embeddingColumnsAreNamedAndUsed()
    {
        const std::size_t n = m_windows.size();
        std::vector<float> embedding(n * 2);
        for (std::size_t i = 0; i < n; ++i) {
            embedding[i * 2] = float(m_windows.failure[i * 2]); // a perfect signal
            embedding[i * 2 + 1] = float(i % 7);
        }
        const WindowFeatureTable t = windowFeatureTable(m_windows, embedding, 2);
        QCOMPARE(t.cols(), m_table.cols() + 2);
        QCOMPARE(t.names[m_table.cols()], std::string("embedding.0"));
        QCOMPARE(t.names.back(), std::string("embedding.1"));
        const PdmXgboost model = PdmXgboost::train(m_windows, t, boosterOptions());
        QCOMPARE(model.importance(0)[0].name, std::string("embedding.0"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, model.scores(m_table)); // not its features
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, windowFeatureTable(m_windows, embedding, 3));
    }

    void savedFolderPredictsTheSame()
    {
        QTemporaryDir dir;
        const fs::path folder = fs::path(dir.path().toStdString()) / "xgb";
        m_model.save(folder);
        QVERIFY(fs::exists(folder / PdmXgboost::kManifestFile));
        QVERIFY(fs::exists(folder / "mode_0.json"));
        QVERIFY(!fs::exists(folder / "mode_1.json"));
        const PdmXgboost loaded = PdmXgboost::load(folder);
        QCOMPARE(loaded.modes(), m_model.modes());
        QCOMPARE(loaded.featureNames(), m_model.featureNames());
        QCOMPARE(loaded.note(1), m_model.note(1));
        QVERIFY(!loaded.hasBooster(1));
        QCOMPARE(loaded.scores(m_table), m_scores);
        const std::size_t i = windowBeforeFailure();
        const AlertExplanation a = m_model.explain(m_table, i, 0), b = loaded.explain(m_table, i, 0);
        QCOMPARE(b.margin, a.margin);
        QCOMPARE(b.top.front().name, a.top.front().name);
        QCOMPARE(b.top.front().contribution, a.top.front().contribution);
    }

    void damagedFolderNamesTheFile_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        const QString manifest = QString::fromUtf8(PdmXgboost::kManifestFile);
        QTest::newRow("manifest not JSON") << QStringLiteral("manifest-text") << manifest << QStringLiteral("not JSON");
        QTest::newRow("manifest missing")
            << QStringLiteral("manifest-gone") << manifest << QStringLiteral("no such file");
        QTest::newRow("wrong feature count") << QStringLiteral("feature-count") << QStringLiteral("mode_0.json")
                                             << QStringLiteral("features, the manifest");
        QTest::newRow("booster file missing")
            << QStringLiteral("booster-gone") << QStringLiteral("mode_0.json") << QStringLiteral("no such file");
        QTest::newRow("booster not JSON")
            << QStringLiteral("booster-text") << QStringLiteral("mode_0.json") << QStringLiteral("not JSON");
        QTest::newRow("booster JSON, not a model")
            << QStringLiteral("booster-json") << QStringLiteral("mode_0.json") << QStringLiteral("XGBoost model");
        QTest::newRow("booster path escapes")
            << QStringLiteral("booster-path") << manifest << QStringLiteral("not a file name");
    }
    void damagedFolderNamesTheFile()
    {
        QFETCH(QString, damage);
        QFETCH(QString, file);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const fs::path folder = dir.path().toStdString();
        m_model.save(folder);
        const fs::path manifest = folder / PdmXgboost::kManifestFile;
        std::string text = readText(manifest);
        if (damage == QStringLiteral("manifest-text"))
            writeText(manifest, "features: [a, b]\n");
        else if (damage == QStringLiteral("manifest-gone"))
            fs::remove(manifest);
        else if (damage == QStringLiteral("feature-count"))
            writeText(manifest, text.replace(text.find("\"vibration_rms.mean.last\","),
                                             std::string("\"vibration_rms.mean.last\",").size(), ""));
        else if (damage == QStringLiteral("booster-gone"))
            fs::remove(folder / "mode_0.json");
        else if (damage == QStringLiteral("booster-text"))
            writeText(folder / "mode_0.json", "\x01\x02 binary junk");
        else if (damage == QStringLiteral("booster-json"))
            writeText(folder / "mode_0.json", R"({"learner": {"gradient_booster": 3}, "version": [1, 7, 4]})");
        else if (damage == QStringLiteral("booster-path"))
            writeText(manifest, text.replace(text.find("\"mode_0.json\""), 13, "\"../mode_0.json\""));
        try {
            PdmXgboost::load(folder);
            QFAIL("no exception");
        } catch (const std::runtime_error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(QString::fromStdString((folder / file.toStdString()).string())), e.what());
            QVERIFY2(what.contains(message), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestPdmXgboost)
#include "test_pdm_xgboost.moc"
