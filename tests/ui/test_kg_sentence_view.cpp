// AnnotatedSentenceView (issue 25's document view) offscreen: UTF-8 byte offsets become
// the right characters (accented and Chinese text), entities of a Chinese sentence are in
// reading order and do not overlap, wrapped or not; relation arcs are stacked so that no
// two on a level overlap and no label covers another or an entity; offsets outside the
// text or inside a character are named, not drawn, and never crash.

#include "kg/annotated_sentence_view.h"
#include "kg_panels_fixture.h"

#include <QtTest>

#include <algorithm>

using namespace seekbench;
using namespace seekbench::ui;
using namespace kgpanels;
using kg::ConceptType;
using kg::RelationType;

class TestKgSentenceView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void byteOffsetsBecomeCharacters_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("index");
        QTest::newRow("ascii") << QByteArray("fever") << 2 << 2;
        QTest::newRow("accented") << QByteArray("une fièvre élevée") << 11 << 10;
        QTest::newRow("chinese") << QByteArray("法布里病患者") << 12 << 4;
        QTest::newRow("the end") << QByteArray("法布") << 6 << 2;
        QTest::newRow("inside a character") << QByteArray("法布里病") << 4 << -1;
        QTest::newRow("past the end") << QByteArray("abc") << 4 << -1;
        QTest::newRow("negative") << QByteArray("abc") << -1 << -1;
    }

    void byteOffsetsBecomeCharacters()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, offset);
        QFETCH(int, index);
        QCOMPARE(AnnotatedSentenceView::charIndex(text.toStdString(), offset), index);
    }

    void chineseEntitiesInOrderWithoutOverlap_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("one line") << 700;
        QTest::newRow("wrapped") << 110;
    }

    void chineseEntitiesInOrderWithoutOverlap()
    {
        QFETCH(int, width);
        const auto all = sentences();
        const auto &zh = *std::find_if(all.begin(), all.end(), [](const auto &s) { return s.sentence_id == "d1:1"; });
        AnnotatedSentenceView view;
        view.setSentence(zh);
        view.resize(width, view.heightForWidth(width));
        QVERIFY(view.problems().isEmpty());
        const auto &boxes = view.entityBoxes();
        QCOMPARE(boxes.size(), std::size_t(3));
        const QStringList words{QStringLiteral("法布里病"), QStringLiteral("发热"), QStringLiteral("烧灼痛")};
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            QCOMPARE(boxes[i].entity, int(i));
            const auto &e = zh.entities[i];
            const int begin = AnnotatedSentenceView::charIndex(zh.text, e.begin);
            QCOMPARE(view.plainText().mid(begin, AnnotatedSentenceView::charIndex(zh.text, e.end) - begin),
                     words[int(i)]);
            for (std::size_t j = 0; j < i; ++j) {
                QVERIFY(!overlaps(boxes[i].text.united(boxes[i].tag), boxes[j].text.united(boxes[j].tag)));
                // Reading order: later lines, or further right on the same line.
                QVERIFY(boxes[i].line > boxes[j].line
                        || (boxes[i].line == boxes[j].line && boxes[i].text.left() >= boxes[j].text.right()));
            }
        }
        if (width < 200)
            QVERIFY(boxes.back().line > 0);
        for (const auto &a : view.arcPieces())
            QVERIFY(a.y < a.bottom);
    }

    void arcsAreStackedWithoutOverlap_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("wide") << 900;
        QTest::newRow("narrow") << 260;
    }

    void arcsAreStackedWithoutOverlap()
    {
        QFETCH(int, width);
        const std::string text = "Fabry disease causes fever, pain and GLA loss; agalsidase beta treats it.";
        auto s = sentence("x:0", text,
                          {entity(text, "Fabry disease", ConceptType::Disease, "DIS0001"),
                           entity(text, "fever", ConceptType::Symptom, "SYM0001"),
                           entity(text, "pain", ConceptType::Symptom, "SYM0002"),
                           entity(text, "GLA", ConceptType::Gene, "GEN0001"),
                           entity(text, "agalsidase beta", ConceptType::Drug, "DRG0001")},
                          {{0, 1, RelationType::HasSymptom, 0.9f},
                           {0, 2, RelationType::HasSymptom, 0.8f},
                           {0, 3, RelationType::CausedBy, 0.7f},
                           {4, 0, RelationType::Treats, 0.6f},
                           {1, 2, RelationType::None, 0.1f}});
        AnnotatedSentenceView view;
        view.setSentence(s);
        view.setEmphasisedRelation(AnnotatedSentenceView::findRelation(s, "DRG0001", "DIS0001", RelationType::Treats));
        QCOMPARE(view.emphasisedRelation(), 3);
        view.resize(width, view.heightForWidth(width));
        const auto &arcs = view.arcPieces();
        QVERIFY(arcs.size() >= 5);
        for (std::size_t i = 0; i < arcs.size(); ++i)
            for (std::size_t j = 0; j < i; ++j) {
                QVERIFY2(!overlaps(arcs[i].label, arcs[j].label), "two arc labels overlap");
                if (arcs[i].line == arcs[j].line && arcs[i].level == arcs[j].level)
                    QVERIFY2(arcs[i].x2 < arcs[j].x1 || arcs[j].x2 < arcs[i].x1, "two arcs share a level and overlap");
            }
        for (const auto &a : arcs)
            for (const auto &b : view.entityBoxes())
                QVERIFY2(!overlaps(a.label, b.text), "an arc label covers an entity");
    }

    void badOffsetsAreNamedNotDrawn()
    {
        const std::string text = "法布里病 fever";
        auto s = sentence("x:1", text,
                          {entity(text, "fever", ConceptType::Symptom, "SYM0001"),
                           entity(text, "法布里病", ConceptType::Disease, "DIS0001")},
                          {{1, 0, RelationType::HasSymptom, 0.9f}, {0, 7, RelationType::HasSymptom, 0.5f}});
        s.entities[1].end = 5; // inside 布
        kg::PredictedEntity past = s.entities[0];
        past.end = 999;
        s.entities.push_back(past);
        AnnotatedSentenceView view;
        view.setSentence(s);
        view.resize(400, 100);
        QCOMPARE(view.entityBoxes().size(), std::size_t(1));
        QCOMPARE(view.arcPieces().size(), std::size_t(0));
        QCOMPARE(view.problems().size(), 4); // two entities, two relations
        view.grab();                         // paints without a crash
    }
};

QTEST_MAIN(TestKgSentenceView)
#include "test_kg_sentence_view.moc"
