#include "seekbench/engine/trainer.h"
#include "seekbench/engine/precision.h"

#include "autocast.h"
#include "checkpoint.h"
#include "cuda_device.h"
#include "environment.h"
#include "fused_adamw.h"
#include "grad_scaler.h"
#include "gradient_sync.h"
#include "memory_tracking.h"
#include "model.h"
#include "optimizer_step.h"
#include "process_group.h"
#include "seekbench/aml/data.h"
#include "seekbench/config/config_io.h"
#include "seekbench/config/estimates.h"
#include "seekbench/config/lr_schedule.h"
#include "seekbench/config/machine_memory.h"
#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/run/confusion_matrix.h"
#include "seekbench/run/disk_full.h"
#include "seekbench/run/json_lines_sink.h"
#include "system_monitor.h"
#include "training_task.h"
#include "zero_optimizer.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <new>

namespace seekbench {

namespace engine {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

// A run whose memory estimate exceeds the machine's memory, refused before anything is
// allocated (TrainRequest::ignoreMemoryCheck overrides).
class MemoryRefused : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The estimate of this run's training memory: from the config, or for the AML graph model
// (whose memory grows with the data) from the shape of the data it was given.
MemoryEstimate runMemoryEstimate(const RunConfig &cfg, const DatasetSource *dataset)
{
    MemoryEstimate need = estimateTrainingMemory(cfg, cfg.training.precision, cfg.training.batch_size);
    if (need.available)
        return need;
    if (const auto *source = dynamic_cast<const aml::AmlDataset *>(dataset)) {
        AmlDataShape shape;
        shape.transactions = std::int64_t(source->data.tx.size());
        shape.accounts = std::int64_t(source->data.accounts.size());
        if (!source->data.tx.time.empty()) {
            const auto [lo, hi] = std::minmax_element(source->data.tx.time.begin(), source->data.tx.time.end());
            shape.spanDays = (*hi - *lo) / 86400.0;
        }
        need = estimateAmlTrainingMemory(cfg, cfg.training.precision, cfg.training.batch_size, shape);
    }
    return need;
}

// What a failure says to the user: LibTorch's message without its C++ stack trace, and an
// allocation failure named as running out of memory.
std::string failureText(const std::exception &e, const std::string &during)
{
    if (dynamic_cast<const std::bad_alloc *>(&e))
        return "out of memory " + during + ": an allocation failed (this machine has "
               + bytesText(machineMemory().totalBytes) + ")";
    if (const auto *torchError = dynamic_cast<const c10::Error *>(&e)) {
        const std::string text = torchError->what_without_backtrace();
        const bool oom = text.find("can't allocate memory") != std::string::npos
                         || text.find("out of memory") != std::string::npos
                         || text.find("Cannot allocate memory") != std::string::npos;
        if (oom)
            return "out of memory " + during + " (this machine has " + bytesText(machineMemory().totalBytes)
                   + "): " + text.substr(0, text.find('\n'));
        return text;
    }
    return e.what();
}

double wallNow()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

class Trainer
{
public:
    explicit Trainer(const TrainRequest &request) : m_req(request), m_cfg(request.config), m_t(request.config.training)
    {}

    TrainResult run();

private:
    void setup();
    void emit(const std::string &kind, json body, std::int64_t step);
    void warn(const std::string &message);
    void resume();
    std::map<std::string, double> evaluate();
    // The last evaluation's confusion matrix (and, when it is the best, the best one's)
    // into the run folder, by rank 0, for classification tasks.
    void writeConfusion(bool isBest);
    // The task's examples for the run's report (TrainingTask::writeExamples), once training has ended.
    void writeExamples();
    void recordStep(double loss, double aux, double gradNorm, double stepSeconds, double commSeconds,
                    bool overflowSkipped);
    bool checkpoint(bool isBest);
    // Every rank at the same steps: with ZeRO-1 the optimizer state is gathered first.
    void checkpointAllRanks(bool isBest);
    void applyRetention();
    // A checkpoint or the sink ran out of room (m_diskFull says where): the run must end.
    bool diskFull();
    void failForDiskFull();
    std::vector<at::Tensor> parameters() const { return m_module->parameters(); }
    StepContext stepContext() const { return {m_device, m_autocast, m_autocastDtype}; }

