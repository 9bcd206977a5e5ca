// inspect attention | sanity | testset | examples | evaluate | serve: attention capture of a trained cross-modal
// run, headless; serve is the desktop inspector's helper process (inspect_serve.h).
// The work is in the engine (seekbench/engine/attention_inspect.h) and core_api (JSON,
// overlay, PNG); this file parses arguments and finds the run's checkpoint.

#include "support/options.h"
#include "verbs/inspect_serve.h"
#include "verbs/verbs.h"

#include "seekbench/engine/attention_inspect.h"
#include "seekbench/engine/held_out_test.h"
#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/formats/idx_file.h"
#include "seekbench/inspection/attention_examples.h"
#include "seekbench/inspection/attention_inspection.h"
#include "seekbench/inspection/inspection_protocol.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_layout.h"
#include "seekbench/projects/run_store.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

namespace seekbench::cli {
namespace {

namespace fs = std::filesystem;

// Every inspect verb's options (each verb registers the ones it takes).
struct InspectOptions
{
    std::optional<std::string> run, project, runId, checkpoint, sample, out, split, captionClass, dataDir, scale,
        samples;
    bool templateCaption = false, gradients = false, json = false;
};

// The run folder from --run DIR, or --project DIR --run-id ID (runs/<id>, checked).
fs::path runFolder(const InspectOptions &o)
{
    const auto &run = o.run, &project = o.project, &id = o.runId;
    if (run && (project || id))
        throw BadInput("give --run DIR or --project DIR --run-id ID, not both");
    fs::path dir;
    if (run) {
        dir = *run;
    } else {
        if (!project || !id)
            throw BadInput("--run DIR or --project DIR --run-id ID is required");
        try {
            dir = projects::ProjectLayout(*project).runDir(*id);
        } catch (const std::exception &e) {
            throw BadInput(e.what());
        }
    }
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw BadInput("no run folder " + dir.string());
    return dir;
}

// --checkpoint FILE (relative to the run folder, and it must stay inside it) or the newest.
fs::path checkpointOf(const InspectOptions &o, const fs::path &runDir)
{
    if (const auto &c = o.checkpoint) {
        fs::path p = fs::path(*c).is_absolute() ? fs::path(*c) : runDir / *c;
        std::error_code ec;
        const fs::path canon = fs::weakly_canonical(p, ec), root = fs::weakly_canonical(runDir, ec);
        const auto rel = canon.lexically_relative(root);
        if (rel.empty() || *rel.begin() == "..")
            throw BadInput("--checkpoint " + *c + " is outside the run folder " + runDir.string());
        return canon;
    }
    if (auto latest = latestCheckpoint(runDir))
        return *latest;
    throw BadInput("no checkpoint in " + checkpointsDir(runDir).string());
}

long long samplesOption(const InspectOptions &o, long long fallback)
{
    return o.samples ? parseIntegerIn("--samples", *o.samples, 1, 10000) : fallback;
}

int inspectAttentionCommand(const InspectOptions &o)
{
    const fs::path runDir = runFolder(o);
    InspectRequest req;
    req.checkpoint = checkpointOf(o, runDir);
    if (!o.sample)
        throw BadInput("--sample N (a non-negative index into the split) is required");
    req.sample = parseCount("--sample", *o.sample);
    req.split = o.split.value_or("test");
    if (o.captionClass)
        req.captionClass = int(parseIntegerIn("--caption-class", *o.captionClass, 0, 9));
    req.templateCaption = o.templateCaption;
    req.gradients = o.gradients;
    if (const auto &d = o.dataDir)
        req.dataDir = *d;
    const int scale = o.scale ? int(parseIntegerIn("--scale", *o.scale, 1, 64)) : 8;
    const auto &out = o.out;
    if (!out)
        throw BadInput("--out file.json|file.png is required");
    const std::string ext = fs::path(*out).extension().string();
    if (ext != ".json" && ext != ".png")
        throw BadInput("--out " + *out + ": the file name must end in .json or .png");

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

int inspectSanityCommand(const InspectOptions &o)
{
    const fs::path runDir = runFolder(o);
    const fs::path checkpoint = checkpointOf(o, runDir);
    const long long samples = samplesOption(o, 1000);
    const auto r = measureAttentionSanity(checkpoint, int(samples), o.dataDir.value_or(""));
    if (o.json) {
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

int inspectTestSetCommand(const InspectOptions &o)
{
    const fs::path runDir = runFolder(o);
    const fs::path checkpoint = checkpointOf(o, runDir);
    const long long samples = samplesOption(o, 10000);
    AttentionSession session(checkpoint, o.dataDir.value_or(""));
    const TestSetSummary summary = session.testSet(int(samples));
    if (const auto &out = o.out) {
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

// The run report's attention examples (one image of each class) from the checkpoint,
// into the run folder where the trainer puts them, or --out.
int inspectExamplesCommand(const InspectOptions &o)
{
    const fs::path runDir = runFolder(o);
    const fs::path checkpoint = checkpointOf(o, runDir);
    AttentionSession session(checkpoint, o.dataDir.value_or(""));
    const AttentionExamples examples = session.examples(o.split.value_or("validation"));
    const fs::path out = o.out ? fs::path(*o.out) : runDir / kAttentionExamplesFile;
    if (!out.parent_path().empty())
        fs::create_directories(out.parent_path());
    AtomicFile file(out, "attention examples");
    file.write(toJson(examples) + "\n");
    file.commit();
    std::printf("%zu attention examples from the %s split at step %lld -> %s\n", examples.examples.size(),
                examples.split.c_str(), static_cast<long long>(examples.step), out.c_str());
    return ExitOk;
}

// The held-out test split scored once on the run's checkpoint (held_out_test.h); with
// --project and --run-id its test/* figures join the run's final figures in the store.
int inspectEvaluateCommand(const InspectOptions &o)
{
    const fs::path runDir = runFolder(o);
    const auto checkpoint = o.checkpoint ? std::optional(checkpointOf(o, runDir)) : heldOutTestCheckpoint(runDir);
    if (!checkpoint)
        throw BadInput("no checkpoint in " + checkpointsDir(runDir).string());
    const HeldOutTest test = scoreHeldOutTest(*checkpoint, o.dataDir.value_or(""));
    if (o.project) {
        const projects::Project project = projects::Project::open(*o.project);
        projects::RunStore(project).addFinalMetrics(*o.runId, test.metrics, test.step);
    }
    std::cout << toJson(test) << "\n";
    return ExitOk;
}

int inspectServeCommand(const CLI::App &verb, const InspectOptions &o)
{
    std::unique_ptr<AttentionSession> session;
    try {
        rejectExtras(verb);
        const fs::path runDir = runFolder(o);
        const fs::path checkpoint = checkpointOf(o, runDir);
        session = std::make_unique<AttentionSession>(checkpoint, o.dataDir.value_or(""));
        std::cout << readyLine(checkpoint.string(), session->step(), session->testSamples()) << std::endl;
    } catch (const std::exception &e) {
        std::cout << notReadyLine(e.what()) << std::endl;
        throw;
    }
    return serveInspections(*session, std::cin, std::cout);
}

// A checkpoint or data file that cannot be read is the user's input, not a crash.
int badInputOnFileErrors(const std::function<int()> &body)
{
    try {
        return body();
    } catch (const CheckpointError &e) {
        throw BadInput(e.what());
    } catch (const IdxError &e) {
        throw BadInput(e.what());
    }
}

enum Takes : unsigned {
    Sample = 1,
    Split = 2,
    CaptionClass = 4,
    Scale = 8,
    Template = 16,
    Gradients = 32,
    Samples = 64,
    Out = 128,
    Json = 256
};

CLI::App *addInspectVerb(CLI::App &inspect, const std::string &name, const std::string &what,
                         const std::string &example, unsigned takes, const std::shared_ptr<InspectOptions> &o)
{
    CLI::App *verb = inspect.add_subcommand(name, what);
    verb->allow_extras();
    addOption(*verb, "--run", o->run, "the run folder")->type_name("DIR");
    addProjectOption(*verb, o->project, "the project folder (with --run-id)");
    addOption(*verb, "--run-id", o->runId, "the run's id in the project")->type_name("ID");
    addOption(*verb, "--checkpoint", o->checkpoint,
              name == "evaluate" ? "a checkpoint inside the run folder (default: the kept best, else the newest)"
                                 : "a checkpoint inside the run folder (default: the newest)")
        ->type_name("FILE");
    if (takes & Sample)
        addOption(*verb, "--sample", o->sample, "the sample's index in the split (required)")->type_name("N");
    if (takes & Split)
        addOption(*verb, "--split", o->split,
                  name == "examples" ? "validation (default) or test" : "test (default) or train")
            ->type_name(name == "examples" ? "validation|test" : "test|train");
    if (takes & CaptionClass)
        addOption(*verb, "--caption-class", o->captionClass, "caption the image as class K (0..9)")->type_name("K");
    if (takes & Template)
        addFlag(*verb, "--template", o->templateCaption, "use the template caption");
    if (takes & Gradients)
        addFlag(*verb, "--gradients", o->gradients, "gradient-weighted relevance as well");
    if (takes & Scale)
        addOption(*verb, "--scale", o->scale, "PNG pixels per image pixel, 1..64 (default 8)")->type_name("N");
    if (takes & Samples)
        addOption(*verb, "--samples", o->samples, "how many test samples, 1..10000")->type_name("N");
    addOption(*verb, "--data-dir", o->dataDir, "the dataset folder (default: the run's)")->type_name("DIR");
    if (takes & Out)
        addOption(*verb, "--out", o->out,
                  name == "attention" ? "file.json or file.png (required)" : "write the JSON here")
            ->type_name("FILE");
    if (takes & Json)
        addJsonFlag(*verb, o->json);
    describe(*verb, example);
    return verb;
}

} // namespace

void registerInspectVerbs(CLI::App &root, int &exitCode)
{
    CLI::App *inspect
        = addVerbGroup(root, "inspect", "attention capture of a trained cross-modal run",
                       "attention | sanity | testset | examples | evaluate | serve",
                       "seekbench-cli inspect attention --project DIR --run-id ID --sample 3 --out map.png");
    struct Spec
    {
        const char *name, *what, *example;
        unsigned takes;
        int (*run)(const InspectOptions &);
    };
    const Spec specs[] = {
        {"attention", "one sample's attention maps as JSON or a PNG overlay",
         "seekbench-cli inspect attention --run DIR --sample 3 --out map.png --gradients",
         Sample | Split | CaptionClass | Scale | Template | Gradients | Out, inspectAttentionCommand},
        {"sanity", "how much class-token attention falls on the object's patches, over test images",
         "seekbench-cli inspect sanity --project DIR --run-id ID --samples 500 --json", Samples | Json,
         inspectSanityCommand},
        {"testset", "the test split's predictions and confusion as JSON",
         "seekbench-cli inspect testset --run DIR --samples 1000 --out testset.json", Samples | Out,
         inspectTestSetCommand},
        {"examples", "the run report's attention examples, one image of each class, from a checkpoint",
         "seekbench-cli inspect examples --project DIR --run-id ID", Split | Out, inspectExamplesCommand},
        {"evaluate", "the held-out test split scored once (test/*), recorded in the project with --run-id",
         "seekbench-cli inspect evaluate --project DIR --run-id ID", 0, inspectEvaluateCommand},
    };
    for (const Spec &spec : specs) {
        auto o = std::make_shared<InspectOptions>();
        CLI::App *v = addInspectVerb(*inspect, spec.name, spec.what, spec.example, spec.takes, o);
        v->callback([v, o, run = spec.run, &exitCode] {
            rejectExtras(*v);
            exitCode = badInputOnFileErrors([&] { return run(*o); });
        });
    }
    // serve answers a bad start with a "not ready" line first, so it checks its own extras.
    auto o = std::make_shared<InspectOptions>();
    CLI::App *serve = addInspectVerb(*inspect, "serve",
                                     "the desktop inspector's helper: JSON-lines requests on stdin, replies on stdout",
                                     "seekbench-cli inspect serve --project DIR --run-id ID", 0, o);
    serve->callback(
        [serve, o, &exitCode] { exitCode = badInputOnFileErrors([&] { return inspectServeCommand(*serve, *o); }); });
}

} // namespace seekbench::cli
