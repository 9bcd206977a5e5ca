#pragma once

// The server's /metrics (Prometheus text, seekbench-cli serve) read back for the Serve
// dialog: two scrapes give the request rate and the latency quantiles over the interval
// between them.

#include <QMap>
#include <QString>

namespace seekbench::ui {

struct ServingScrape
{
    double requests = 0;                 // answered infer requests, every status
    double ok = 0;                       // of them 200
    QMap<double, double> latencyBuckets; // upper bound (s) -> cumulative count; +inf as infinity
    double batches = 0, batchRows = 0;   // batches run, rows in them
    double queueDepth = 0;
    bool valid = false; // the text held the server's metrics
};

ServingScrape parseServingMetrics(const QString &text);

struct ServingRates
{
    double requestsPerSecond = 0;
    double errorsPerSecond = 0;    // not 200
    double p50Ms = -1, p99Ms = -1; // -1: no request in the interval
    double meanBatch = -1;
};

// Between two scrapes `seconds` apart; quantiles interpolated linearly inside a bucket.
ServingRates servingRates(const ServingScrape &before, const ServingScrape &after, double seconds);

} // namespace seekbench::ui
