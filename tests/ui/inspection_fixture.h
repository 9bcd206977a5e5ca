#pragma once

// A small synthetic inspection (a 2 x 2 patch grid, three tokens, two heads, one layer of
// each kind, with gradients) whose weights are easy to check by hand, and a fake helper
// process for the InspectionClient tests.

#include "seekbench/inspection/attention_inspection.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <memory>

namespace seekbench::testing {

inline AttentionMap syntheticMap(const std::string &kind, int heads, int queries, int keys, int seed)
{
    AttentionMap m;
    m.kind = kind;
    m.layer = 0;
    m.heads = heads;
    m.queries = queries;
    m.keys = keys;
    for (int h = 0; h < heads; ++h)
        for (int q = 0; q < queries; ++q) {
            // Row-stochastic and different per head and query: weight k+1+... normalised.
            std::vector<float> row(static_cast<std::size_t>(keys));
            float sum = 0;
            for (int k = 0; k < keys; ++k) {
                row[std::size_t(k)] = float(1 + (k * (h + 1) + q + seed) % keys);
                sum += row[std::size_t(k)];
            }
            for (float &v : row)
                m.weights.push_back(v / sum);
        }
    m.gradients.assign(m.weights.size(), 1.0f);
    return m;
}

inline std::shared_ptr<AttentionInspection> syntheticInspection(std::int64_t index = 0, int grid = 2, int heads = 2)
{
    auto a = std::make_shared<AttentionInspection>();
    a->checkpoint = "synthetic.sbckpt";
    a->index = index;
    a->label = int(index % 10);
    a->className = "class";
    a->rows = a->cols = 28;
    a->pixels.assign(28 * 28, 0);
    for (int r = 6; r < 22; ++r)
        for (int c = 8; c < 20; ++c)
            a->pixels[std::size_t(r * 28 + c)] = 200;
    a->patchSize = 28 / grid;
    a->gridRows = a->gridCols = grid;
    a->objectShare.assign(std::size_t(grid * grid), 0.5f);
    a->tokens = {"a", "small", "shirt"};
    a->caption = "a small shirt";
    a->classToken = 2;
    a->gateText = 0.3 + 0.01 * double(index % 10);
    a->gateImage = 1 - a->gateText;
    a->classLogits.assign(10, 0.0);
    a->predictedClass = a->label;
    const int P = grid * grid, T = 3;
    a->maps = {syntheticMap("image_self", heads, P, P, 0), syntheticMap("text_self", heads, T, T, 1),
               syntheticMap("text_to_image", heads, T, P, 2), syntheticMap("image_to_text", heads, P, T, 3)};
    return a;
}

// A shell script that acts as `inspect serve`: the ready line, then for each inspect
// request the document <dir>/sample-<N>.json after `delay` seconds (cancel is ignored,
// as for a request already begun).
inline QString writeFakeHelper(const QString &dir, const QString &delay)
{
    const QString path = QDir(dir).filePath(QStringLiteral("fake-helper.sh"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(
        QStringLiteral("#!/bin/sh\n"
                       "echo '{\"ready\":true,\"checkpoint\":\"fake\",\"step\":7,\"test_samples\":100}'\n"
                       "while read -r line; do\n"
                       "  op=$(echo \"$line\" | sed -n 's/.*\"op\":\"\\([a-z]*\\)\".*/\\1/p')\n"
                       "  [ \"$op\" = inspect ] || continue\n"
                       "  id=$(echo \"$line\" | sed -n 's/.*\"id\":\\([0-9]*\\).*/\\1/p')\n"
                       "  n=$(echo \"$line\" | sed -n 's/.*\"sample\":\\([0-9]*\\).*/\\1/p')\n"
                       "  sleep %2\n"
                       "  printf '{\"id\":%s,\"ok\":true,\"inspection\":%s}\\n' \"$id\" \"$(cat %1/sample-$n.json)\"\n"
                       "done\n")
            .arg(dir, delay)
            .toUtf8());
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    for (int n = 0; n < 4; ++n) {
        QFile doc(QDir(dir).filePath(QStringLiteral("sample-%1.json").arg(n)));
        doc.open(QIODevice::WriteOnly);
        doc.write(QByteArray::fromStdString(toJson(*syntheticInspection(n))));
    }
    return path;
}

} // namespace seekbench::testing
