#pragma once

// The receiving side of an export under test (issue 23): Python's torch.jit.load through
// check_torchscript.py, ONNX Runtime through onnxruntime-node (run_onnx.js), and the JSON
// the two read. A receiver that is not installed is skipped with the reason, or fails
// where it must run (SEEKBENCH_REQUIRE_ONNXRUNTIME=1, or CI=true). Include torch first.

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QtTest>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace seekbench::receivers {

inline bool receiverRequired()
{
    return qEnvironmentVariable("SEEKBENCH_REQUIRE_ONNXRUNTIME") == QStringLiteral("1")
           || qEnvironmentVariable("CI") == QStringLiteral("true");
}

#define SKIP_OR_FAIL(why) \
    do { \
        const QString reason_ = (why); \
        if (seekbench::receivers::receiverRequired()) \
            QFAIL(qPrintable(reason_ + QStringLiteral(" (required: SEEKBENCH_REQUIRE_ONNXRUNTIME=1 or CI=true)"))); \
        QSKIP(qPrintable(reason_)); \
    } while (false)

// Where scripts/lib.sh installs onnxruntime-node (seekbench_ensure_onnxruntime_node).
inline QString npmFolder()
{
    const QString dir = qEnvironmentVariable("SEEKBENCH_NPM_DIR");
    return dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.cache/seekbench/npm") : dir;
}

// Nested lists of a tensor's values, in its shape (integers stay integers).
inline nlohmann::json nested(const at::Tensor &t)
{
    nlohmann::json j = nlohmann::json::array();
    for (int64_t i = 0; i < t.size(0); ++i)
        j.push_back(t.dim() == 1 ? (t.is_floating_point() ? nlohmann::json(t[i].item<double>())
                                                          : nlohmann::json(t[i].item<std::int64_t>()))
                                 : nested(t[i]));
    return j;
}

// A tensor's values in row-major order (integers stay integers).
inline nlohmann::json flat(const at::Tensor &t)
{
    const at::Tensor c = t.contiguous();
    if (!c.is_floating_point()) {
        const at::Tensor l = c.to(at::kLong);
        return std::vector<std::int64_t>(l.data_ptr<std::int64_t>(), l.data_ptr<std::int64_t>() + l.numel());
    }
    const at::Tensor d = c.to(at::kDouble);
    return std::vector<double>(d.data_ptr<double>(), d.data_ptr<double>() + d.numel());
}

// Python's torch.jit.load on `model` with the case file (check_torchscript.py); "" when it
// agrees, else what it said.
inline QByteArray pythonDisagrees(const std::filesystem::path &model, const std::filesystem::path &caseFile)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(SEEKBENCH_SOURCE_DIR "/tests/core/check_torchscript.py"),
                  QString::fromStdString(model.string()), QString::fromStdString(caseFile.string())});
    if (!python.waitForFinished(120000))
        return "python3 did not finish";
    const QByteArray out = python.readAllStandardOutput() + python.readAllStandardError();
    return python.exitCode() == 0 ? QByteArray() : (out.isEmpty() ? QByteArray("python3 failed") : out);
}

// ONNX Runtime (onnxruntime-node, run_onnx.js) on `model` with the cases file: passes when
// every case agrees, skips (or fails, where it must run) when node or the runtime is
// missing. Call it last in a test function: a skip or failure returns from here only.
inline void runWithOnnxRuntime(const std::string &model, const std::string &cases)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        SKIP_OR_FAIL(QStringLiteral("node is not installed (Debian's nodejs), so ONNX Runtime cannot run"));
    const QString modules = npmFolder() + QStringLiteral("/node_modules");
    if (!QFile::exists(modules + QStringLiteral("/onnxruntime-node/package.json")))
        SKIP_OR_FAIL(QStringLiteral("onnxruntime-node is not installed in %1 (scripts/test installs it: "
                                    "seekbench_ensure_onnxruntime_node)")
                         .arg(npmFolder()));
    QProcess run;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NODE_PATH"), modules);
    run.setProcessEnvironment(env);
    run.start(node, {QStringLiteral(SEEKBENCH_SOURCE_DIR "/tests/core/run_onnx.js"), QString::fromStdString(model),
                     QString::fromStdString(cases)});
    QVERIFY(run.waitForFinished(120000));
    const QByteArray out = run.readAllStandardOutput(), err = run.readAllStandardError();
    if (run.exitCode() == 2)
        SKIP_OR_FAIL(QStringLiteral("onnxruntime-node does not load: ") + QString::fromUtf8(out + err));
    QVERIFY2(run.exitCode() == 0, (out + err).constData());
    qInfo("ONNX Runtime against the engine: %s", out.trimmed().constData());
}

} // namespace seekbench::receivers
