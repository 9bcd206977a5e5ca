#pragma once

// Picks concepts of one type of a knowledge graph by typing: a line edit completing over
// every node's name and every form seen in the text (contains, case-insensitive), so that
// typing a synonym or a misspelling finds the concept; the chosen ones are listed below
// (double-click or Delete removes one). What matches nothing is kept as typed and marked
// unknown, so the ranking can say it was ignored rather than lose it.

#include "seekbench/kg/graph.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

class QCompleter;
class QLineEdit;
class QListWidget;
class QStandardItemModel;

namespace seekbench::ui {

class ConceptPicker : public QWidget
{
    Q_OBJECT
public:
    // `several`: a list of choices (symptoms); otherwise one, replaced by the next (a gene).
    ConceptPicker(kg::ConceptType type, bool several, QWidget *parent = nullptr);

    void setGraph(std::shared_ptr<const kg::KnowledgeGraph> graph);
    void setPlaceholder(const QString &text);

    // Adds the concept whose name or form is `text` (normalised as the linker does); text
    // that names none is kept as unknown. False when it was unknown or empty.
    bool addText(const QString &text);
    void addNode(int node);
    void removeAt(int index);
    void clear();
    // Adds what is typed in the field and not chosen yet (before ranking, say).
    void commitTyped();

    // The chosen concept ids, and unknown entries as typed, in the order chosen.
    std::vector<std::string> ids() const;
    QStringList labels() const;
    QLineEdit *lineEdit() const { return m_edit; }
    QCompleter *completer() const { return m_completer; }

Q_SIGNALS:
    void changed();

private:
    struct Choice
    {
        std::string id; // concept id, or the text as typed when unknown
        QString label;
        bool known = true;
    };
    void add(Choice choice);
    void refreshList();

    kg::ConceptType m_type;
    bool m_several;
    std::shared_ptr<const kg::KnowledgeGraph> m_graph;
    std::unordered_map<std::string, int> m_byForm; // normalised form -> node (most mentioned)
    std::vector<Choice> m_chosen;
    QLineEdit *m_edit;
    QCompleter *m_completer;
    QStandardItemModel *m_model;
    QListWidget *m_list;
};

} // namespace seekbench::ui
