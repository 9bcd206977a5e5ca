#pragma once

// The controls above the knowledge graph explorer: a search field completing over node
// names and the forms seen in the text (the window fills the completion from the store,
// off the GUI thread), node type and relation type checkboxes, a minimum confidence, the
// "Contradictions only", "Candidates only" and "Show neighbourhood only" toggles, "Fit" and
// "Clear focus". It only says what the user asked; the window turns it into masks.

#include "seekbench/projects/kg_store.h"

#include <QString>
#include <QVector>
#include <QWidget>

#include <cstdint>

class QCheckBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QStandardItemModel;

namespace seekbench::ui {

struct KgExplorerFilters
{
    std::uint32_t nodeTypes = ~0u;     // bit (1 << ConceptType)
    std::uint32_t relationTypes = ~0u; // bit (1 << RelationType)
    double minConfidence = 0;
    bool contradictionsOnly = false;
    bool candidatesOnly = false;
    bool neighbourhoodOnly = false;

    // What a neighbourhood expansion follows: the same types and confidence.
    projects::KgEdgeFilter edgeFilter() const;
};

// One completion: a node and the text it is offered as ("Fabry disease — Anderson-Fabry").
struct KgSearchHit
{
    int node = -1;
    QString text;
};

class KgExplorerToolbar : public QWidget
{
    Q_OBJECT
public:
    explicit KgExplorerToolbar(QWidget *parent = nullptr);

    KgExplorerFilters filters() const;
    void setFilters(const KgExplorerFilters &filters); // emits filtersChanged once
    // Completions for `query` (ignored when the field no longer reads `query`).
    void setHits(const QString &query, const QVector<KgSearchHit> &hits);
    void setFocusActive(bool active); // "Clear focus" on or off
    void retranslate();

    QLineEdit *searchField() const { return m_search; }
    QCompleter *completer() const { return m_completer; }
    QCheckBox *nodeTypeBox(int type) const { return m_nodeTypes.value(type); }
    QCheckBox *relationBox(int type) const { return m_relations.value(type); }
    QSlider *confidenceSlider() const { return m_confidence; }
    QCheckBox *contradictionsBox() const { return m_contradictions; }
    QCheckBox *candidatesBox() const { return m_candidates; }
    QCheckBox *neighbourhoodBox() const { return m_neighbourhood; }
    QPushButton *fitButton() const { return m_fit; }

Q_SIGNALS:
    void filtersChanged();
    void searchEdited(const QString &text);    // debounced by the window
    void searchSubmitted(const QString &text); // Enter
    void hitChosen(int node);                  // a completion picked
    void fitRequested();
    void clearFocusRequested();

private:
    QLineEdit *m_search;
    QCompleter *m_completer;
    QStandardItemModel *m_hits;
    QVector<QCheckBox *> m_nodeTypes; // by ConceptType
    QVector<QCheckBox *> m_relations; // by RelationType (None has none: nullptr)
    QLabel *m_nodeLabel, *m_relationLabel, *m_confidenceLabel;
    QSlider *m_confidence;
    QCheckBox *m_contradictions, *m_candidates, *m_neighbourhood;
    QPushButton *m_fit, *m_clearFocus;
    bool m_settingFilters = false;
};

} // namespace seekbench::ui
