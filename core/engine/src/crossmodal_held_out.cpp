#include "seekbench/engine/held_out_test.h"
#include "seekbench/engine/precision.h"

#include "crossmodal_task.h"

#include "seekbench/config/config_io.h"
#include "seekbench/formats/checkpoint_file.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <chrono>
#include <stdexcept>

namespace seekbench {
namespace {

using nlohmann::json;

json headerOf(const CheckpointInfo &info)
{
    try {
        return json::parse(info.headerJson);
    } catch (const json::exception &e) {
        throw CheckpointError("checkpoint " + info.path.string() + ": unreadable header: " + e.what());
    }
}

RunConfig configOf(const json &header, const std::filesystem::path &checkpoint)
{
    const ConfigLoad load = parseRunConfig(header.value("config_yaml", std::string()));
    if (!load.issues.empty())
        throw CheckpointError("checkpoint " + checkpoint.string()
                              + ": its config does not load: " + describe(load.issues.front()));
    return load.config;
}

// Passes everything on but the "end" event, which trainAndTest sends itself.
class HoldEndSink final : public MetricsSink
{
public:
    explicit HoldEndSink(MetricsSink &inner) : m_inner(inner) {}
    void addMetrics(std::span<const MetricPoint> points) override { m_inner.addMetrics(points); }
    void addSystemSample(const SystemSample &sample) override { m_inner.addSystemSample(sample); }
    void addEvent(const RunEvent &event) override
    {
        if (event.kind != "end")
            m_inner.addEvent(event);
    }
    void flush() override { m_inner.flush(); }
    std::string fatalError() const override { return m_inner.fatalError(); }

private:
    MetricsSink &m_inner;
};

} // namespace

bool hasHeldOutTest(const RunConfig &config) { return config.data.kind == "fashion_mnist_pairs"; }

std::optional<std::filesystem::path> heldOutTestCheckpoint(const std::filesystem::path &runDir)
{
    const auto all = listCheckpoints(runDir);
    if (all.empty())
        return std::nullopt;
    const CheckpointInfo newest = readCheckpointInfo(all.back());
    if (configOf(headerOf(newest), newest.path).training.keep_best)
        for (auto it = all.rbegin(); it != all.rend(); ++it)
            if (headerOf(readCheckpointInfo(*it)).value("best", false))
                return *it;
    return all.back();
}

HeldOutTest scoreHeldOutTest(const std::filesystem::path &checkpoint, const std::filesystem::path &dataDir)
{
    const CheckpointContents contents = readCheckpointFile(checkpoint);
    RunConfig config = configOf(headerOf(contents.info), checkpoint);
    if (!hasHeldOutTest(config))
        throw std::invalid_argument("checkpoint " + checkpoint.string() + " is a '" + config.data.kind
                                    + "' run; only fashion_mnist_pairs runs have a held-out test split");
    if (!dataDir.empty())
        config.crossmodal.data_dir = dataDir.string();
    engine::StepContext ctx;
    const bool cuda = config.training.device == "cuda" && torch::cuda::is_available();
    if (!cuda)
        config.training.device = "cpu";
    // auto decides as the run did on this machine (the same cached measurement).
    const std::string precision = engine::resolvePrecision(config, at::get_num_threads(), cuda ? 0 : -1).precision;
    if (cuda) {
        ctx.device = torch::Device(torch::kCUDA, 0);
        ctx.autocast = precision != "fp32";
    } else {
        ctx.autocast = precision == "bf16";
    }
    ctx.autocastDtype = precision == "fp16" ? at::kHalf : at::kBFloat16;
    HeldOutTest t;
    t.checkpoint = checkpoint.string();
    t.step = contents.info.step;
    t.metrics = engine::scoreCrossModalTest(config, contents.payload, checkpoint.string(), ctx, &t.samples);
    return t;
}

TrainResult trainAndTest(const TrainRequest &request)
{
    if (!hasHeldOutTest(request.config) || request.rank != 0)
        return train(request);
    std::optional<HoldEndSink> sink;
    TrainRequest held = request;
    if (request.sink)
        held.sink = &sink.emplace(*request.sink);
    std::optional<RunEvent> end;
    held.onEvent = [&request, &end](const RunEvent &ev) {
        if (ev.kind == "end")
            end = ev;
        else if (request.onEvent)
            request.onEvent(ev);
    };
    TrainResult result = train(held);

    auto deliver = [&request](const RunEvent &ev) {
        if (request.sink)
            request.sink->addEvent(ev);
        if (request.onEvent)
            request.onEvent(ev);
    };
    json body = end ? json::parse(end->json) : json{{"event", "end"}, {"status", toString(result.status)}};
    if (result.status == TrainStatus::Finished || result.status == TrainStatus::EarlyStopped) {
        try {
            if (const auto checkpoint = heldOutTestCheckpoint(request.outDir)) {
                const HeldOutTest t = scoreHeldOutTest(*checkpoint);
                for (const auto &[key, value] : t.metrics) {
                    result.finalMetrics[key] = value;
                    body["final"][key] = value;
                }
                body["test"] = {{"checkpoint", t.checkpoint}, {"step", t.step}, {"samples", t.samples}};
            }
        } catch (const std::exception &e) {
            const double now
                = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
            const json warning{{"event", "warning"},
                               {"message", std::string("the test split was not scored: ") + e.what()},
                               {"step", result.step},
                               {"time", now},
                               {"rank", request.rank}};
            deliver({"warning", result.step, now, request.rank, warning.dump()});
        }
    }
    deliver({"end", end ? end->step : result.step, end ? end->wallTime : 0.0, request.rank, body.dump()});
    if (request.sink) {
        try {
            request.sink->flush();
        } catch (const std::exception &e) {
            // As train() does: the end event is out; the run is not recorded as finished.
            if (result.status != TrainStatus::Failed) {
                result.status = TrainStatus::Failed;
                result.message = std::string("cannot store the run's record: ") + e.what();
            }
        }
    }
    return result;
}

} // namespace seekbench
