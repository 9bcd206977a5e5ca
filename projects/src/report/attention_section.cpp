// The run report's attention examples (issue 24): the cross-modal model's (or the
// image-only ViT's) attention over one image of each class, written by the trainer at the
// end of the run (eval/attention_examples.json, seekbench/inspection/attention_examples.h)
// and drawn here with the inspector's own overlay, so the report shows what the inspector
// shows.

#include "report_sections.h"

#include "seekbench/formats/fashion_captions.h"
#include "seekbench/formats/small_file.h"
#include "seekbench/inspection/attention_examples.h"
#include "seekbench/projects/project.h"

#include <cstdio>
#include <system_error>

namespace seekbench::projects::report::detail {
namespace {

constexpr std::size_t kMaxExamplesBytes = 64u << 20;

std::string share(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

std::string className(int cls)
{
    const auto &names = fashionClassNames();
    return cls >= 0 && cls < int(names.size()) ? names[std::size_t(cls)] : std::to_string(cls);
}

// The mean over heads of the reported map, per patch: the class token's row for a
// text-to-image map, the attention each patch receives (mean over queries) for a
// self-attention map. Empty when the example has no map over its patches.
std::vector<double> meanFocus(const AttentionInspection &a)
{
    const int patches = a.gridRows * a.gridCols;
    if (a.maps.empty() || a.maps.front().keys != patches)
        return {};
    const AttentionMap &m = a.maps.front();
    std::vector<double> focus(std::size_t(patches), 0.0);
    const bool cross = m.kind == "text_to_image";
    if (cross && (a.classToken < 0 || a.classToken >= m.queries))
        return {};
    for (int h = 0; h < m.heads; ++h)
        for (int q = cross ? a.classToken : 0; q < (cross ? a.classToken + 1 : m.queries); ++q)
            for (int k = 0; k < patches; ++k)
                focus[std::size_t(k)] += m.at(h, q, k) / double(m.heads * (cross ? 1 : m.queries));
    return focus;
}

} // namespace

std::optional<Section> attentionSection(const Project &project, const RunRecord &r, const ReportLabels &l)
{
    const auto kind = r.params.find("data.kind");
    const bool attentionModel = kind != r.params.end() && kind->second == "fashion_mnist_pairs";
    const auto file = project.runDir(r.id) / kAttentionExamplesFile;
    std::error_code ec;
    const bool present = std::filesystem::exists(file, ec);
    if (!present && !attentionModel)
        return std::nullopt; // a model without attention examples
    Section s{sections::kAttention, l.attention, {}};
    if (!present) {
        s.blocks.push_back(MissingNotice{l.noAttention, fillLabel(l.noAttentionWhy, {r.id})});
        return s;
    }
    const std::string shown = project.relativePath(file);
    const SmallFileRead read = readSmallFile(file, kMaxExamplesBytes);
    if (!read.ok()) {
        s.blocks.push_back(MissingNotice{fillLabel(l.attentionFile, {shown}), read.problem});
        return s;
    }
    AttentionExamples examples;
    try {
        examples = attentionExamplesFromJson(read.text);
    } catch (const std::invalid_argument &e) {
        s.blocks.push_back(MissingNotice{fillLabel(l.attentionFile, {shown}), e.what()});
        return s;
    }
    const bool cross = !examples.examples.empty() && examples.examples.front().architecture != "image_only";
    s.blocks.push_back(Paragraph{fillLabel(cross ? l.attentionIntroCrossModal : l.attentionIntroImageOnly,
                                           {examples.split, integer(examples.step)})});
    Table summary{{},
                  {{l.attentionImage, ColumnKind::Number},
                   {l.className, ColumnKind::Text},
                   {l.predictedClass, ColumnKind::Text},
                   {l.onObject, ColumnKind::Number},
                   {l.uniformShare, ColumnKind::Number}},
                  {}};
    std::vector<Block> images;
    for (const auto &a : examples.examples) {
        const std::string predicted = className(a.predictedClass);
        const std::string index = integer(a.index);
        const std::string caption = cross ? fillLabel(l.attentionExampleCaption,
                                                      {a.className, index, predicted, a.caption, share(a.gateText),
                                                       share(a.gateImage)})
                                          : fillLabel(l.attentionExample, {a.className, index, predicted});
        try {
            images.push_back(Image{caption, "image/png", encodePng(renderAttentionOverlay(a, 4))});
        } catch (const std::exception &e) {
            images.push_back(MissingNotice{caption, e.what()});
        }
        const auto focus = meanFocus(a);
        double onObject = 0;
        int objectPatches = 0;
        for (std::size_t p = 0; p < focus.size() && p < a.objectShare.size(); ++p) {
            if (a.objectShare[p] >= 0.5f) {
                onObject += focus[p];
                ++objectPatches;
            }
        }
        const bool known = !focus.empty();
        summary.rows.push_back({{index},
                                {a.className},
                                {predicted, a.predictedClass == a.label ? CellTone::Better : CellTone::Worse},
                                {known ? share(onObject) : l.notRecorded},
                                {known ? share(double(objectPatches) / double(focus.size())) : l.notRecorded}});
    }
    summary.caption = l.attentionSummary;
    s.blocks.push_back(std::move(summary));
    for (auto &b : images)
        s.blocks.push_back(std::move(b));
    return s;
}

} // namespace seekbench::projects::report::detail
