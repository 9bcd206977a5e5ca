#pragma once

#include <QString>

#include <optional>

namespace seekbench::ui {

// Which curve a plot series is: a run's metric, rank 0's or one rank's of a distributed
// run. LivePlot matches series by a plain string id, so this is the one place that spells
// that string ("<run>/<key>", "<run>/<key>#<rank>" for rank > 0) and reads it back.
struct SeriesId
{
    QString runId;
    QString key;
    int rank = 0;

    QString toString() const;
    // The id of a series written by toString(); nullopt for any other string. Run ids
    // never contain '/', so the first '/' ends the run id; metric keys may contain '/'
    // ("eval/loss"), and a '#' followed by digits at the end is the rank.
    static std::optional<SeriesId> parse(const QString &id);

    bool operator==(const SeriesId &o) const { return runId == o.runId && key == o.key && rank == o.rank; }
};

} // namespace seekbench::ui
