// export: a trained model's files from a run's checkpoint (issue 23). The plan (which
// checkpoint, which folder, confined to the project) and the record (artifacts with format
// and command) are in projects/model_export_plan.h; the files are written by the engine
// (seekbench/engine/model_export.h).

#include "seekbench/text/number_text.h"
#include "support/errors.h"
#include "support/options.h"
#include "support/serving_options.h"
#include "support/signals.h"
#include "verbs/verbs.h"

#include "seekbench/aml/data.h"
#include "seekbench/config/config_io.h"
#include "seekbench/engine/model_export.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/projects/model_export_plan.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/slurm_script.h"
#include "seekbench/projects/transactions.h"
#include "seekbench/replies/export_replies.h"
#include "seekbench/run/cancel_token.h"

#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace seekbench::cli {
namespace {

struct ExportArgs
{
    std::optional<std::string> run, format, checkpoint, out, project, backend;
    ServingArgs serving;
    KubernetesArgs kubernetes;
    bool int8 = false;
    bool json = false;
};

// The command as the user could run it again (the artifact records it).
std::string commandText(const ExportArgs &a)
{
    std::string text = "seekbench-cli export --run " + shellWord(*a.run) + " --format " + shellWord(*a.format);
    if (a.checkpoint)
        text += " --checkpoint " + shellWord(*a.checkpoint);
    if (a.out)
        text += " --out " + shellWord(*a.out);
    if (a.backend)
        text += " --backend " + shellWord(*a.backend);
    if (a.int8)
        text += " --int8";
    text += " --project " + shellWord(a.project.value_or("."));
    return text + servingArgsText(a.serving) + kubernetesArgsText(a.kubernetes);
}

// The INT8 side-by-side table.
// int8_report.json as a table. Every model family writes the same figures; what a sample
// is differs (a sequence of tokens, an image, a transaction), and the metric is null when
// the run's evaluation data is not on this machine (metric_unavailable says why).
void printInt8Report(const nlohmann::json &r)
{
    const auto &f = r.at("fp32");
    const auto &q = r.at("int8");
    std::string samples = std::to_string(r.at("samples").get<long long>()) + " eval samples";
    if (r.contains("data")) // the AML model: the run's test months, or generated transactions
        samples = r.at("data").get<std::string>();
    else if (r.contains("sequence_length"))
        samples += " of " + std::to_string(r.at("sequence_length").get<long long>()) + " tokens";
    else if (r.contains("input"))
        samples += " (" + r.at("input").get<std::string>() + ")";
    std::printf("\nINT8 against fp32 on %s (quantized engine %s, %d threads):\n", samples.c_str(),
                r.at("quantized_engine").get<std::string>().c_str(), r.at("threads").get<int>());
    std::printf("  %-22s %12s %12s\n", "", "fp32", "INT8");
    const auto value = [](const nlohmann::json &v) { return v.is_number() ? v.get<double>() : std::nan(""); };
    if (r.value("metric_change", nlohmann::json()).is_number())
        std::printf("  %-22s %12.4f %12.4f  (%+.4f)\n", r.at("metric").get<std::string>().c_str(), value(f.at("value")),
                    value(q.at("value")), r.at("metric_change").get<double>());
    else
        std::printf("  %-22s %12s %12s  (%s)\n", r.at("metric").get<std::string>().c_str(), "-", "-",
                    r.value("metric_unavailable", std::string("not measured")).c_str());
    std::printf("  %-22s %12lld %12lld  (%.2fx smaller)\n", "file bytes", f.at("bytes").get<long long>(),
                q.at("bytes").get<long long>(), r.at("size_ratio").get<double>());
    std::printf("  %-22s %12.3f %12.3f  (%.2fx)\n", "ms, batch 1", f.at("ms_batch1").get<double>(),
                q.at("ms_batch1").get<double>(), r.at("speedup_batch1").get<double>());
    std::printf("  %-22s %12.3f %12.3f  (%.2fx)\n", "ms, batch 32", f.at("ms_batch32").get<double>(),
                q.at("ms_batch32").get<double>(), r.at("speedup_batch32").get<double>());
}

// An AML run's transactions from the project's store (the engine takes its normalisation
// statistics and test months from them); null for other runs and for an empty store.
std::shared_ptr<const aml::AmlData> amlRunData(const projects::Project &project, const std::string &runId)
{
    const ConfigLoad load = parseRunConfig(projects::RunStore(project).run(runId).configYaml);
    if (!load.ok() || load.config.data.kind != "aml_transactions")
        return nullptr;
    auto data = std::make_shared<aml::AmlData>(projects::TransactionStore(project).load());
    if (data->tx.size() == 0)
        return nullptr;
    // The store may have changed since the run trained (an import, a new demo): say so, as
    // the statistics and test months then come from other transactions than the run's.
    for (const auto &e : projects::RunStore(project).events(runId, "start")) {
        const auto start = nlohmann::json::parse(e.json, nullptr, false);
        const auto recorded
            = start.is_object()
                  ? start.value("environment", nlohmann::json::object()).value("data_fingerprint", nlohmann::json())
                  : nlohmann::json();
        if (recorded.is_number_unsigned() && recorded.get<std::uint64_t>() != aml::fingerprint(*data)) {
            std::fprintf(stderr,
                         "seekbench-cli export: note: the project's transactions changed since run %s trained (data "
                         "fingerprint %llu, the run recorded %llu); config.json's aml_inputs and the INT8 report "
                         "come from the transactions as they are now\n",
                         runId.c_str(), static_cast<unsigned long long>(aml::fingerprint(*data)),
                         static_cast<unsigned long long>(recorded.get<std::uint64_t>()));
            break;
        }
    }
    return data;
}

int exportCommand(const ExportArgs &a)
{
    if (!a.run)
        throw BadInput("--run RUN_ID is required");
    if (!a.format)
        throw BadInput("--format safetensors|torchscript|onnx|triton is required");
    ModelExportRequest request;
    request.format = parseModelExportFormat(*a.format); // invalid_argument: exit 2, naming the formats
    const bool triton = request.format == ModelExportFormat::Triton;
    if (a.int8 && (request.format == ModelExportFormat::Safetensors || request.format == ModelExportFormat::Onnx))
        throw BadInput("--int8 applies to --format torchscript and triton (safetensors and onnx keep the trained "
                       "fp32 weights)");
    if (a.backend && !triton)
        throw BadInput("--backend belongs to --format triton");
    if (a.backend && *a.backend != "libtorch" && *a.backend != "onnx")
        throw BadInput("unknown Triton backend '" + *a.backend + "' (expected libtorch or onnx)");
    if (a.backend && *a.backend == "onnx")
        request.tritonBackend = TritonPlatform::Onnx;
    request.int8 = a.int8;
    if (!triton && (!servingArgsText(a.serving).empty() || !kubernetesArgsText(a.kubernetes).empty()))
        throw BadInput("serving and Kubernetes options belong to --format triton");
    if (triton) {
        request.serving = servingSettings(a.serving, "seekbench-run-" + *a.run);
        request.kubernetes = kubernetesSettings(a.kubernetes);
        if (a.kubernetes.workers)
            request.trainingWorkers = int(parseIntegerIn("--workers", *a.kubernetes.workers, 1, 1024));
        request.trainingConfigPath = a.kubernetes.trainingConfig.value_or("/config/run.yaml");
    }
    const projects::Project project = projects::Project::open(a.project.value_or("."));
    const projects::ModelExportPlan plan = projects::planModelExport(project, *a.run, formatName(request.format),
                                                                     a.checkpoint.value_or(""), a.out.value_or(""));
    request.checkpoint = plan.checkpoint;
    request.outDir = plan.outDir;
    request.cancel = &installCancelSignals(); // SIGTERM (the GUI's Cancel) stops between tensors
    request.source = "run " + plan.runId + ", checkpoint " + project.relativePath(plan.checkpoint);
    request.amlData = amlRunData(project, plan.runId);
    ModelExportResult result;
    try {
        result = exportModel(request);
    } catch (const CheckpointError &e) {
        throw BadInput(e.what()); // a damaged or foreign checkpoint is bad input, named in the message
    } catch (const CancelledError &) {
        throw CliFailure(ExitCancelled, "cancelled; the export's files were removed and nothing was recorded");
    }
    const auto artifacts = projects::recordModelExport(project, plan, result.files, commandText(a));
    if (a.json) {
        replies::ModelExportReply reply{.run = plan.runId,
                                        .format = plan.format,
                                        .checkpoint = project.relativePath(plan.checkpoint),
                                        .model = result.dataKind,
                                        .step = result.step,
                                        .tensors = result.tensors,
                                        .parameters = result.parameters,
                                        .files = {},
                                        .int8Report = result.int8Report};
        for (const auto &x : artifacts)
            reply.files.push_back({x.path, x.sha256, x.bytes});
        std::cout << reply.toJson() << std::endl;
    } else {
        std::cout << "exported run " << plan.runId << " (step " << result.step << ", " << result.tensors << " tensors, "
                  << result.parameters << " parameters) as " << plan.format << ":\n";
        for (const auto &x : artifacts)
            std::cout << "  " << x.path << "  " << x.bytes << " bytes  sha256 " << x.sha256 << "\n";
        if (!result.int8Report.empty())
            printInt8Report(nlohmann::json::parse(result.int8Report));
    }
    return ExitOk;
}

} // namespace

