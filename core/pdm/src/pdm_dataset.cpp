#include "seekbench/pdm/pdm_dataset.h"

#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/formats/small_file.h"

#include <cstring>
#include <fstream>
#include <stdexcept>

namespace seekbench::pdm {

namespace {

constexpr char kMagic[8] = {'S', 'B', 'P', 'D', 'M', 'O', 'U', 'T'};
constexpr std::uint32_t kVersion = 1;

struct Header
{
    char magic[8];
    std::uint32_t version;
    std::uint32_t modes, history, sensors, embedding;
    std::uint32_t crc; // of everything after the header
    std::uint64_t fingerprint;
    std::int64_t windows;
};
static_assert(sizeof(Header) == 48);

std::uint64_t mix(std::uint64_t h, std::uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

// The arrays in file order, with their element counts (no attention: history and sensors 0).
template<typename F>
void eachArray(ModelOutputs &o, F &&f)
{
    const auto n = std::size_t(o.windows);
    f(o.scores, n * std::size_t(o.modes));
    f(o.rul, n);
    f(o.temporal, n * std::size_t(o.history));
    f(o.sensor, n * std::size_t(o.sensors));
    f(o.features, n * std::size_t(o.embedding));
}

} // namespace

WindowOptions windowOptionsOf(const RunConfig &config, TimeUnit unit)
{
    const PdmConfig &p = config.pdm;
    WindowOptions o = defaultWindowOptions(unit);
    if (p.step > 0)
        o.step = p.step;
    if (p.history > 0)
        o.history = p.history;
    o.stride = p.stride;
    if (p.horizon > 0)
        o.horizon = p.horizon;
    if (p.baseline >= 0)
        o.baseline = p.baseline;
    if (p.rul_cap > 0)
        o.rul_cap = p.rul_cap;
    o.validation_share = p.validation_share;
    o.test_share = p.test_share;
    o.seed = config.training.seed;
    return o;
}

double minLeadOf(const RunConfig &config, TimeUnit unit)
{
    if (config.pdm.min_lead > 0)
        return config.pdm.min_lead;
    return unit == TimeUnit::Cycles ? 5.0 : 86400.0;
}

std::uint64_t windowsFingerprint(const Windows &w)
{
    std::uint64_t h = mix(0, w.size());
    h = mix(h, std::uint64_t(w.history));
    h = mix(h, std::uint64_t(w.features));
    for (std::size_t i = 0; i < w.size(); ++i) {
        h = mix(h, std::uint64_t(w.machine[i]) << 32 | std::uint32_t(w.end_step[i]));
        h = mix(h, std::uint64_t(w.split[i]));
    }
    for (std::int8_t f : w.failure)
        h = mix(h, std::uint64_t(f));
    return h;
}

bool writeModelOutputs(const std::filesystem::path &file, const ModelOutputs &outputs, std::string &error)
{
    ModelOutputs o = outputs;
    if (o.temporal.empty()) // a model without attention
        o.history = 0;
    if (o.sensor.empty())
        o.sensors = 0;
    std::string body;
    bool sizes = true;
    eachArray(o, [&](std::vector<float> &v, std::size_t n) {
        sizes = sizes && v.size() == n;
        body.append(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(float));
    });
    if (!sizes) {
        error = "model outputs for " + file.string() + " do not match their own shape";
        return false;
    }
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kVersion;
    h.modes = std::uint32_t(o.modes);
    h.history = std::uint32_t(o.history);
    h.sensors = std::uint32_t(o.sensors);
    h.embedding = std::uint32_t(o.embedding);
    h.fingerprint = o.fingerprint;
    h.windows = o.windows;
    h.crc = crc32c(body.data(), body.size());
    try {
        AtomicFile out(file, "model outputs");
        out.write(&h, sizeof h);
        out.write(body);
        out.commit();
    } catch (const std::exception &e) {
        error = e.what();
        return false;
    }
    return true;
}

ModelOutputs readModelOutputs(const std::filesystem::path &file, std::uint64_t expectedFingerprint)
{
    const auto fail = [&](const std::string &why) { throw std::runtime_error(file.string() + ": " + why); };
    if (const std::string problem = regularFileProblem(file); !problem.empty())
        fail(problem);
    std::ifstream in(file, std::ios::binary);
    in.seekg(0, std::ios::end);
    const auto size = std::uint64_t(in.tellg());
    in.seekg(0);
    Header h{};
    if (size < sizeof h || !in.read(reinterpret_cast<char *>(&h), sizeof h) || std::memcmp(h.magic, kMagic, 8) != 0)
        fail("not a Seekbench model outputs file");
    if (h.version != kVersion)
        fail("version " + std::to_string(h.version) + " is not the one this build reads (" + std::to_string(kVersion)
             + ")");
    const std::uint64_t columns = std::uint64_t(h.modes) + 1 + h.history + h.sensors + h.embedding;
    if (h.windows < 0 || h.modes > 1024 || h.history > 4096 || h.sensors > 4096 || h.embedding > 65536
        || (size - sizeof h) != std::uint64_t(h.windows) * columns * sizeof(float))
        fail("its header says " + std::to_string(h.windows) + " windows of " + std::to_string(columns)
             + " values, which does not match its " + std::to_string(size) + " bytes");
    if (expectedFingerprint != 0 && h.fingerprint != expectedFingerprint)
        fail("it holds the outputs of other windows (the fleet or the run's window options changed since)");
    ModelOutputs o;
    o.fingerprint = h.fingerprint;
    o.windows = h.windows;
    o.modes = int(h.modes);
    o.history = int(h.history);
    o.sensors = int(h.sensors);
    o.embedding = int(h.embedding);
    std::string body(size - sizeof h, '\0');
    in.read(body.data(), std::streamsize(body.size()));
    if (!in || crc32c(body.data(), body.size()) != h.crc)
        fail("its checksum does not match: the file is damaged");
    std::size_t at = 0;
    eachArray(o, [&](std::vector<float> &v, std::size_t n) {
        v.resize(n);
        std::memcpy(v.data(), body.data() + at, n * sizeof(float));
        at += n * sizeof(float);
    });
    return o;
}

} // namespace seekbench::pdm
