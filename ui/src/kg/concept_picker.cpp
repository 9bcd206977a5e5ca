#include "kg/concept_picker.h"

#include "kg/kg_text.h"
#include "seekbench/kg/linking.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QLineEdit>
#include <QListWidget>
#include <QStandardItemModel>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace seekbench::ui {

namespace {

constexpr int kNodeRole = Qt::UserRole + 1;

} // namespace

ConceptPicker::ConceptPicker(kg::ConceptType type, bool several, QWidget *parent)
    : QWidget(parent), m_type(type), m_several(several), m_edit(new QLineEdit(this)), m_completer(new QCompleter(this)),
      m_model(new QStandardItemModel(this)), m_list(new QListWidget(this))
{
    m_edit->setObjectName(QStringLiteral("conceptPickerEdit"));
    m_edit->setClearButtonEnabled(true);
    m_completer->setModel(m_model);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_edit->setCompleter(m_completer);
    m_list->setObjectName(QStringLiteral("conceptPickerChosen"));
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setSpacing(2);
    m_list->setMaximumHeight(52);
    m_list->setToolTip(tr("Double-click or press Delete to remove."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_list);
    m_list->setVisible(several);

    // A completion names its node. QLineEdit sets the completion's text after this slot
    // runs, so the field is set once the event loop turns: cleared for the next symptom,
    // or the single choice's name.
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this, [this](const QModelIndex &index) {
        addNode(index.data(kNodeRole).toInt());
        if (m_several)
            QTimer::singleShot(0, m_edit, [this] { m_edit->clear(); });
    });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        if (m_completer->popup()->isVisible())
            return; // the completion's activation handles it
        if (addText(m_edit->text()) || !m_edit->text().trimmed().isEmpty())
            m_edit->clear();
    });
    connect(m_edit, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!m_several && text.isEmpty() && !m_chosen.empty()) { // the single choice cleared
            m_chosen.clear();
            Q_EMIT changed();
        }
    });
    connect(m_list, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem *item) { removeAt(m_list->row(item)); });
    auto *remove = new QAction(this);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(remove);
    connect(remove, &QAction::triggered, this, [this] { removeAt(m_list->currentRow()); });
}

void ConceptPicker::setPlaceholder(const QString &text) { m_edit->setPlaceholderText(text); }

void ConceptPicker::setGraph(std::shared_ptr<const kg::KnowledgeGraph> graph)
{
    m_graph = std::move(graph);
    m_chosen.clear();
    m_byForm.clear();
    m_model->clear();
    if (m_graph) {
        // Most mentioned first, so that a form two concepts share resolves to the commoner.
        std::vector<int> nodes;
        for (std::size_t i = 0; i < m_graph->nodes.size(); ++i)
            if (m_graph->nodes[i].type == m_type)
                nodes.push_back(static_cast<int>(i));
        std::stable_sort(nodes.begin(), nodes.end(), [this](int a, int b) {
            return m_graph->nodes[static_cast<std::size_t>(a)].mentions
                   > m_graph->nodes[static_cast<std::size_t>(b)].mentions;
        });
        for (const int i : nodes) {
            const kg::GraphNode &n = m_graph->nodes[static_cast<std::size_t>(i)];
            const QString name = QString::fromStdString(n.name);
            std::set<std::string> seen;
            auto entry = [&](const std::string &form) {
                const std::string key = kg::normaliseMention(form);
                if (key.empty() || !seen.insert(key).second)
                    return;
                m_byForm.emplace(key, i);
                const QString text = QString::fromStdString(form);
                auto *item = new QStandardItem(key == kg::normaliseMention(n.name) ? name
                                                                                   : tr("%1 (%2)").arg(text, name));
                item->setData(i, kNodeRole);
                m_model->appendRow(item);
            };
            entry(n.name);
            for (const std::string &form : n.forms)
                entry(form);
        }
    }
    m_edit->setEnabled(m_graph != nullptr);
    refreshList();
}

bool ConceptPicker::addText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return false;
    const auto found = m_byForm.find(kg::normaliseMention(trimmed.toStdString()));
    if (found != m_byForm.end()) {
        addNode(found->second);
        return true;
    }
    add({trimmed.toStdString(), trimmed, false});
    return false;
}

void ConceptPicker::addNode(int node)
{
    if (!m_graph || node < 0 || static_cast<std::size_t>(node) >= m_graph->nodes.size())
        return;
    const kg::GraphNode &n = m_graph->nodes[static_cast<std::size_t>(node)];
    add({n.concept_id, QString::fromStdString(n.name), true});
}

void ConceptPicker::add(Choice choice)
{
    if (!m_several)
        m_chosen.clear();
    const bool already = std::any_of(m_chosen.begin(), m_chosen.end(),
                                     [&](const Choice &c) { return c.id == choice.id; });
    if (!already)
        m_chosen.push_back(std::move(choice));
    if (!m_several && !m_chosen.empty()) {
        // One choice: the field itself shows it.
        const QString label = m_chosen.front().label;
        QTimer::singleShot(0, m_edit, [this, label] { m_edit->setText(label); });
    }
    refreshList();
    Q_EMIT changed();
}

void ConceptPicker::removeAt(int index)
{
    if (index < 0 || static_cast<std::size_t>(index) >= m_chosen.size())
        return;
    m_chosen.erase(m_chosen.begin() + index);
    refreshList();
    Q_EMIT changed();
}

void ConceptPicker::clear()
{
    m_chosen.clear();
    m_edit->clear();
    refreshList();
    Q_EMIT changed();
}

void ConceptPicker::refreshList()
{
    m_list->clear();
    for (const Choice &c : m_chosen) {
        auto *item = new QListWidgetItem(c.known ? c.label : tr("%1 (unknown)").arg(c.label), m_list);
        if (!c.known) {
            QFont f = item->font();
            f.setItalic(true);
            item->setFont(f);
            item->setToolTip(tr("No %1 in this graph has this name or form: it will be ignored.")
                                 .arg(KgText::conceptType(m_type).toLower()));
        } else if (m_graph) {
            item->setToolTip(QString::fromStdString(c.id));
        }
    }
}

void ConceptPicker::commitTyped()
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty() || (!m_several && !m_chosen.empty() && m_chosen.front().label == text))
        return;
    addText(text);
    if (m_several)
        m_edit->clear();
}

std::vector<std::string> ConceptPicker::ids() const
{
    std::vector<std::string> out;
    for (const Choice &c : m_chosen)
        out.push_back(c.id);
    return out;
}

QStringList ConceptPicker::labels() const
{
    QStringList out;
    for (const Choice &c : m_chosen)
        out << c.label;
    return out;
}

} // namespace seekbench::ui