    const TrainRequest &m_req;
    RunConfig m_cfg;
    const TrainingConfig &m_t;
    TrainResult m_result;
    TrainingState m_state;
    std::unique_ptr<TrainingTask> m_task;
    torch::nn::Module *m_module = nullptr;
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    std::unique_ptr<GradScaler> m_scaler;
    std::unique_ptr<SystemMonitor> m_monitor;
    std::unique_ptr<ProcessGroup> m_group; // null for a single process
    std::unique_ptr<GradientSync> m_gradSync;
    bool leader() const { return m_req.rank == 0; }
    // Sums small host-side figures over ranks (a no-op for one process).
    std::vector<double> reduceSum(std::vector<double> values);
    torch::Device m_device{torch::kCPU};
    int m_cudaDevice = -1;       // the rank's CUDA device (LOCAL_RANK), -1 on CPU
    PrecisionChoice m_precision; // training.precision resolved (auto measured here)
    bool m_autocast = false;
    at::ScalarType m_autocastDtype = at::kBFloat16;
    Clock::time_point m_started;
    std::int64_t m_startStep = 0;
    std::int64_t m_lastEvalStep = -1;
    std::int64_t m_lastCheckpointStep = -1;
    std::unique_ptr<ZeroOptimizer> m_zero;    // training.zero_stage 1 with several ranks
    std::int64_t m_sharedCheckpointStep = -1; // the same on every rank (ZeRO-1 saves are collective)
    std::vector<std::int64_t> m_checkpointSteps;
    std::vector<MetricPoint> m_points;
    BlasInfo m_blas;
    std::string m_diskFull; // "disk full: cannot write PATH: ...", empty while there is room
};

void Trainer::emit(const std::string &kind, json body, std::int64_t step)
{
    const double now = wallNow();
    body["event"] = kind;
    body["step"] = step;
    body["time"] = now;
    body["rank"] = m_req.rank;
    RunEvent ev{kind, step, now, m_req.rank, body.dump()};
    if (m_req.sink)
        m_req.sink->addEvent(ev);
    if (m_req.onEvent)
        m_req.onEvent(ev);
}

void Trainer::warn(const std::string &message) { emit("warning", {{"message", message}}, m_state.step); }

void Trainer::setup()
{
    if (!m_req.ignoreMemoryCheck) {
        const std::string refusal = trainingMemoryRefusal(runMemoryEstimate(m_cfg, m_req.dataset.get()), m_t.device,
                                                          machineMemory());
        if (!refusal.empty())
            throw MemoryRefused("refused before allocating: " + refusal);
    }
    configureAllocatorForTraining();
    const int threads = trainingThreads(m_cfg);
    at::set_num_threads(threads);
    m_blas = loadedBlas();
    if (m_blas.reference)
        warn("the reference BLAS is loaded (" + m_blas.detail
             + "): training will be many times slower; "
               "install libopenblas0-openmp");
    if (m_t.device == "cuda") {
        // One device per rank on a node: LOCAL_RANK picks it (0 for a single process).
        m_cudaDevice = cuda::deviceIndexForLocalRank(m_req.rankEnvironment.localRank, cuda::deviceCount());
        cuda::setDevice(m_cudaDevice);
        m_device = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(m_cudaDevice));
    }
    // precision: auto measures here (cached per machine); every rank then follows rank 0.
    m_precision = resolvePrecision(m_cfg, threads, m_cudaDevice);

