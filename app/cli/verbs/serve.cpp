// serve: an exported model behind the KServe v2 protocol (issue 23). The server, its
// batcher and metrics are the engine's (seekbench/engine/inference_server.h); this verb
// reads the options and stops the server gracefully on SIGINT/SIGTERM.

#include "support/errors.h"
#include "support/options.h"
#include "support/serving_options.h"
#include "support/signals.h"
#include "verbs/verbs.h"

#include "seekbench/engine/inference_server.h"
#include "seekbench/projects/model_export_plan.h"
#include "seekbench/projects/project.h"
#include "seekbench/run/cancel_token.h"
#include "seekbench/text/number_text.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <thread>

namespace seekbench::cli {
namespace {

struct ServeArgs
{
    std::optional<std::string> model, run, project, host, port, threads, httpThreads;
    ServingArgs serving;
    bool json = false;
};

ServeOptions serveOptions(const ServeArgs &a)
{
    if (a.model && a.run)
        throw BadInput("--model and --run name the model twice: give one");
    if (!a.model && !a.run)
        throw BadInput("--model DIR or --run RUN_ID is required: a folder written by `seekbench-cli export --format "
                       "torchscript`, or a run of --project whose newest such export is served");
    if (a.project && !a.run)
        throw BadInput("--project goes with --run");
    std::string modelDir;
    if (a.model) {
        modelDir = *a.model;
    } else {
        const projects::Project project = projects::Project::open(a.project.value_or("."));
        const auto exports = projects::servableExports(project, *a.run);
        if (exports.empty())
            throw BadInput("run " + *a.run
                           + " has no TorchScript export to serve; write one with `seekbench-cli "
                             "export --run "
                           + *a.run + " --format torchscript`");
        modelDir = exports.front().string();
    }
    ServeOptions o;
    o.modelDir = modelDir;
    o.settings = servingSettings(a.serving, defaultServedModelName(modelDir));
    if (a.host)
        o.host = *a.host;
    if (a.port)
        o.port = int(parseIntegerIn("--port", *a.port, 0, 65535));
    if (a.threads)
        o.torchThreads = int(parseIntegerIn("--threads", *a.threads, 1, 1024));
    if (a.httpThreads)
        o.httpThreads = int(parseIntegerIn("--http-threads", *a.httpThreads, 1, 100000));
    return o;
}

int serveCommand(const ServeArgs &a)
{
    const ServeOptions options = serveOptions(a);
    std::unique_ptr<InferenceServer> server;
    try {
        server = std::make_unique<InferenceServer>(options);
    } catch (const std::invalid_argument &e) {
        throw BadInput(e.what());
    }
    CancelToken &stop = installCancelSignals();
    const std::string url = "http://" + options.host + ":" + std::to_string(server->port());
    if (a.json)
        std::cout << nlohmann::json{{"event", "serving"},
                                    {"url", url},
                                    {"model", options.settings.modelName},
                                    {"infer", url + "/v2/models/" + options.settings.modelName + "/infer"},
                                    {"metrics", url + "/metrics"},
                                    {"describe", server->describe()}}
                         .dump()
                  << std::endl;
    else
        std::cout << "serving " << server->describe() << "\n  " << url << "/v2/models/" << options.settings.modelName
                  << "/infer\n  " << url << "/metrics\n(Ctrl+C stops after answering queued requests)" << std::endl;
    std::thread watcher([&] {
        while (!stop.isCancelled())
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        server->shutdown();
    });
    server->serve();
    stop.cancel(); // serve() may also end on its own; the watcher then ends too
    watcher.join();
    if (a.json)
        std::cout << nlohmann::json{{"event", "stopped"}}.dump() << std::endl;
    else
        std::cout << "stopped; every queued request was answered" << std::endl;
    return ExitOk;
}

} // namespace

void registerServeVerbs(CLI::App &root, int &exitCode)
{
    auto a = std::make_shared<ServeArgs>();
    CLI::App *v = root.add_subcommand("serve", "serve an exported model over HTTP (KServe v2, as Triton)");
    v->allow_extras();
    addOption(*v, "--model", a->model, "an export folder with model.pt and config.json (export --format torchscript)")
        ->type_name("DIR");
    addOption(*v, "--run", a->run, "serve this run's newest TorchScript export instead (with --project)")
        ->type_name("RUN_ID");
    addProjectOption(*v, a->project, "the project of --run (default: the current folder)");
    addOption(*v, "--host", a->host, "the address to listen on (default 127.0.0.1)")->type_name("HOST");
    addOption(*v, "--port", a->port, "the port (default 8000; 0 picks a free one)")->type_name("PORT");
    addServingOptions(*v, a->serving);
    addOption(*v, "--threads", a->threads, "LibTorch threads per instance (default: cores / instances)")->type_name("N");
    addOption(*v, "--http-threads", a->httpThreads, "connections served at once (default: 2 x queue, at least 64)")
        ->type_name("N");
    addJsonFlag(*v, a->json, "print JSON events (serving with its URL, stopped) on stdout");
    describe(*v, "seekbench-cli serve --model runs/3/exports/torchscript-step400 --port 8000");
    v->callback([v, a, &exitCode] {
        rejectExtras(*v);
        exitCode = serveCommand(*a);
    });
}

} // namespace seekbench::cli
