// inspect attention | sanity | testset | serve: attention capture of a trained cross-modal
// run, headless; serve is the desktop inspector's helper process (inspect_serve.h).
// The work is in the engine (seekbench/engine/attention_inspect.h) and core_api (JSON,
// overlay, PNG); this file parses arguments and finds the run's checkpoint.

#include "commands.h"
#include "inspect_serve.h"

#include "seekbench/attention_inspection.h"
#include "seekbench/checkpoint_file.h"
#include "seekbench/engine/attention_inspect.h"
#include "seekbench/idx_file.h"
#include "seekbench/inspection_protocol.h"
#include "seekbench/projects/project.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

namespace seekbench::cli {
namespace {

namespace fs = std::filesystem;

struct BadInput
{
    std::string message;
};

bool parseNumber(const std::string &s, long long &out)
{
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// The run folder from --run DIR, or --project DIR --run-id ID (runs/<id>, checked).
fs::path runFolder(const Options &o)
{
    const auto run = o.get("--run"), project = o.get("--project"), id = o.get("--run-id");
    if (run && (project || id))
        throw BadInput{"give --run DIR or --project DIR --run-id ID, not both"};
    fs::path dir;
    if (run) {
        dir = *run;
    } else {
        if (!project || !id)
            throw BadInput{"--run DIR or --project DIR --run-id ID is required"};
        try {
            dir = projects::ProjectLayout(*project).runDir(*id);
        } catch (const std::exception &e) {
            throw BadInput{e.what()};
        }
    }
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw BadInput{"no run folder " + dir.string()};
    return dir;
}

// --checkpoint FILE (relative to the run folder, and it must stay inside it) or the newest.
fs::path checkpointOf(const Options &o, const fs::path &runDir)
{
    if (const auto c = o.get("--checkpoint")) {
        fs::path p = fs::path(*c).is_absolute() ? fs::path(*c) : runDir / *c;
        std::error_code ec;
        const fs::path canon = fs::weakly_canonical(p, ec), root = fs::weakly_canonical(runDir, ec);
        const auto rel = canon.lexically_relative(root);
        if (rel.empty() || *rel.begin() == "..")
            throw BadInput{"--checkpoint " + *c + " is outside the run folder " + runDir.string()};
        return canon;
    }
    if (auto latest = latestCheckpoint(runDir))
        return *latest;
    throw BadInput{"no checkpoint in " + (runDir / "checkpoints").string()};
}

long long samplesOption(const Options &o, long long fallback)
{
    long long samples = fallback;
    if (const auto s = o.get("--samples"); s && (!parseNumber(*s, samples) || samples < 1 || samples > 10000))
        throw BadInput{"--samples '" + *s + "' is not 1..10000"};
    return samples;
}

int inspectAttentionCommand(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args,
                                   {"--run", "--project", "--run-id", "--checkpoint", "--sample", "--out", "--split",
                                    "--caption-class", "--data-dir", "--scale"},
                                   {"--template", "--gradients"});
    if (!o.error.empty())
        throw BadInput{o.error};
    const fs::path runDir = runFolder(o);
    InspectRequest req;
    req.checkpoint = checkpointOf(o, runDir);
    long long n = 0;
    const auto sample = o.get("--sample");
    if (!sample || !parseNumber(*sample, n) || n < 0)
        throw BadInput{"--sample N (a non-negative index into the split) is required"};
    req.sample = n;
    req.split = o.get("--split").value_or("test");
    if (const auto c = o.get("--caption-class")) {
        if (!parseNumber(*c, n) || n < 0 || n > 9)
            throw BadInput{"--caption-class '" + *c + "' is not a class index 0..9"};
        req.captionClass = int(n);
    }
    req.templateCaption = o.has("--template");
    req.gradients = o.has("--gradients");
    if (const auto d = o.get("--data-dir"))
        req.dataDir = *d;
    int scale = 8;
    if (const auto s = o.get("--scale")) {
        if (!parseNumber(*s, n) || n < 1 || n > 64)
            throw BadInput{"--scale '" + *s + "' is not 1..64"};
        scale = int(n);
    }
    const auto out = o.get("--out");
    if (!out)
        throw BadInput{"--out file.json|file.png is required"};
    const std::string ext = fs::path(*out).extension().string();
    if (ext != ".json" && ext != ".png")
        throw BadInput{"--out " + *out + ": the file name must end in .json or .png"};

    const AttentionInspection a = inspectAttention(req);
    if (ext == ".png") {
        writePng(*out, renderAttentionOverlay(a, scale));
    } else {
        std::ofstream f(*out, std::ios::binary | std::ios::trunc);
        f << toJson(a) << "\n";
        f.close();
        if (!f)
            throw std::runtime_error("cannot write " + *out);
    }
    std::printf("sample %lld (%s), caption \"%s\", predicted %d, gate text %.3f image %.3f, %zu attention maps -> %s\n",
                static_cast<long long>(a.index), a.className.c_str(), a.caption.c_str(), a.predictedClass, a.gateText,
                a.gateImage, a.maps.size(), out->c_str());
    return ExitOk;
}

int inspectSanityCommand(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--run", "--project", "--run-id", "--checkpoint", "--samples", "--data-dir"},
                                   {"--json"});
    if (!o.error.empty())
        throw BadInput{o.error};
    const fs::path runDir = runFolder(o);
    const fs::path checkpoint = checkpointOf(o, runDir);
    const long long samples = samplesOption(o, 1000);
    const auto r = measureAttentionSanity(checkpoint, int(samples), o.get("--data-dir").value_or(""));
    if (o.has("--json")) {
        nlohmann::json j{{"checkpoint", checkpoint.string()},
                         {"samples", r.samples},
                         {"object_share", r.objectShare},
                         {"template_object_share", r.templateObjectShare},
                         {"uniform_share", r.uniformShare}};
        std::cout << j.dump(2) << "\n";
    } else {
        std::printf("%d test images: class-token attention on object patches %.3f (full captions), %.3f (templates); "
                    "uniform %.3f\n",
                    r.samples, r.objectShare, r.templateObjectShare, r.uniformShare);
    }
    return ExitOk;
}

int inspectTestSetCommand(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--run", "--project", "--run-id", "--checkpoint", "--samples", "--data-dir", "--out"}, {});
    if (!o.error.empty())
        throw BadInput{o.error};
    const fs::path runDir = runFolder(o);
    const fs::path checkpoint = checkpointOf(o, runDir);
    const long long samples = samplesOption(o, 10000);
    AttentionSession session(checkpoint, o.get("--data-dir").value_or(""));
    const TestSetSummary summary = session.testSet(int(samples));
    if (const auto out = o.get("--out")) {
        std::ofstream f(*out, std::ios::binary | std::ios::trunc);
        f << toJson(summary) << "\n";
        f.close();
        if (!f)
            throw std::runtime_error("cannot write " + *out);
    } else {
        std::cout << toJson(summary) << "\n";
    }
    return ExitOk;
}

int inspectServeCommand(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--run", "--project", "--run-id", "--checkpoint", "--data-dir"}, {});
    std::unique_ptr<AttentionSession> session;
    try {
        if (!o.error.empty())
            throw BadInput{o.error};
        const fs::path runDir = runFolder(o);
        const fs::path checkpoint = checkpointOf(o, runDir);
        session = std::make_unique<AttentionSession>(checkpoint, o.get("--data-dir").value_or(""));
        std::cout << readyLine(checkpoint.string(), session->step(), session->testSamples()) << std::endl;
    } catch (const BadInput &e) {
        std::cout << notReadyLine(e.message) << std::endl;
        throw;
    } catch (const std::exception &e) {
        std::cout << notReadyLine(e.what()) << std::endl;
        throw;
    }
    return serveInspections(*session, std::cin, std::cout);
}

} // namespace

int runInspect(const std::vector<std::string> &args)
{
    const std::string verb = args.empty() ? "" : args[0];
    const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
    try {
        if (verb == "attention")
            return inspectAttentionCommand(rest);
        if (verb == "sanity")
            return inspectSanityCommand(rest);
        if (verb == "testset")
            return inspectTestSetCommand(rest);
        if (verb == "serve")
            return inspectServeCommand(rest);
        throw BadInput{"inspect needs a verb: attention | sanity | testset | serve"};
    } catch (const BadInput &e) {
        std::fprintf(stderr, "seekbench-cli inspect: %s\n", e.message.c_str());
        return ExitBadInput;
    } catch (const CheckpointError &e) {
        std::fprintf(stderr, "seekbench-cli inspect: %s\n", e.what());
        return ExitBadInput;
    } catch (const IdxError &e) {
        std::fprintf(stderr, "seekbench-cli inspect: %s\n", e.what());
        return ExitBadInput;
    } catch (const std::invalid_argument &e) {
        std::fprintf(stderr, "seekbench-cli inspect: %s\n", e.what());
        return ExitBadInput;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "seekbench-cli inspect: %s\n", e.what());
        return ExitRuntime;
    }
}

} // namespace seekbench::cli