    torch::manual_seed(m_t.seed);
    m_task = makeTrainingTask(m_cfg, m_req.rank, m_req.worldSize, m_req.dataset);
    m_module = &m_task->module();
    m_module->to(m_device);
    // One process trains alone, unless a launcher started it as a rank and the config names
    // the backend: then it joins a group of one, as torchrun's single rank does (the path
    // that checks NCCL on a one-GPU machine).
    const bool launchedRank = m_req.rankEnvironment.source != "single";
    if (m_req.worldSize > 1 || (launchedRank && m_t.backend != "auto")) {
        ProcessGroupOptions opts;
        opts.backend = resolveBackend(m_t.backend, m_device.is_cuda(), ncclAvailable());
        opts.cudaDevice = m_cudaDevice;
        opts.timeout = std::chrono::seconds(m_req.collectiveTimeoutSeconds);
        opts.externalStore = m_req.storeHostedByLauncher;
        RankEnvironment env = m_req.rankEnvironment;
        env.rank = m_req.rank;
        env.worldSize = m_req.worldSize;
        m_group = ProcessGroup::connect(env, opts);
        // Identical initial weights on every rank, then per-rank dropout streams.
        std::vector<at::Tensor> state = m_module->parameters();
        for (const auto &b : m_module->buffers())
            state.push_back(b);
        GradientSync::broadcastFromRankZero(*m_group, state);
        if (m_t.precision == "auto") {
            at::Tensor bf16 = at::full({1}, m_precision.precision == "bf16" ? 1 : 0, at::kInt).to(m_device);
            GradientSync::broadcastFromRankZero(*m_group, {bf16});
            const std::string rankZero = bf16.cpu().item<int>() ? "bf16" : "fp32";
            if (rankZero != m_precision.precision)
                m_precision.reason += "; rank 0 chose " + rankZero + ", which every rank follows";
            m_precision.precision = rankZero;
        }
        m_gradSync = std::make_unique<GradientSync>(*m_group, m_module->parameters());
        torch::manual_seed(m_t.seed + 1000003ull * std::uint64_t(m_req.rank));
    }

    // No weight decay on norms and biases (1-d parameters), as usual for transformers.
    std::vector<at::Tensor> decay, noDecay;
    for (const auto &p : m_module->parameters())
        (p.dim() >= 2 ? decay : noDecay).push_back(p);
    if (m_t.optimizer == "sgd") {
        auto opts = torch::optim::SGDOptions(m_t.lr).momentum(m_t.momentum);
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(decay, std::make_unique<torch::optim::SGDOptions>(
                                       torch::optim::SGDOptions(opts).weight_decay(m_t.weight_decay)));
        groups.emplace_back(noDecay,
                            std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(opts).weight_decay(0)));
        m_optimizer = std::make_unique<torch::optim::SGD>(std::move(groups), opts);
    } else {
        auto opts = torch::optim::AdamWOptions(m_t.lr).betas({m_t.beta1, m_t.beta2}).eps(m_t.eps);
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                       torch::optim::AdamWOptions(opts).weight_decay(m_t.weight_decay)));
        groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(
                                         torch::optim::AdamWOptions(opts).weight_decay(0)));
        m_optimizer = std::make_unique<FusedAdamW>(std::move(groups), opts);
    }
    if (m_group && m_t.zero_stage == 1)
        m_zero = std::make_unique<ZeroOptimizer>(*m_group, m_module->parameters());
    m_autocast = m_precision.precision != "fp32";
    if (m_precision.precision == "bf16" && m_t.device == "cpu") {
        const std::string flags = cpuFlags();
        if (flags.find("avx512_bf16") == std::string::npos && flags.find("amx_bf16") == std::string::npos)
            warn("bf16 on a CPU without avx512_bf16 or AMX: LibTorch's bf16 matmuls take a slow path here "
                 "(measured 10x slower than fp32); bf16 still saves activation memory");
    }
    m_autocastDtype = m_precision.precision == "fp16" ? at::kHalf : at::kBFloat16;
    if (m_precision.precision == "fp16") {
        GradScaler::Options scaling;
        scaling.initScale = m_t.loss_scale_init;
        scaling.growthInterval = m_t.loss_scale_growth_interval;
        m_scaler = std::make_unique<GradScaler>(scaling);
    }

    json start = {{"name", m_cfg.name},
                  {"config_hash", configHash(m_cfg)},
                  {"parameters", parameterCount(*m_module)},
                  {"max_steps", m_t.max_steps},
                  {"world_size", m_req.worldSize},
                  {"backend", m_group ? m_group->backend() : std::string("none")},
                  {"device", m_device.str()},
                  {"precision", m_precision.precision},
                  {"environment", json::parse(environmentJson(m_t.seed, m_task->dataFingerprint()))}};
    start["environment"]["precision"] = m_precision.precision;
    start["environment"]["precision_selection"] = m_precision.reason;
    emit("start", start, 0);
    if (leader())
        m_task->writeArtifacts(m_req.outDir);
}

