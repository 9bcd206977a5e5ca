// The knowledge graph panels (issue 25) offscreen, on the store fixture's graph saved
// into a project with sentences in English, French and Chinese (kg_panels_fixture.h): the
// loader delivers the newest graph and names a missing or damaged one; ProvenancePanel
// lists an edge's sentences and marks its contradiction; RareDiseasePanel completes a symptom by a synonym, ranks the expected disease first,
// highlights its paths and lists what it ignored. With SEEKBENCH_KG_SHOTS=DIR, pictures of
// the three panels in light and dark, English and Chinese.

#include "kg/annotated_sentence_view.h"
#include "kg/concept_picker.h"
#include "kg/kg_graph_loader.h"
#include "kg/provenance_panel.h"
#include "kg/rare_disease_panel.h"
#include "kg_panels_fixture.h"
#include "shell/theme.h"
#include "test_support.h"

#include <QCompleter>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTranslator>
#include <QTreeWidget>
#include <QtTest>

using namespace seekbench;
using namespace seekbench::ui;
using namespace kgpanels;

namespace {

// The zh_CN catalogue of these panels straight from translations/zh_CN/kg_ui.json (the
// .ts is filled from it later), so that the pictures show the Chinese as written.
class JsonTranslator : public QTranslator
{
public:
    bool load(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        m_table = QJsonDocument::fromJson(f.readAll()).object();
        return !m_table.isEmpty();
    }
    bool isEmpty() const override { return m_table.isEmpty(); }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        return m_table.value(QString::fromUtf8(context) + QLatin1Char('|') + QString::fromUtf8(source)).toString();
    }

private:
    QJsonObject m_table;
};

} // namespace

