#pragma once

// `seekbench-cli serve` (issue 23): an exported model behind the KServe v2 inference
// protocol over HTTP, the protocol Triton also speaks, so any v2 client calls it:
//   GET  /v2/health/live, /v2/health/ready, /v2, /v2/models/<name>, /v2/models/<name>/ready
//   POST /v2/models/<name>/infer (and /v2/models/<name>/versions/1/infer), JSON tensors
//   GET  /metrics (Prometheus text: requests, latency and batch-size histograms, queue)
// Requests are batched dynamically (dynamic_batcher.h); bad input answers 400 naming the
// field, a full queue 503 at once, a request not started in time 504.
//
// HTTP is cpp-httplib (Debian's libcpp-httplib-dev 0.11): a small, well-kept header
// library with a thread pool and keep-alive, no parser of our own. Boost.Beast would need
// our own connection handling; Qt's HTTP server would bring Qt into the headless CLI.

#include "seekbench/export/serving_settings.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace seekbench {

struct ServeOptions
{
    std::filesystem::path modelDir; // an export folder: model.pt + config.json
    std::string host = "127.0.0.1";
    int port = 8000; // 0: any free port (port() tells which)
    ServingSettings settings;
    int httpThreads = 0;          // connections served at once; 0: 2 x max_queue_size, at least 64
    int torchThreads = 0;         // intra-op threads per instance; 0: the cores / instances
    std::size_t maxBodyBytes = 0; // 0: room for a full batch of the longest input, at least 1 MiB
};

class InferenceServer
{
public:
    // Loads the model (throws std::runtime_error naming the file) and binds the port
    // (throws naming host:port when it is taken).
    explicit InferenceServer(const ServeOptions &options);
    ~InferenceServer();
    InferenceServer(const InferenceServer &) = delete;
    InferenceServer &operator=(const InferenceServer &) = delete;

    int port() const;
    std::string describe() const; // the model file, fp32 or INT8, the batching settings

    // Serves until shutdown() (from another thread or a signal's watcher).
    void serve();
    // Graceful: readiness goes false, new requests are refused with 503, queued ones are
    // run and answered, then serve() returns. Idempotent; safe from any thread.
    void shutdown();

private:
    struct State;
    std::unique_ptr<State> m;
};

} // namespace seekbench
