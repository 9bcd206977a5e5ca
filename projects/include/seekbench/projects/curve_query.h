#pragma once

#include "seekbench/projects/run_record.h"

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

// One bucket of a decimated curve. min and max keep spikes that plain sampling would
// drop; smoothing works on mean(). min/max/sum/count cover finite values only.
struct CurveBucket
{
    std::int64_t firstStep = 0;
    std::int64_t lastStep = 0;
    double first = 0, last = 0;
    double min = 0, max = 0, sum = 0;
    std::int64_t count = 0;
    double firstTime = 0, lastTime = 0; // wall time, seconds since the epoch
    double x = 0;                       // the bucket's position: a step, or seconds since the run's start
    double mean() const { return count ? sum / static_cast<double>(count) : std::numeric_limits<double>::quiet_NaN(); }
};

struct DecimatedCurve
{
    std::string runId;
    std::string key;
    int rank = 0;
    std::vector<CurveBucket> buckets;
    std::int64_t bucketWidth = 0; // steps per bucket (0 when aligned by time)
    int tileLevel = 0;            // 0: built from raw points (short curves)
    std::int64_t points = 0;      // visible points in the curve
};

struct CurvePoint
{
    std::int64_t step = 0;
    double wallTime = 0;
    double value = 0;
    int attempt = 1;
    bool superseded = false;
};

// Where a live view stopped reading. Opaque to callers: pass the one since() returned.
struct LiveCursor
{
    int attempt = 0;
    std::map<std::int64_t, std::int64_t> lastStep; // curve id -> last step delivered
};

struct LiveUpdate
{
    struct Series
    {
        std::string key;
        int rank = 0;
        std::vector<CurvePoint> points;
    };
    std::vector<Series> series;
    // The run was resumed since the cursor: earlier points may now be superseded, so
    // the view should reload its curves (decimate()) and continue from `cursor`.
    bool reset = false;
    LiveCursor cursor;
    RunStatus status = RunStatus::Queued; // the run's status now
};

enum class AlignBy { Step, Time };

// Read side of the store for plots. Every call is one or a few short statements: no read
// transaction stays open between calls, so writers' checkpoints are never starved.
class CurveQuery
{
public:
    explicit CurveQuery(const Project &project);
    ~CurveQuery();
    CurveQuery(const CurveQuery &) = delete;
    CurveQuery &operator=(const CurveQuery &) = delete;

    std::vector<CurveInfo> curves(const std::string &runId);
    // At most about `buckets` buckets over [fromStep, toStep] (the whole curve by
    // default), from the tiles. Bucket edges snap to tile blocks. Throws
    // ProjectError(NotFound) for an unknown run or key, (BadInput) for buckets < 1.
    DecimatedCurve decimate(const std::string &runId, const std::string &key, int buckets, int rank = 0,
                            std::int64_t fromStep = std::numeric_limits<std::int64_t>::min(),
                            std::int64_t toStep = std::numeric_limits<std::int64_t>::max());
    // Several runs' curves on one grid: the same steps, or the same seconds since each
    // run started. Runs without the key give an empty curve.
    std::vector<DecimatedCurve> aligned(const std::vector<std::string> &runIds, const std::string &key, int buckets,
                                        AlignBy by, int rank = 0);
    // Raw points (superseded ones only when asked), ordered by step then attempt.
    std::vector<CurvePoint> points(const std::string &runId, const std::string &key, int rank = 0,
                                   bool includeSuperseded = false,
                                   std::int64_t fromStep = std::numeric_limits<std::int64_t>::min(),
                                   std::int64_t toStep = std::numeric_limits<std::int64_t>::max());
    // Points added since `cursor` (a default cursor: everything), up to maxPoints per curve.
    LiveUpdate since(const std::string &runId, const LiveCursor &cursor, std::size_t maxPoints = 100000);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seekbench::projects
