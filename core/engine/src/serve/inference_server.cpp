#include "seekbench/engine/inference_server.h"

#include "dynamic_batcher.h"
#include "kserve_v2.h"
#include "serving_metrics.h"
#include "serving_model.h"

#include <httplib.h>
#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <optional>
#include <sstream>
#include <sys/socket.h>
#include <thread>

namespace seekbench {
namespace {

using engine::ServeClock;

constexpr const char *kJson = "application/json";

std::string settingsText(const ServingSettings &s)
{
    std::ostringstream t;
    if (s.dynamicBatching) {
        t << "dynamic batching up to " << s.maxBatchSize << " rows (preferred";
        for (int p : s.preferredBatchSizes)
            t << " " << p;
        t << "; max queue delay " << s.maxQueueDelayUs << " us)";
    } else {
        t << "no batching (each request its own batch, up to " << s.maxBatchSize << " rows)";
    }
    t << ", " << s.instances << " instance" << (s.instances == 1 ? "" : "s") << ", queue " << s.maxQueueSize
      << ", timeout " << s.requestTimeoutUs / 1000 << " ms";
    return t.str();
}

} // namespace

struct InferenceServer::State
{
    ServeOptions options;
    std::unique_ptr<engine::ServingModel> model;
    engine::ServingMetrics metrics;
    std::unique_ptr<engine::DynamicBatcher> batcher;
    httplib::Server http;
    std::atomic<bool> stopping{false};
    std::atomic<bool> served{false};
    std::atomic<bool> finished{false};
    int port = 0;
    std::size_t maxBody = 0;

    void reply(httplib::Response &res, int status, const std::string &body, const char *type = kJson)
    {
        res.status = status;
        res.set_content(body, type);
    }

    void infer(const httplib::Request &req, httplib::Response &res)
    {
        const auto arrived = ServeClock::now();
        auto answer = [&](int status, const std::string &body) {
            reply(res, status, body);
            metrics.recordInfer(status, std::chrono::duration<double>(ServeClock::now() - arrived).count());
        };
        const std::string name = req.matches[1];
        if (name != options.settings.modelName)
            return answer(404, engine::errorReply("no model named '" + name + "' (this server serves '"
                                                  + options.settings.modelName + "')"));
        if (stopping)
            return answer(503, engine::errorReply("the server is shutting down"));
        if (req.body.size() > maxBody)
            return answer(400, engine::errorReply("the request body is " + std::to_string(req.body.size())
                                                  + " bytes; this model takes at most " + std::to_string(maxBody)));
        auto job = std::make_shared<engine::InferenceJob>();
        std::string id;
        bool binaryOutput = false;
        try {
            std::optional<std::size_t> jsonLength; // the binary tensor data extension's header
            if (req.has_header("Inference-Header-Content-Length")) {
                const std::string text = req.get_header_value("Inference-Header-Content-Length");
                std::size_t n = 0;
                const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
                if (r.ec != std::errc() || r.ptr != text.data() + text.size())
                    throw engine::V2Error(400, "Inference-Header-Content-Length is '" + text
                                                   + "'; it must be the JSON header's length in bytes");
                jsonLength = n;
            }
            engine::V2Request parsed = engine::parseInferRequest(req.body, model->signature(),
                                                                 options.settings.maxBatchSize, jsonLength);
            binaryOutput = parsed.binaryOutput;
            job->shape = std::move(parsed.shape);
            job->data = std::move(parsed.data);
            job->values = std::move(parsed.values);
            id = std::move(parsed.id);
            job->deadline = arrived
                            + std::chrono::microseconds(
                                engine::effectiveTimeoutUs(parsed, options.settings.requestTimeoutUs));
        } catch (const engine::V2Error &e) {
            return answer(e.status, engine::errorReply(e.what()));
        }
        job->enqueued = arrived;
        auto future = job->done.get_future();
        switch (batcher->submit(job)) {
        case engine::DynamicBatcher::Submit::Full:
            return answer(503, engine::errorReply("the queue is full (" + std::to_string(options.settings.maxQueueSize)
                                                  + " requests); retry later"));
        case engine::DynamicBatcher::Submit::Stopping:
            return answer(503, engine::errorReply("the server is shutting down"));
        case engine::DynamicBatcher::Submit::Queued: break;
        }
        const engine::InferenceOutcome outcome = future.get(); // the batcher always answers
        switch (outcome.status) {
        case engine::InferenceOutcome::Status::Ok:
            if (binaryOutput) {
                std::size_t jsonLength = 0;
                const std::string body = engine::inferReply(name, id, model->signature().outputs.front(), outcome, true,
                                                            &jsonLength);
                res.set_header("Inference-Header-Content-Length", std::to_string(jsonLength));
                reply(res, 200, body, "application/octet-stream");
                metrics.recordInfer(200, std::chrono::duration<double>(ServeClock::now() - arrived).count());
                return;
            }
            return answer(200, engine::inferReply(name, id, model->signature().outputs.front(), outcome));
        case engine::InferenceOutcome::Status::TimedOut: return answer(504, engine::errorReply(outcome.error));
        case engine::InferenceOutcome::Status::Failed:
            return answer(500, engine::errorReply("inference failed: " + outcome.error));
        }
    }

