// The knowledge graph window (issue 25) offscreen, on the panels' fixture graph saved into
// a project (kg_panels_fixture.h) beside a bigger generated one: the explorer gets every
// node with a finite position, search finds a node by a synonym, filters hide node types
// and weak edges, a double-click expands a neighbourhood, a ranked disease's paths light up
// in the explorer, an edge click shows its provenance and its document, picking another
// graph cancels the running layout, and a project without a graph or with a damaged row
// shows the demo offer or the error instead of crashing. With SEEKBENCH_KG_SHOTS=DIR (under
// xvfb-run), pictures of the window on a demo-sized graph in light and dark, en and zh_CN.

#include "kg/annotated_sentence_view.h"
#include "kg/concept_picker.h"
#include "kg/kg_document_view.h"
#include "kg/kg_window.h"
#include "kg/provenance_panel.h"
#include "kg/rare_disease_panel.h"
#include "kg_panels_fixture.h"
#include "kg_window_fixture.h"
#include "project/demo_offer.h"
#include "project/demo_setup.h"
#include "seekbench/projects/project.h"
#include "seekbench/widgets/graph_explorer_view.h"
#include "shell/theme.h"
#include "test_support.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTranslator>
#include <QtTest>

#include <cmath>

using namespace seekbench;
using namespace seekbench::ui;

using kgwindowfixture::bigGraph;
using kgwindowfixture::JsonTranslator;

class TestKgWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::shared_ptr<const projects::Project> m_project;
    std::int64_t m_graphId = 0, m_bigId = 0;

    static std::unique_ptr<KgWindow> open(std::shared_ptr<const projects::Project> project)
    {
        auto window = std::make_unique<KgWindow>(project, QString::fromStdString(project->dir().string()));
        window->resize(1300, 800);
        window->show();
        return window;
    }

    // Opens the fixture graph and waits for its layout (callers check hasLayout).
    std::unique_ptr<KgWindow> openLaidOut()
    {
        auto window = open(m_project);
        const bool laidOut
            = QTest::qWaitFor([&] { return window->currentGraphId() == m_graphId && window->hasLayout(m_graphId); },
                              20000);
        Q_UNUSED(laidOut)
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        auto p = std::make_shared<projects::Project>(testsupport::makeProject(testsupport::tempPath(m_tmp)));
        projects::KgStore store(*p);
        m_bigId = store.saveGraph(kgfixture::meta("big"), bigGraph(1500), {});
        m_graphId = store.saveGraph(kgfixture::meta("fabry"), kgfixture::graph(), kgpanels::sentences());
        m_project = p;
    }

    void opensTheNewestGraphLaidOut()
    {
        auto window = openLaidOut();
        QVERIFY(window->hasLayout(m_graphId));
        QCOMPARE(window->graphPicker()->count(), 2);
        QCOMPARE(window->graphPicker()->currentData().toLongLong(), qint64(m_graphId));
        const auto &nodes = window->explorer()->nodes();
        QCOMPARE(nodes.size(), qsizetype(kgfixture::graph().nodes.size()));
        QCOMPARE(window->explorer()->edges().size(), qsizetype(kgfixture::graph().edges.size()));
        QSet<QPair<double, double>> distinct;
        for (const auto &n : nodes) {
            QVERIFY(std::isfinite(n.pos.x()) && std::isfinite(n.pos.y()));
            distinct.insert({n.pos.x(), n.pos.y()});
        }
        QCOMPARE(distinct.size(), nodes.size());
        QVERIFY(window->progressText().isEmpty());
        QVERIFY2(window->statusText().contains(QStringLiteral("9 of 9 concepts")), qPrintable(window->statusText()));
        QVERIFY2(window->statusText().contains(QStringLiteral("2 contradicted")), qPrintable(window->statusText()));
        QVERIFY2(window->statusText().contains(QStringLiteral("1 relations rejected")),
                 qPrintable(window->statusText()));
    }

    void searchFindsANodeBySynonym()
    {
        auto window = openLaidOut();
        QVERIFY(window->hasLayout(m_graphId));
        QSignalSpy searched(window.get(), &KgWindow::searched);
        QLineEdit *field = window->toolbar()->searchField();
        field->setFocus();
        QTest::keyClicks(field, QStringLiteral("pyrexia")); // Fever's synonym
        QVERIFY(searched.wait(5000));                       // the completion, after the debounce
        const auto *model = window->toolbar()->completer()->model();
        QVERIFY(model->rowCount() >= 1);
        QVERIFY2(model->index(0, 0).data().toString().contains(QStringLiteral("pyrexia")),
                 qPrintable(model->index(0, 0).data().toString()));
        searched.clear();
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_COMPARE(window->explorer()->selectedNode(), 1);
        QVERIFY(window->explorer()->nodes()[1].highlighted);
        QCOMPARE(window->provenancePanel()->currentNode(), 1);
        QVERIFY(window->explorer()->scale() > window->explorer()->fitScale()); // zoomed in on it
    }

    void filtersHideNodesAndEdges_data()
    {
        QTest::addColumn<QString>("control");
        QTest::addColumn<QList<int>>("hiddenNodes");
        QTest::addColumn<QList<int>>("hiddenEdges");
        // Nodes: 0 Fabry, 1 Fever, 2 Acroparesthesia, 3 GLA, 4 Agalsidase, 5 candidate,
        // 6 assay, 7 FUO, 8 HBB (no edge). Edges as in kg_store_fixture.h.
        QTest::newRow("symptoms off") << QStringLiteral("kgNodeType1") << QList<int>{1, 2} << QList<int>{0, 1, 6, 7};
        QTest::newRow("treats off") << QStringLiteral("kgRelation3") << QList<int>{} << QList<int>{3};
        QTest::newRow("confidence 0.6") << QStringLiteral("confidence") << QList<int>{} << QList<int>{6, 7};
        QTest::newRow("contradictions only") << QStringLiteral("kgContradictionsOnly")
                                             << QList<int>{1, 2, 3, 5, 6, 7, 8} << QList<int>{0, 1, 2, 5, 6, 7};
        QTest::newRow("candidates only") << QStringLiteral("kgCandidatesOnly") << QList<int>{0, 1, 3, 4, 6, 7, 8}
                                         << QList<int>{0, 1, 2, 3, 4, 5, 6};
    }

    void filtersHideNodesAndEdges()
    {
        QFETCH(QString, control);
        QFETCH(QList<int>, hiddenNodes);
        QFETCH(QList<int>, hiddenEdges);
        auto window = openLaidOut();
        QVERIFY(window->hasLayout(m_graphId));
        if (control == QStringLiteral("confidence"))
            window->toolbar()->confidenceSlider()->setValue(60);
        else
            window->toolbar()->findChild<QCheckBox *>(control)->toggle();
        const auto *explorer = window->explorer();
        for (int n = 0; n < explorer->nodes().size(); ++n)
            QVERIFY2(explorer->nodeShown(n) != hiddenNodes.contains(n), qPrintable(QString::number(n)));
        for (int e = 0; e < explorer->edges().size(); ++e)
            QVERIFY2(explorer->edgeShown(e) != hiddenEdges.contains(e), qPrintable(QString::number(e)));
        const int shown = int(explorer->nodes().size()) - int(hiddenNodes.size());
        QVERIFY2(window->statusText().contains(QStringLiteral("%1 of 9 concepts").arg(shown)),
                 qPrintable(window->statusText()));
    }

    void doubleClickExpandsANeighbourhood()
    {
        auto window = openLaidOut();
        QVERIFY(window->hasLayout(m_graphId));
        auto *explorer = window->explorer();
        window->toolbar()->neighbourhoodBox()->setChecked(true); // nothing expanded: all shown
        QVERIFY(explorer->nodeShown(8));
        QSignalSpy expanded(window.get(), &KgWindow::expanded);
        const QPointF at = explorer->toWidget(explorer->nodes()[7].pos); // FUO: one edge, to Fever
        QCOMPARE(explorer->nodeAt(at), 7);
        QTest::mouseDClick(explorer, Qt::LeftButton, {}, at.toPoint());
        QVERIFY(expanded.wait(5000));
        QCOMPARE(expanded.front().at(0).toInt(), 7);
        QCOMPARE(window->focusNodes(), (std::vector<int>{7, 1}));
        QVERIFY(explorer->nodes()[1].highlighted);
        QVERIFY(explorer->edges()[6].highlighted);
        for (int n = 0; n < explorer->nodes().size(); ++n)
            QCOMPARE(explorer->nodeShown(n), n == 7 || n == 1);
        window->toolbar()->findChild<QPushButton *>(QStringLiteral("kgClearFocus"))->click();
        QVERIFY(window->focusNodes().empty());
        QVERIFY(explorer->nodeShown(8));
    }

    void rankedDiseaseLightsUpItsPaths()
    {
        auto window = openLaidOut();
        QVERIFY(window->hasLayout(m_graphId));
        RareDiseasePanel *rare = window->rareDiseasePanel();
        QVERIFY(rare->symptomPicker()->addText(QStringLiteral("burning pain")));
        QVERIFY(rare->symptomPicker()->addText(QStringLiteral("fever")));
        QSignalSpy ranked(rare, &RareDiseasePanel::ranked);
        rare->rank();
        QVERIFY(ranked.wait(5000));
        QVERIFY(!rare->ranking().empty());
        rare->selectDisease(0);
        const auto *explorer = window->explorer();
        QVERIFY(explorer->nodes()[0].highlighted); // Fabry disease, first
        QVERIFY(explorer->nodes()[2].highlighted);
        QVERIFY(explorer->edges()[1].highlighted);
        QVERIFY(!explorer->nodes()[8].highlighted);
    }

    void edgeClickShowsProvenanceAndDocument()
    {
        auto window = openLaidOut();
        QVERIFY(window->hasLayout(m_graphId));
        QSignalSpy shown(window->documentView(), &KgDocumentView::shown);
        Q_EMIT window->explorer()->edgeClicked(3); // Agalsidase beta treats Fabry disease (d4:0)
        QCOMPARE(window->provenancePanel()->currentEdge(), 3);
        QCOMPARE(window->explorer()->selectedEdge(), 3);
        QCOMPARE(window->tabs()->currentWidget(), window->provenancePanel());
        QVERIFY(shown.wait(5000));
        QCOMPARE(window->documentView()->sentenceId(), QStringLiteral("d4:0"));
        QVERIFY(window->documentView()->sentenceView()->plainText().contains(QStringLiteral("treats")));
        QVERIFY(window->documentView()->sentenceView()->emphasisedRelation() >= 0);
        QCOMPARE(window->documentView()->contextSentences(), 1); // d4:1; d4:2 is not stored
    }

    void pickingAnotherGraphCancelsTheLayout()
    {
        auto window = openLaidOut();
        QVERIFY(window->hasLayout(m_graphId));
        QSignalSpy shown(window.get(), &KgWindow::graphShown);
        QSignalSpy laidOut(window.get(), &KgWindow::layoutFinished);
        QVERIFY(window->setGraph(m_bigId));
        QVERIFY(shown.wait(20000));
        QVERIFY(window->isLayingOut());
        QCOMPARE(window->progressText().remove(QRegularExpression(QStringLiteral("[^0-9]"))),
                 QStringLiteral("6000"));     // "Laying out 6,000 nodes…"
        QVERIFY(window->setGraph(m_graphId)); // while the big one is laid out
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLayingOut(), 30000);
        QTRY_COMPARE(window->explorer()->nodes().size(), qsizetype(9));
        QCOMPARE(window->cancelledLayouts(), 1);
        QVERIFY(!window->hasLayout(m_bigId));
        for (const auto &args : laidOut)
            QCOMPARE(args.at(0).toLongLong(), qint64(m_graphId)); // the big one never reported
        QVERIFY(window->progressText().isEmpty());

        laidOut.clear(); // shown again: its layout is kept for the session, none runs
        QVERIFY(window->setGraph(m_graphId));
        QVERIFY(laidOut.wait(10000));
        QVERIFY(!window->isLayingOut());
        QCOMPARE(window->cancelledLayouts(), 1);
    }

    void noGraphOffersTheDemo()
    {
        QTemporaryDir tmp;
        auto project = std::make_shared<projects::Project>(testsupport::makeProject(testsupport::tempPath(tmp)));
        auto window = open(project);
        QTRY_VERIFY(window->demoOffer()->isVisible());
        QVERIFY(window->demoOffer()->button()->isEnabled());
        QVERIFY(!window->graphPicker()->isEnabled());
        const auto *commands = window->findChild<QLabel *>(QStringLiteral("kgOfferCommands"));
        QVERIFY(commands->text().contains(QStringLiteral("kg generate")));
        QVERIFY(commands->text().contains(QStringLiteral("kg_demo.yaml")));

        // One click starts the template's demo here: its configs copied in, the corpus generated.
        const QString dir = QString::fromStdString(project->dir().string());
        const QString cli = tmp.filePath(QStringLiteral("fake-cli")), argsFile = tmp.filePath(QStringLiteral("args"));
        {
            QFile f(cli);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("#!/bin/sh\necho \"$@\" > '%1'\nsleep 30\n").arg(argsFile).toUtf8());
        }
        QFile::setPermissions(cli, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv("SEEKBENCH_CLI", cli.toUtf8());
        window->demoOffer()->button()->click();
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/configs/kg_demo.yaml")));
        QVERIFY(window->demoOffer()->setup());
        QTRY_VERIFY(QFileInfo(argsFile).size() > 0);
        QFile args(argsFile);
        QVERIFY(args.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(args.readAll()).trimmed(),
                 QStringLiteral("kg generate --project %1 --name clinical --documents 600 --seed 7").arg(dir));
        window->demoOffer()->setup()->cancel();
        qunsetenv("SEEKBENCH_CLI");
    }

    void damagedRowIsAnErrorInTheWindow()
    {
        QTemporaryDir tmp;
        auto project = std::make_shared<projects::Project>(testsupport::makeProject(testsupport::tempPath(tmp)));
        projects::KgStore(*project).saveGraph(kgfixture::meta("fabry"), kgfixture::graph(), kgpanels::sentences());
        testsupport::execSql(project->databasePath(), "UPDATE kg_nodes SET type = 9 WHERE idx = 2");
        auto window = open(project);
        QTRY_VERIFY(!window->errorText().isEmpty());
        QVERIFY2(window->errorText().contains(QStringLiteral("kg_nodes")), qPrintable(window->errorText()));
        QVERIFY(window->findChild<QLabel *>(QStringLiteral("kgError"))->isVisible());
        QVERIFY(window->explorer()->nodes().isEmpty());
    }

    // With SEEKBENCH_KG_PROJECT=DIR: how long the window takes to show that project's newest
    // graph laid out (printed), and its picture when SEEKBENCH_KG_SHOTS is set too.
    void timesAGivenProject()
    {
        const QString dir = qEnvironmentVariable("SEEKBENCH_KG_PROJECT");
        if (dir.isEmpty())
            QSKIP("set SEEKBENCH_KG_PROJECT=DIR to time its graph");
        auto project = std::make_shared<const projects::Project>(projects::Project::open(dir.toStdString()));
        QElapsedTimer clock;
        clock.start();
        auto window = open(project);
        QSignalSpy shown(window.get(), &KgWindow::graphShown);
        QSignalSpy laidOut(window.get(), &KgWindow::layoutFinished);
        QVERIFY(shown.wait(30000));
        const qint64 loaded = clock.elapsed();
        QVERIFY(laidOut.wait(60000));
        qInfo("%lld nodes, %lld edges: loaded in %lld ms, laid out in %lld ms", qint64(window->graph()->nodes.size()),
              qint64(window->graph()->edges.size()), loaded, clock.elapsed());
        const QString out = qEnvironmentVariable("SEEKBENCH_KG_SHOTS");
        if (!out.isEmpty())
            QVERIFY(window->grab().save(out + QStringLiteral("/kg-project.png")));
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
            const QString dir = QStringLiteral(SEEKBENCH_SOURCE_DIR "/translations/zh_CN/");
            QVERIFY(zh.load({dir + QStringLiteral("kg_window.json"), dir + QStringLiteral("kg_ui.json"),
                             dir + QStringLiteral("kg_widgets.json")}));
            QCoreApplication::installTranslator(&zh);
        }
        Theme::apply(dark ? Theme::Choice::Dark : Theme::Choice::Light);
        const QString suffix = (language.isEmpty() ? QString() : QLatin1Char('-') + language)
                               + (dark ? QStringLiteral("-dark") : QStringLiteral("-light"));
        static QTemporaryDir tmp;
        static std::shared_ptr<const projects::Project> project;
        static kgwindowfixture::DemoGraph demo;
        if (!project) {
            auto p = std::make_shared<projects::Project>(testsupport::makeProject(testsupport::tempPath(tmp)));
            demo = kgwindowfixture::makeDictionaryGraph(*p);
            project = p;
        }
        const kgwindowfixture::RareCase rare = kgwindowfixture::rareCase(demo);
        QVERIFY(rare.disease >= 0);
        KgWindow window(project, QStringLiteral("/home/ana/clinical"));
        window.resize(1400, 860);
        QSignalSpy laidOut(&window, &KgWindow::layoutFinished);
        window.show();
        QVERIFY(laidOut.wait(30000));
        window.selectNode(rare.disease);
        QTest::qWait(400); // the zoom settles, the details lay out
        QVERIFY(window.grab().save(out + QStringLiteral("/kg-explorer") + suffix + QStringLiteral(".png")));

        RareDiseasePanel *panel = window.rareDiseasePanel();
        for (const int s : rare.symptoms)
            panel->symptomPicker()->addNode(s);
        QSignalSpy ranked(panel, &RareDiseasePanel::ranked);
        panel->rank();
        QVERIFY(ranked.wait(10000));
        window.tabs()->setCurrentWidget(panel);
        panel->selectDisease(0);
        QTest::qWait(400);
        QVERIFY(window.grab().save(out + QStringLiteral("/kg-rare-disease") + suffix + QStringLiteral(".png")));

        // The evidence of one of the disease's edges in its document.
        const auto &edges = demo.graph.edges;
        const auto edge = std::find_if(edges.begin(), edges.end(), [&](const kg::GraphEdge &e) {
            return e.head == rare.disease && e.type == kg::RelationType::HasSymptom;
        });
        QVERIFY(edge != edges.end());
        QSignalSpy documented(window.documentView(), &KgDocumentView::shown);
        Q_EMIT window.explorer()->edgeClicked(int(edge - edges.begin()));
        QVERIFY(documented.wait(10000));
        window.tabs()->setCurrentWidget(window.documentView());
        QTest::qWait(300);
        QVERIFY(window.grab().save(out + QStringLiteral("/kg-document") + suffix + QStringLiteral(".png")));
        QCoreApplication::removeTranslator(&zh);
    }
};

QTEST_MAIN(TestKgWindow)
#include "test_kg_window.moc"