void Trainer::resume()
{
    if (!m_req.resumeFrom)
        return;
    const auto &from = *m_req.resumeFrom;
    CheckpointContents contents;
    std::vector<std::string> skipped = m_req.resumeNotes;
    if (std::filesystem::is_directory(from)) {
        // From a folder, a damaged newest checkpoint falls back to the one before it.
        auto found = findResumeCheckpoint(from);
        if (!found)
            throw CheckpointError("no checkpoint to resume from in " + checkpointsDir(from).string());
        contents = std::move(found->contents);
        skipped.insert(skipped.end(), found->skipped.begin(), found->skipped.end());
    } else {
        contents = readCheckpointFile(from);
    }
    for (const auto &note : skipped)
        warn(note);
    const std::string source = contents.info.path.string();
    loadTrainingPayload(contents.payload, source, *m_module, *m_optimizer, m_state, m_scaler.get());
    m_task->seek(m_state.epoch, m_state.cursor);
    const json header = json::parse(contents.info.headerJson);
    if (header.value("threads", 0) != at::get_num_threads())
        warn("the checkpoint was written with " + std::to_string(header.value("threads", 0)) + " threads, this run uses "
             + std::to_string(at::get_num_threads()) + ": results may differ in the last bits");
    if (header.value("blas", std::string()) != m_blas.name)
        warn("the checkpoint was written with " + header.value("blas", std::string("an unknown BLAS"))
             + ", this run uses " + m_blas.name);
    if (header.value("config_hash", std::string()) != configHash(m_cfg))
        warn("the config differs from the one the checkpoint was written with");
    m_lastCheckpointStep = m_state.step;
    m_lastEvalStep = m_state.step;
    if (m_zero) {
        m_zero->releaseForeignState(*m_optimizer); // every rank read the whole state
        m_sharedCheckpointStep = m_state.step;
    }
    for (const auto &p : listCheckpoints(m_req.outDir)) {
        try {
            m_checkpointSteps.push_back(readCheckpointInfo(p).step);
        } catch (const CheckpointError &) {
            // A damaged file is left for the user to inspect; it is never deleted.
        }
    }
    json resumed = {{"checkpoint", source}};
    if (!skipped.empty())
        resumed["skipped"] = skipped;
    emit("resumed", resumed, m_state.step);
}

std::vector<double> Trainer::reduceSum(std::vector<double> values)
{
    if (!m_group)
        return values;
    std::vector<at::Tensor> t{torch::tensor(values, torch::kDouble)};
    m_group->allReduceSum(t);
    const auto acc = t[0].accessor<double, 1>();
    for (size_t i = 0; i < values.size(); ++i)
        values[i] = acc[int64_t(i)];
    return values;
}

std::map<std::string, double> Trainer::evaluate()
{
    torch::NoGradGuard noGrad;
    m_module->eval();
    auto metrics = m_task->evaluate(stepContext(), [this](std::vector<double> v) { return reduceSum(std::move(v)); });
    m_module->train();
    return metrics;
}

void Trainer::writeConfusion(bool isBest)
{
    if (!leader() || m_req.outDir.empty())
        return;
    auto matrix = m_task->lastConfusion();
    if (!matrix)
        return;
    matrix->step = m_state.step;
    const std::string text = toJson(*matrix) + "\n";
    std::vector<const char *> names{kConfusionFile};
    if (isBest)
        names.push_back(kBestConfusionFile);
    for (const char *name : names) {
        // A report without it says so; the run goes on (a full disk stops it at the next checkpoint).
        try {
            AtomicFile file(m_req.outDir / name, "confusion matrix");
            file.write(text);
            file.commit();
        } catch (const std::exception &e) {
            warn(std::string("the confusion matrix is not saved: ") + e.what());
        }
    }
}