void registerExportVerbs(CLI::App &root, int &exitCode)
{
    auto a = std::make_shared<ExportArgs>();
    CLI::App *v = root.add_subcommand("export", "a trained model's files from a run's checkpoint");
    v->allow_extras();
    addOption(*v, "--run", a->run, "the run's id")->type_name("RUN_ID");
    addOption(*v, "--format", a->format,
              "safetensors: model.safetensors (Hugging Face tensor names for the transformer) and config.json; "
              "torchscript: model.pt and config.json (its signature: the transformer's input_ids -> logits, the "
              "cross-modal model's image -> class logits, the AML graph model's eight graph tensors -> transaction "
              "logits); onnx: model.onnx (opset 13; 16 for the AML graph model) and config.json; "
              "triton: a Triton model repository (config.pbtxt, README.md, 1/model.pt or 1/model.onnx) and "
              "Kubernetes manifests")
        ->type_name("FORMAT");
    addOption(*v, "--checkpoint", a->checkpoint,
              "latest (default), best, or a checkpoint file relative to the run folder")
        ->type_name("WHICH");
    addOption(*v, "--out", a->out, "the folder, relative to the project (default runs/<id>/exports/<format>-step<N>)")
        ->type_name("DIR");
    addProjectOption(*v, a->project, "the project folder (default: the current folder)");
    addOption(*v, "--backend", a->backend,
              "triton: libtorch (default; 1/model.pt) or onnx (1/model.onnx, platform onnxruntime_onnx)")
        ->type_name("BACKEND");
    addFlag(*v, "--int8", a->int8,
            "torchscript/triton: dynamic INT8 linear layers (per-channel weights; weight-only INT8 where LibTorch "
            "has no quantized engine), with int8_report.json comparing it with fp32 on the run's eval data");
    addServingOptions(*v, a->serving);
    addKubernetesOptions(*v, a->kubernetes);
    addJsonFlag(*v, a->json);
    describe(*v, "seekbench-cli export --run RUN_ID --format safetensors --project DIR --json");
    v->callback([v, a, &exitCode] {
        rejectExtras(*v);
        exitCode = exportCommand(*a);
    });
}

} // namespace seekbench::cli