    void routes()
    {
        const std::string model = "/v2/models/([A-Za-z0-9_.-]+)";
        http.Get("/v2/health/live",
                 [this](const httplib::Request &, httplib::Response &res) { reply(res, 200, "{\"live\":true}"); });
        http.Get("/v2/health/ready", [this](const httplib::Request &, httplib::Response &res) {
            reply(res, stopping ? 503 : 200, stopping ? "{\"ready\":false}" : "{\"ready\":true}");
        });
        http.Get("/v2", [this](const httplib::Request &, httplib::Response &res) {
            reply(res, 200, engine::serverMetadataReply());
        });
        auto known = [this](const httplib::Request &req, httplib::Response &res) {
            if (req.matches[1] == options.settings.modelName)
                return true;
            reply(res, 404, engine::errorReply("no model named '" + std::string(req.matches[1]) + "'"));
            return false;
        };
        http.Get(model + "(?:/versions/1)?", [this, known](const httplib::Request &req, httplib::Response &res) {
            if (known(req, res))
                reply(res, 200,
                      engine::modelMetadataReply(options.settings.modelName, this->model->signature(),
                                                 this->model->quantization()));
        });
        http.Get(model + "(?:/versions/1)?/ready", [this, known](const httplib::Request &req, httplib::Response &res) {
            if (known(req, res))
                reply(res, stopping ? 503 : 200, stopping ? "{\"ready\":false}" : "{\"ready\":true}");
        });
        http.Post(model + "(?:/versions/1)?/infer",
                  [this](const httplib::Request &req, httplib::Response &res) { infer(req, res); });
        http.Get("/metrics", [this](const httplib::Request &, httplib::Response &res) {
            reply(res, 200, metrics.render(batcher->queueDepth(), options.settings.modelName),
                  "text/plain; version=0.0.4");
        });
        http.set_error_handler([this](const httplib::Request &, httplib::Response &res) {
            if (res.body.empty()) // httplib's own refusals (404, 413, 400) get a v2 error body
                res.set_content(engine::errorReply(res.status == 413 ? "the request body is too large"
                                                                     : "no such endpoint or malformed request"),
                                kJson);
        });
        http.set_exception_handler([this](const httplib::Request &, httplib::Response &res, std::exception_ptr ep) {
            std::string what = "internal error";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception &e) {
                what = e.what();
            } catch (...) {
            }
            reply(res, 500, engine::errorReply(what));
        });
    }
};

InferenceServer::InferenceServer(const ServeOptions &options) : m(std::make_unique<State>())
{
    m->options = options;
    ServingSettings &s = m->options.settings;
    if (const auto problems = servingSettingsProblems(s); !problems.empty())
        throw std::invalid_argument(problems.front());
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(options.torchThreads > 0 ? options.torchThreads : std::max(1, cores / s.instances));
    m->model = std::make_unique<engine::ServingModel>(options.modelDir, s.instances);
    const TensorSpec &in = m->model->signature().inputs.front();
    // A full batch of the longest input, each value (an id, or an FP32 number in JSON) up to
    // 20 characters with its comma.
    std::size_t perRow = 1;
    for (const std::int64_t d : in.dims)
        perRow *= std::size_t(d == -1 ? std::max<std::int64_t>(1, in.maxDim) : d);
    m->maxBody = options.maxBodyBytes
                     ? options.maxBodyBytes
                     : std::max<std::size_t>(1 << 20, std::size_t(s.maxBatchSize) * perRow * 21 + 4096);
    m->batcher = std::make_unique<engine::DynamicBatcher>(
        s, [this](std::vector<engine::JobPtr> &jobs, int instance) { m->model->runBatch(jobs, instance); },
        [this](std::int64_t rows) { m->metrics.recordBatch(rows); });
    const int httpThreads = options.httpThreads > 0 ? options.httpThreads : std::max(64, 2 * s.maxQueueSize);
    m->http.new_task_queue = [httpThreads] { return new httplib::ThreadPool(std::size_t(httpThreads)); };
    m->http.set_keep_alive_max_count(1000000); // a client's connection serves many requests
    // An idle connection closes after 5 s: a graceful stop waits for idle keep-alive
    // connections to time out (httplib checks for a stop only between requests).
    m->http.set_keep_alive_timeout(5);
    m->http.set_payload_max_length(m->maxBody * 4); // beyond this httplib answers 413 without reading
    m->http.set_tcp_nodelay(true);
    m->routes();
    // httplib listens with a backlog of 5 (fixed in Debian's compiled library): a burst of
    // new connections beyond it is dropped by the kernel and clients see reset reads. The
    // socket it binds is remembered here and listen() is called again with the system's
    // maximum, which Linux applies to a listening socket.
    int listening = -1;
    m->http.set_socket_options([&listening](socket_t sock) {
        httplib::default_socket_options(sock);
        listening = sock;
    });
    if (options.port == 0)
        m->port = m->http.bind_to_any_port(options.host);
    else
        m->port = m->http.bind_to_port(options.host, options.port) ? options.port : -1;
    if (m->port <= 0)
        throw std::runtime_error("cannot listen on " + options.host + ":" + std::to_string(options.port)
                                 + " (in use, or not an address of this machine)");
    if (listening >= 0)
        ::listen(listening, SOMAXCONN);
}

InferenceServer::~InferenceServer()
{
    shutdown();
    m->batcher->stop();
}

int InferenceServer::port() const { return m->port; }

std::string InferenceServer::describe() const
{
    return "model '" + m->options.settings.modelName + "' from " + m->model->describe() + ", "
           + settingsText(m->options.settings);
}

void InferenceServer::serve()
{
    m->served = true;
    if (!m->stopping)
        m->http.listen_after_bind(); // returns once stop() was called and every handler finished
    m->finished = true;
    m->batcher->stop(); // whatever is still queued is run and answered
}

void InferenceServer::shutdown()
{
    if (m->stopping.exchange(true))
        return;
    // serve() may be between its start and httplib's listening: stop() only stops a
    // running server, so wait for it to run (or for serve() to have seen `stopping`).
    while (m->served && !m->finished && !m->http.is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    m->http.stop();
}

} // namespace seekbench
