#pragma once

// The "document view" of issue 25: one sentence with what the extractor found in it,
// the NER/RE output users inspect first. Entities are highlighted in their type's colour
// with a small type tag under them (negated ones struck through, hedged ones underlined
// with dashes, the link in the tooltip); relations are labelled arcs above the text from
// head to tail (the arrow head on the tail), stacked so that no two overlap. One relation
// can be emphasised (the edge being inspected) and the others dimmed. Words wrap to the
// widget's width; Chinese text wraps between characters.

#include "seekbench/projects/kg_store.h"

#include <QRectF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <string>
#include <vector>

namespace seekbench::ui {

class AnnotatedSentenceView : public QWidget
{
    Q_OBJECT
public:
    explicit AnnotatedSentenceView(QWidget *parent = nullptr);

    // Entities with offsets outside the text, or inside a UTF-8 character, and relations
    // naming entities that do not exist are not drawn and are listed in problems().
    void setSentence(const projects::KgSentenceRecord &sentence);
    // A relation index of the sentence to emphasise, the others dimmed; -1: none.
    void setEmphasisedRelation(int relation);
    int emphasisedRelation() const { return m_emphasised; }
    // The relation of `sentence` from an entity linked to `headId` to one linked to
    // `tailId` of `type`, or -1: how an edge of the graph finds itself in a sentence.
    static int findRelation(const projects::KgSentenceRecord &sentence, const std::string &headId,
                            const std::string &tailId, kg::RelationType type);

    // UTF-8 byte offset -> QString index; -1 when out of range or inside a character.
    static int charIndex(const std::string &utf8, int byteOffset);

    // The layout at the current width, for tests and tooltips.
    struct EntityBox
    {
        int entity = 0;
        int line = 0;
        QRectF text; // the highlighted text
        QRectF tag;  // the type tag under it
    };
    struct ArcPiece
    {
        int relation = 0;
        int line = 0;
        int level = 0; // 0 nearest the text
        double x1 = 0; // the horizontal run, left to right
        double x2 = 0;
        double y = 0;                               // its height
        double bottom = 0;                          // where its ends meet the entities' tops
        QRectF label;                               // the label box, on the run
        bool arrowLeft = false, arrowRight = false; // the tail's end
        bool opensLeft = false;                     // continues from the line above
        bool opensRight = false;                    // continues on the line below
    };
    const std::vector<EntityBox> &entityBoxes() const;
    const std::vector<ArcPiece> &arcPieces() const;
    QStringList problems() const { return m_problems; }
    QString plainText() const { return m_text; }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Span // a piece of text that does not break: an entity, a word, a CJK character
    {
        int begin = 0, end = 0; // QString indices
        int entity = -1;
        double width = 0;     // what it takes on the line (an entity: its tag's width if wider)
        double textWidth = 0; // its text
    };
    struct Layout
    {
        int width = -1;
        std::vector<EntityBox> entities;
        std::vector<ArcPiece> arcs;
        std::vector<std::pair<int, QRectF>> text; // span index, text rectangle
        double height = 0;
    };
    struct Entity
    {
        int begin = 0, end = 0; // QString indices
        int source = 0;         // index in the record's entities
    };

    static QFont tagFont(const QFont &base); // type tags and arc labels
    void buildSpans();
    Layout layoutFor(int width) const;
    void ensureLayout() const;
    QString entityTag(int entity) const;
    QString relationLabel(int relation) const;

    projects::KgSentenceRecord m_sentence;
    QString m_text;
    std::vector<Entity> m_entities;    // the drawable ones, by begin
    std::vector<int> m_entityOfSource; // record entity -> m_entities index, or -1
    std::vector<int> m_relations;      // the drawable relations' indices in the record
    std::vector<Span> m_spans;
    QStringList m_problems;
    int m_emphasised = -1;
    mutable Layout m_layout;
};

} // namespace seekbench::ui