void Trainer::writeExamples()
{
    if (!leader() || m_req.outDir.empty())
        return;
    // A report without them says so; the run has ended well all the same.
    try {
        m_task->writeExamples(m_req.outDir, m_state.step);
    } catch (const std::exception &e) {
        warn(std::string("the report's examples are not saved: ") + e.what());
    }
}

void Trainer::recordStep(double loss, double aux, double gradNorm, double stepSeconds, double commSeconds,
                         bool overflowSkipped)
{
    const std::int64_t step = m_state.step;
    const double now = wallNow();
    const double samplesPerStep = double(m_t.batch_size) * m_t.grad_accum_steps * m_req.worldSize;
    const double elapsed = std::chrono::duration<double>(Clock::now() - m_started).count();
    const double done = double(step - m_startStep);
    const double eta = done > 0 ? elapsed / done * double(m_t.max_steps - step) : 0.0;
    const double lr = learningRateAt(m_t, step - 1);
    const double sps = stepSeconds > 0 ? samplesPerStep / stepSeconds : 0.0;

    m_points.clear();
    auto add = [&](const char *key, double value) { m_points.push_back({key, step, now, m_req.rank, value}); };
    // Global figures (reduced over ranks) come from rank 0; every rank reports its own
    // throughput, timing and memory.
    if (leader()) {
        add("train/loss", loss);
        add("train/lr", lr);
        add("train/grad_norm", gradNorm);
        if (m_task->hasAuxLoss())
            add("train/aux_loss", aux);
        add("train/epoch", m_task->epochProgress());
    }
    add("train/samples_per_s", sps);
    if (m_task->tokensPerSample() > 0)
        add("train/tokens_per_s", sps * m_task->tokensPerSample());
    add("train/step_time_s", stepSeconds);
    if (m_scaler && leader()) // fp16: the scale after this step (halved when it overflowed)
        add("train/loss_scale", m_scaler->currentScale());
    if (m_group)
        add("train/comm_time_s", commSeconds);
    if (countingCpuAllocatorInstalled())
        add("train/peak_tensor_bytes", double(cpuTensorMemory().peakBytes));
    if (m_group) // plain data parallel against ZeRO-1's shard
        add("train/optimizer_state_bytes", double(ZeroOptimizer::stateBytes(*m_optimizer)));
    if (m_req.sink)
        m_req.sink->addMetrics(m_points);
    if (m_req.onEvent) {
        json body = {{"loss", loss},
                     {"lr", lr},
                     {"grad_norm", gradNorm},
                     {"samples_per_s", sps},
                     {"tokens_per_s", sps * m_task->tokensPerSample()},
                     {"step_time_s", stepSeconds},
                     {"elapsed_s", elapsed},
                     {"eta_s", eta}};
        if (m_task->hasAuxLoss())
            body["aux_loss"] = aux;
        if (m_scaler) {
            body["loss_scale"] = m_scaler->currentScale();
            if (overflowSkipped)
                body["overflow_skipped"] = true;
        }
        emit("step", std::move(body), step);
    }
    m_result.finalMetrics["train/loss"] = loss;
}

void Trainer::checkpointAllRanks(bool isBest)
{
    if (!m_zero) {
        if (leader())
            checkpoint(isBest);
        return;
    }
    m_zero->gatherState(*m_optimizer);
    if (leader())
        checkpoint(isBest);
    m_zero->releaseForeignState(*m_optimizer);
    m_sharedCheckpointStep = m_state.step;
}

