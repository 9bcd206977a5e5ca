#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace seekbench::ui {

// Sorting and filtering of the runs table: free text (name, id, tags, notes), a status
// and a tag. Sorting uses RunsTableModel::SortRole (numbers sort as numbers).
class RunsFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RunsFilterProxy(QObject *parent = nullptr);

    void setText(const QString &text);
    void setStatus(const QString &status); // store status word; empty: any
    void setTag(const QString &tag);       // empty: any

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_status;
    QString m_tag;
};

} // namespace seekbench::ui
