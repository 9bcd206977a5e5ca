#include "runs/series_id.h"

namespace seekbench::ui {

QString SeriesId::toString() const
{
    QString id = runId + QLatin1Char('/') + key;
    if (rank != 0)
        id += QLatin1Char('#') + QString::number(rank);
    return id;
}

std::optional<SeriesId> SeriesId::parse(const QString &id)
{
    const int slash = id.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == id.size() - 1)
        return std::nullopt;
    SeriesId s;
    s.runId = id.left(slash);
    QString tail = id.mid(slash + 1);
    const int hash = tail.lastIndexOf(QLatin1Char('#'));
    if (hash > 0) {
        bool ok = false;
        const int rank = tail.mid(hash + 1).toInt(&ok);
        if (ok && rank > 0) {
            s.rank = rank;
            tail.truncate(hash);
        }
    }
    s.key = tail;
    return s;
}

} // namespace seekbench::ui