bool Trainer::checkpoint(bool isBest)
{
    const auto path = checkpointPath(m_req.outDir, m_state.step);
    // A checkpoint at step k promises a record up to k: a resume supersedes what follows
    // it, so the points before it must be durable first, or a full disk would leave a gap.
    if (m_req.sink) {
        try {
            m_req.sink->flush();
        } catch (const std::exception &e) {
            if (diskFull())
                return false;
            warn(std::string("the metrics before this checkpoint are not stored yet: ") + e.what());
        }
    }
    m_state.epoch = m_task->epoch();
    m_state.cursor = m_task->cursor();
    json header = {{"format", 1},
                   {"step", m_state.step},
                   {"epoch", m_state.epoch},
                   {"cursor", m_state.cursor},
                   {"config_hash", configHash(m_cfg)},
                   {"config_yaml", toYaml(m_cfg)},
                   {"threads", at::get_num_threads()},
                   {"blas", m_blas.name},
                   {"torch_version", torchVersion()},
                   {"created", wallNow()},
                   {"best", isBest}};
    if (m_state.hasBest)
        header["best_metric"] = m_state.bestMetric;
    try {
        const auto payload = saveTrainingPayload(*m_module, *m_optimizer, m_state, m_scaler.get());
        writeCheckpointFile(path, header.dump(), payload);
    } catch (const CheckpointError &e) {
        // A full disk ends the run (at the next step, on every rank): training on would lose
        // every later step's checkpoint and record. The failed write left no file; the last
        // good checkpoint stays.
        if (isDiskFullErrno(e.systemError())) {
            m_diskFull = e.what();
            return false;
        }
        emit("checkpoint_failed", {{"path", path.string()}, {"message", e.what()}}, m_state.step);
        return false;
    } catch (const std::exception &e) {
        // Any other failure must be seen, not swallowed; training goes on with the older ones.
        emit("checkpoint_failed", {{"path", path.string()}, {"message", e.what()}}, m_state.step);
        return false;
    }
    if (std::find(m_checkpointSteps.begin(), m_checkpointSteps.end(), m_state.step) == m_checkpointSteps.end())
        m_checkpointSteps.push_back(m_state.step);
    m_lastCheckpointStep = m_state.step;
    m_result.lastCheckpoint = path;
    emit("checkpoint", {{"path", path.string()}, {"best", isBest}}, m_state.step);
    applyRetention();
    return true;
}

bool Trainer::diskFull()
{
    if (m_diskFull.empty() && m_req.sink)
        m_diskFull = m_req.sink->fatalError();
    return !m_diskFull.empty();
}

void Trainer::failForDiskFull()
{
    m_result.status = TrainStatus::Failed;
    m_result.message = m_diskFull.empty() ? "another rank ran out of disk space; every rank stopped" : m_diskFull;
    if (!m_result.lastCheckpoint.empty())
        m_result.message += "; the last good checkpoint is " + m_result.lastCheckpoint.string();
}

void Trainer::applyRetention()
{
    std::sort(m_checkpointSteps.begin(), m_checkpointSteps.end());
    const size_t keep = static_cast<size_t>(std::max(1, m_t.keep_last));
    std::vector<std::int64_t> kept;
    for (size_t i = 0; i < m_checkpointSteps.size(); ++i) {
        const auto step = m_checkpointSteps[i];
        const bool recent = i + keep >= m_checkpointSteps.size();
        const bool best = m_t.keep_best && m_state.hasBest && step == m_state.bestStep;
        if (recent || best) {
            kept.push_back(step);
            continue;
        }
        std::error_code ec;
        std::filesystem::remove(checkpointPath(m_req.outDir, step), ec);
    }
    m_checkpointSteps = kept;
}