class TestKgPanels : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::shared_ptr<const projects::Project> m_project;
    std::int64_t m_graphId = 0, m_otherId = 0;
    std::shared_ptr<const kg::KnowledgeGraph> m_graph;

    std::shared_ptr<const projects::Project> damagedCopy(const std::string &sql)
    {
        static int made = 0;
        auto p = std::make_shared<projects::Project>(
            testsupport::makeProject(testsupport::tempPath(m_tmp, ("damaged" + std::to_string(made++)).c_str())));
        const auto id = projects::KgStore(*p).saveGraph(kgfixture::meta("fabry"), kgfixture::graph(), sentences());
        testsupport::execSql(p->databasePath(), sql);
        Q_UNUSED(id)
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        auto p = std::make_shared<projects::Project>(testsupport::makeProject(testsupport::tempPath(m_tmp)));
        projects::KgStore store(*p);
        m_otherId = store.saveGraph(kgfixture::meta("older"), kgfixture::graph(), kgfixture::sentences());
        m_graphId = store.saveGraph(kgfixture::meta("fabry"), kgfixture::graph(), sentences());
        m_project = p;
        m_graph = std::make_shared<const kg::KnowledgeGraph>(store.loadGraph(m_graphId));
    }

    void loaderDeliversTheNewestGraph()
    {
        KgGraphLoader loader(m_project);
        QSignalSpy loaded(&loader, &KgGraphLoader::graphLoaded);
        loader.loadGraph(m_otherId);
        loader.loadGraph(m_graphId);
        QVERIFY(loaded.wait(10000));
        QTest::qWait(100);
        QCOMPARE(loaded.count(), 1);
        const auto record = loaded.front().at(1).value<projects::KgGraphRecord>();
        QCOMPARE(record.id, m_graphId);
        const auto graph = loaded.front().at(0).value<std::shared_ptr<const kg::KnowledgeGraph>>();
        QVERIFY(graph);
        QCOMPARE(graph->nodes.size(), kgfixture::graph().nodes.size());
        QCOMPARE(graph->findNode("SYM0002"), 2);
    }

    void loaderNamesWhatFailed_data()
    {
        QTest::addColumn<QByteArray>("damage");
        QTest::addColumn<qint64>("graph");
        QTest::addColumn<QString>("named");
        QTest::newRow("no such graph") << QByteArray() << qint64(9999) << QStringLiteral("9999");
        QTest::newRow("node type") << QByteArray("UPDATE kg_nodes SET type = 9 WHERE idx = 2") << qint64(1)
                                   << QStringLiteral("kg_nodes");
        QTest::newRow("edge past the nodes")
            << QByteArray("UPDATE kg_edges SET head = 99 WHERE idx = 1") << qint64(1) << QStringLiteral("kg_edges");
    }

    void loaderNamesWhatFailed()
    {
        QFETCH(QByteArray, damage);
        QFETCH(qint64, graph);
        QFETCH(QString, named);
        const auto project = damage.isEmpty() ? m_project : damagedCopy(damage.toStdString());
        KgGraphLoader loader(project);
        QSignalSpy failed(&loader, &KgGraphLoader::graphFailed);
        loader.loadGraph(graph);
        QVERIFY(failed.wait(10000));
        const QString message = failed.front().at(0).toString();
        QVERIFY2(message.contains(named), qPrintable(message));
        QVERIFY2(message.contains(QString::fromStdString(project->dir().string())), qPrintable(message));
    }

    void damagedSentencesAreAnErrorInThePanel()
    {
        const auto project = damagedCopy("UPDATE kg_sentences SET entities_json = '{' WHERE sentence_id = 'd4:0'");
        KgGraphLoader loader(project);
        ProvenancePanel panel(&loader);
        panel.setGraph(m_graph, 1);
        QSignalSpy shown(&panel, &ProvenancePanel::sentencesShown);
        panel.showEdge(3);
        QVERIFY(shown.wait(10000));
        const auto *note = panel.findChild<QLabel *>(QStringLiteral("provenanceSentenceNote"));
        QVERIFY2(note->text().contains(QStringLiteral("kg_sentences")), qPrintable(note->text()));
    }

    void provenanceListsSentencesAndContradiction()
    {
        KgGraphLoader loader(m_project);
        ProvenancePanel panel(&loader);
        panel.resize(700, 600);
        panel.setGraph(m_graph, m_graphId);
        QSignalSpy shown(&panel, &ProvenancePanel::sentencesShown);
        QSignalSpy chosen(&panel, &ProvenancePanel::edgeChosen);
        panel.showEdge(4); // CONTRAINDICATED_FOR, contradicted by edge 3; d4:2 is not stored
        QVERIFY(shown.wait(10000));
        QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("provenanceBadge"))->isHidden());
        auto *other = panel.findChild<QPushButton *>(QStringLiteral("provenanceContradiction"));
        QVERIFY(!other->isHidden());
        QVERIFY2(other->text().contains(QStringLiteral("Treats")), qPrintable(other->text()));
        QCOMPARE(panel.findChildren<QFrame *>(QStringLiteral("provenanceSentence")).size(), 2);
        QCOMPARE(panel.findChildren<AnnotatedSentenceView *>().size(), 1);
        const auto missing = panel.findChildren<QLabel *>(QStringLiteral("provenanceSentenceMissing"));
        QCOMPARE(missing.size(), 1);
        QVERIFY(missing.front()->text().contains(QStringLiteral("d4:2")));
        other->click();
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.front().at(0).toInt(), 3);
        QCOMPARE(panel.currentEdge(), 3);

        shown.clear();
        panel.showEdge(0); // three sentences: English, Chinese, French
        QVERIFY(shown.wait(10000));
        const auto views = panel.findChildren<AnnotatedSentenceView *>();
        QCOMPARE(views.size(), 3);
        for (const auto *view : views)
            QVERIFY2(view->emphasisedRelation() >= 0, qPrintable(view->plainText()));
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("provenanceBadge"))->isHidden());
    }

    void provenanceOfANode()
    {
        ProvenancePanel panel(nullptr);
        panel.setGraph(m_graph, m_graphId);
        panel.showNode(5); // a candidate with one edge
        QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("provenanceBadge"))->isHidden());
        panel.showNode(0); // Fabry disease: edges out and in
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("provenanceBadge"))->isHidden());
        auto *edges = panel.findChild<QTreeWidget *>(QStringLiteral("provenanceEdges"));
        int children = 0;
        for (int i = 0; i < edges->topLevelItemCount(); ++i)
            children += edges->topLevelItem(i)->childCount();
        QCOMPARE(children, 6);
        QVERIFY(
            panel.findChild<QLabel *>(QStringLiteral("provenanceForms"))->text().contains(QStringLiteral("Anderson")));
    }

    void rankingFromSynonyms()
    {
        RareDiseasePanel panel;
        panel.setGraph(m_graph);
        QCompleter *completer = panel.symptomPicker()->completer();
        completer->setCompletionPrefix(QStringLiteral("PYREX"));
        QCOMPARE(completer->completionCount(), 1);
        const QModelIndex index = completer->completionModel()->index(0, 0);
        QVERIFY2(index.data().toString().contains(QStringLiteral("Fever")), qPrintable(index.data().toString()));
        Q_EMIT completer->activated(index);
        QVERIFY(panel.symptomPicker()->addText(QStringLiteral("burning pain")));
        QVERIFY(!panel.symptomPicker()->addText(QStringLiteral("purple toes")));
        QCOMPARE(panel.symptomPicker()->ids(), (std::vector<std::string>{"SYM0001", "SYM0002", "purple toes"}));
        QVERIFY(panel.genePicker()->addText(QStringLiteral("gla")));

        QSignalSpy ranked(&panel, &RareDiseasePanel::ranked);
        QSignalSpy paths(&panel, &RareDiseasePanel::pathsHighlighted);
        QSignalSpy chosen(&panel, &RareDiseasePanel::edgeChosen);
        panel.rank();
        QVERIFY(ranked.wait(10000));
        QVERIFY(!panel.ranking().empty());
        QCOMPARE(panel.ranking().front().node, m_graph->findNode("DIS0001"));
        QCOMPARE(panel.ignored(), QStringList{QStringLiteral("purple toes")});
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("rareStatus"))->text().contains(QStringLiteral("purple toes")));
        QCOMPARE(paths.count(), 1);
        QCOMPARE(paths.front().at(1).value<std::vector<int>>(), (std::vector<int>{0, 1, 2}));
        auto nodes = paths.front().at(0).value<std::vector<int>>();
        std::sort(nodes.begin(), nodes.end());
        QCOMPARE(nodes, (std::vector<int>{0, 1, 2, 3}));
        auto *table = panel.findChild<QTableWidget *>(QStringLiteral("rareResults"));
        QVERIFY(table->item(0, 4)->text().startsWith(QStringLiteral("2")));
        auto *details = panel.findChild<QTreeWidget *>(QStringLiteral("rareDetails"));
        QCOMPARE(details->topLevelItem(1)->childCount(), 1); // the contradicted treatment
        QCOMPARE(details->topLevelItem(2)->childCount(), 1);
        Q_EMIT details->itemClicked(details->topLevelItem(0)->child(2), 0);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.front().at(0).toInt(), 2);
    }

    void screenshots_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("dark");
        QTest::newRow("en light") << QString() << false;
        QTest::newRow("en dark") << QString() << true;
        QTest::newRow("zh_CN light") << QStringLiteral("zh_CN") << false;
        QTest::newRow("zh_CN dark") << QStringLiteral("zh_CN") << true;
    }

    void screenshots()
    {
        const QString out = qEnvironmentVariable("SEEKBENCH_KG_SHOTS");
        if (out.isEmpty())
            QSKIP("set SEEKBENCH_KG_SHOTS=DIR for the pictures");
        QFETCH(QString, language);
        QFETCH(bool, dark);
        QDir().mkpath(out);
        JsonTranslator zh;
        if (!language.isEmpty()) {
            QVERIFY(zh.load(QStringLiteral(SEEKBENCH_SOURCE_DIR "/translations/zh_CN/kg_ui.json")));
            QCoreApplication::installTranslator(&zh);
        }
        Theme::apply(dark ? Theme::Choice::Dark : Theme::Choice::Light);
        const QString suffix = (language.isEmpty() ? QString() : QLatin1Char('-') + language)
                               + (dark ? QStringLiteral("-dark") : QStringLiteral("-light"));
        KgGraphLoader loader(m_project);
        ProvenancePanel provenance(&loader);
        provenance.resize(720, 820);
        provenance.setGraph(m_graph, m_graphId);
        QSignalSpy shown(&provenance, &ProvenancePanel::sentencesShown);
        provenance.show();
        provenance.showEdge(0);
        QVERIFY(shown.wait(10000));
        QTest::qWait(200);
        QVERIFY(provenance.grab().save(out + QStringLiteral("/provenance-edge") + suffix + QStringLiteral(".png")));
        provenance.showEdge(4);
        QVERIFY(shown.wait(10000));
        QTest::qWait(200);
        QVERIFY(provenance.grab().save(out + QStringLiteral("/provenance-contradiction") + suffix
                                       + QStringLiteral(".png")));
        provenance.showNode(0);
        QTest::qWait(100);
        QVERIFY(provenance.grab().save(out + QStringLiteral("/provenance-node") + suffix + QStringLiteral(".png")));

        // A sentence wrapped over lines: arcs between lines open to the edges.
        const auto all = sentences();
        AnnotatedSentenceView wrapped;
        wrapped.setSentence(
            *std::find_if(all.begin(), all.end(), [](const auto &s) { return s.sentence_id == "d2:0"; }));
        wrapped.setEmphasisedRelation(1);
        wrapped.resize(300, wrapped.heightForWidth(300));
        wrapped.show();
        QTest::qWait(100);
        QVERIFY(wrapped.grab().save(out + QStringLiteral("/sentence-wrapped") + suffix + QStringLiteral(".png")));

        RareDiseasePanel rare;
        rare.resize(720, 620);
        rare.setGraph(m_graph);
        rare.setRareConcepts({"DIS0001"});
        rare.symptomPicker()->addText(QStringLiteral("pyrexia"));
        rare.symptomPicker()->addText(QStringLiteral("burning pain"));
        rare.symptomPicker()->addText(QStringLiteral("purple toes"));
        rare.genePicker()->addText(QStringLiteral("GLA"));
        rare.show();
        QSignalSpy ranked(&rare, &RareDiseasePanel::ranked);
        rare.rank();
        QVERIFY(ranked.wait(10000));
        QTest::qWait(200);
        QVERIFY(rare.grab().save(out + QStringLiteral("/rare-disease") + suffix + QStringLiteral(".png")));
        RareDiseasePanel empty;
        empty.resize(600, 360);
        empty.show();
        QTest::qWait(100);
        QVERIFY(empty.grab().save(out + QStringLiteral("/rare-disease-empty") + suffix + QStringLiteral(".png")));
        QCoreApplication::removeTranslator(&zh);
    }
};

QTEST_MAIN(TestKgPanels)
#include "test_kg_panels.moc"