TrainResult Trainer::run()
{
    try {
        setup();
        resume();
    } catch (const std::exception &e) {
        m_result.status = TrainStatus::Failed;
        m_result.message = failureText(e, "while building the model");
        m_result.inputError = dynamic_cast<const CheckpointError *>(&e) != nullptr
                              || dynamic_cast<const MemoryRefused *>(&e) != nullptr;
        emit("end", {{"status", "failed"}, {"message", m_result.message}}, m_state.step);
        return m_result;
    }

    m_module->train();
    m_started = Clock::now();
    m_startStep = m_state.step;
    m_monitor = std::make_unique<SystemMonitor>(
        m_req.rank, m_t.system_sample_hz,
        [this](const SystemSample &s) {
            if (m_req.sink)
                m_req.sink->addSystemSample(s);
            if (m_req.onEvent)
                m_req.onEvent({"system", m_state.step, s.wallTime, s.rank, systemSampleJson(s)});
        },
        m_cudaDevice);
    m_monitor->start();

    m_result.status = TrainStatus::Finished;
    const auto params = parameters();
    GradientBuffers gradients(params);
    try {
        while (m_state.step < m_t.max_steps) {
            // With several ranks the decision to stop is collective, or the others would
            // wait in their next all-reduce until the timeout. A full disk on any rank
            // stops them all.
            const bool cancelHere = m_req.cancel && m_req.cancel->isCancelled();
            const bool fullHere = diskFull();
            bool cancel = cancelHere, full = fullHere;
            if (m_group) {
                const auto votes = reduceSum({cancelHere ? 1.0 : 0.0, fullHere ? 1.0 : 0.0});
                cancel = votes[0] > 0;
                full = votes[1] > 0;
            }
            if (full) {
                failForDiskFull();
                break;
            }
            if (cancel) {
                m_result.status = TrainStatus::Cancelled;
                break;
            }
            const auto stepStart = Clock::now();
            const double lr = learningRateAt(m_t, m_state.step);
            for (auto &group : m_optimizer->param_groups())
                group.options().set_lr(lr);
            gradients.release();

            double lossSum = 0, auxSum = 0;
            for (int m = 0; m < m_t.grad_accum_steps; ++m) {
                const MicroStep micro = m_task->trainMicroStep(stepContext());
                const at::Tensor loss = micro.loss / double(m_t.grad_accum_steps);
                lossSum += micro.taskLoss;
                auxSum += micro.auxLoss;
                (m_scaler ? m_scaler->scale(loss) : loss).backward();
            }
            gradients.restoreMissing();
            double commSeconds = 0;
            if (m_gradSync) {
                commSeconds = m_gradSync->synchronize();
                const auto global = reduceSum({lossSum, auxSum});
                lossSum = global[0] / m_req.worldSize;
                auxSum = global[1] / m_req.worldSize;
            }
            const double loss = lossSum / m_t.grad_accum_steps;
            const StepOutcome outcome = finishStep(m_scaler.get(), params, loss, m_t.grad_clip,
                                                   m_t.on_nonfinite == "stop", [this] {
                                                       if (m_zero)
                                                           m_zero->dropForeignGradients();
                                                       m_optimizer->step();
                                                   });
            const double gradNorm = outcome.gradNorm;
            if (outcome.decision == StepDecision::Diverged) {
                m_result.status = TrainStatus::Diverged;
                m_result.message = "diverged at step " + std::to_string(m_state.step + 1) + ": "
                                   + (std::isfinite(loss) ? "gradient norm" : "loss") + " is not finite";
                break;
            }
            if (outcome.decision == StepDecision::Stepped && m_zero)
                commSeconds += m_zero->broadcastParameters();
            else if (outcome.decision == StepDecision::SkippedNonFinite)
                warn("skipped step " + std::to_string(m_state.step + 1) + ": non-finite loss or gradient norm");
            ++m_state.step;

            const double stepSeconds = std::chrono::duration<double>(Clock::now() - stepStart).count();
            if (m_state.step % m_t.log_every == 0 || m_state.step == m_t.max_steps)
                recordStep(loss, auxSum / m_t.grad_accum_steps, gradNorm, stepSeconds, commSeconds,
                           outcome.decision == StepDecision::SkippedOverflow);

            bool isBest = false;
            if (m_t.eval_every > 0 && m_state.step % m_t.eval_every == 0) {
                const auto metrics = evaluate();
                m_lastEvalStep = m_state.step;
                std::vector<MetricPoint> points;
                json body;
                for (const auto &[k, v] : metrics) {
                    points.push_back({k, m_state.step, wallNow(), m_req.rank, v});
                    body[k.substr(5)] = v;
                    m_result.finalMetrics[k] = v;
                }
                if (m_req.sink && leader())
                    m_req.sink->addMetrics(points);
                const std::string key = "eval/" + m_t.early_stopping_metric.substr(5);
                if (metrics.count(key)) {
                    const double v = metrics.at(key);
                    if (!m_state.hasBest
                        || (m_task->higherIsBetter(key) ? v > m_state.bestMetric : v < m_state.bestMetric)) {
                        m_state.bestMetric = v;
                        m_state.hasBest = true;
                        m_state.bestStep = m_state.step;
                        m_state.evalsWithoutImprovement = 0;
                        isBest = true;
                        m_result.bestMetrics = metrics;
                    } else {
                        ++m_state.evalsWithoutImprovement;
                    }
                }
                writeConfusion(isBest);
                emit("eval", body, m_state.step);
            }
            const bool periodic = m_t.checkpoint_every > 0 && m_state.step % m_t.checkpoint_every == 0;
            if (periodic || (isBest && m_t.keep_best))
                checkpointAllRanks(isBest);
            if (m_t.early_stopping_patience > 0 && m_state.evalsWithoutImprovement >= m_t.early_stopping_patience) {
                m_result.status = TrainStatus::EarlyStopped;
                break;
            }
        }
        if (m_result.status != TrainStatus::Diverged && m_result.status != TrainStatus::Failed) {
            if (m_lastEvalStep != m_state.step && m_result.status != TrainStatus::Cancelled) {
                for (const auto &[k, v] : evaluate())
                    m_result.finalMetrics[k] = v;
                writeConfusion(false);
            }
            if ((m_zero ? m_sharedCheckpointStep : m_lastCheckpointStep) != m_state.step)
                checkpointAllRanks(false);
            if (m_result.status != TrainStatus::Cancelled)
                writeExamples();
        }
    } catch (const std::exception &e) {
        m_result.status = TrainStatus::Failed;
        m_result.message = failureText(e, "while training");
    }
    m_monitor->stop();
    // The record must be durable before the end event may call the run anything but failed.
    if (m_req.sink && m_result.status != TrainStatus::Failed) {
        try {
            m_req.sink->flush();
        } catch (const std::exception &e) {
            if (!diskFull()) {
                m_result.status = TrainStatus::Failed;
                m_result.message = std::string("cannot store the run's record: ") + e.what();
            }
        }
    }
    if (diskFull() && m_result.status != TrainStatus::Diverged && m_result.status != TrainStatus::Failed)
        failForDiskFull();
    if (countingCpuAllocatorInstalled())
        m_result.finalMetrics["train/peak_tensor_bytes"] = double(cpuTensorMemory().peakBytes);
    m_result.step = m_state.step;
    json end = {{"status", toString(m_result.status)}, {"final", m_result.finalMetrics}, {"best", m_result.bestMetrics}};
    if (!m_result.message.empty())
        end["message"] = m_result.message;
    if (!m_result.lastCheckpoint.empty())
        end["checkpoint"] = m_result.lastCheckpoint.string();
    emit("end", end, m_state.step);
    if (m_req.sink) {
        try {
            m_req.sink->flush();
        } catch (const std::exception &e) {
            // The end event is on the live channel; the caller records the run's end.
            if (m_result.status != TrainStatus::Failed) {
                m_result.status = TrainStatus::Failed;
                m_result.message = std::string("cannot store the run's record: ") + e.what();
            }
        }
    }
    return m_result;
}

} // namespace
} // namespace engine

BuildCapabilities engineCapabilities()
{
    BuildCapabilities caps;
    caps.cudaBuild = engine::cuda::built();
    caps.cudaDevice = engine::cuda::deviceCount() > 0;
    caps.nccl = engine::cuda::ncclBuilt();
    return caps;
}

void enableTensorMemoryTracking() { engine::installCountingCpuAllocator(); }

TrainResult train(const TrainRequest &request)
{
    engine::Trainer trainer(request);
    return trainer.run();
}

} // namespace seekbench
