#include "seekbench/inspection/attention_inspection.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace seekbench {

using nlohmann::json;

namespace {

// [heads][queries][keys] from the flat layout.
json nested(const AttentionMap &m, const std::vector<float> &flat)
{
    json w = json::array();
    for (int h = 0; h < m.heads; ++h) {
        json rows = json::array();
        for (int q = 0; q < m.queries; ++q) {
            const auto begin = flat.begin() + std::ptrdiff_t((std::size_t(h) * m.queries + q) * m.keys);
            rows.push_back(std::vector<float>(begin, begin + m.keys));
        }
        w.push_back(std::move(rows));
    }
    return w;
}

std::vector<float> flat(const json &heads, const AttentionMap &map, const char *field)
{
    std::vector<float> out;
    for (const auto &head : heads)
        for (const auto &row : head) {
            const auto r = row.get<std::vector<float>>();
            if (int(r.size()) != map.keys)
                throw std::invalid_argument(std::string("attention JSON: a row of ") + field + " of " + map.kind
                                            + " layer " + std::to_string(map.layer) + " has " + std::to_string(r.size())
                                            + " keys, expected " + std::to_string(map.keys));
            out.insert(out.end(), r.begin(), r.end());
        }
    if (out.size() != std::size_t(map.heads) * map.queries * map.keys)
        throw std::invalid_argument(std::string("attention JSON: ") + field + " of " + map.kind + " layer "
                                    + std::to_string(map.layer) + " does not have heads x queries x keys values");
    return out;
}

} // namespace

std::string toJson(const AttentionInspection &a)
{
    json j;
    j["format"] = "seekbench-attention-1";
    j["run"] = {{"checkpoint", a.checkpoint}, {"step", a.step}, {"architecture", a.architecture}};
    j["sample"] = {{"split", a.split},
                   {"index", a.index},
                   {"label", a.label},
                   {"class", a.className},
                   {"image", {{"rows", a.rows}, {"cols", a.cols}, {"pixels", a.pixels}}}};
    j["patches"] = {{"size", a.patchSize},
                    {"grid_rows", a.gridRows},
                    {"grid_cols", a.gridCols},
                    {"object_share", a.objectShare}};
    j["caption"]
        = {{"text", a.caption}, {"tokens", a.tokens}, {"template", a.templateCaption}, {"class_token", a.classToken}};
    if (a.architecture != "image_only")
        j["gate"] = {{"text", a.gateText}, {"image", a.gateImage}};
    j["scores"]
        = {{"match_logit", a.matchLogit}, {"class_logits", a.classLogits}, {"predicted_class", a.predictedClass}};
    json maps = json::array();
    for (const auto &m : a.maps) {
        json entry = {{"kind", m.kind},          {"layer", m.layer},
                      {"heads", m.heads},        {"queries", m.queries},
                      {"keys", m.keys},          {"query_axis", m.queryAxis()},
                      {"key_axis", m.keyAxis()}, {"weights", nested(m, m.weights)}};
        if (!m.gradients.empty())
            entry["gradients"] = nested(m, m.gradients);
        maps.push_back(std::move(entry));
    }
    j["attention"] = std::move(maps);
    return j.dump();
}

AttentionInspection attentionInspectionFromJson(const std::string &text)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("attention JSON: ") + e.what());
    }
    if (j.value("format", std::string()) != "seekbench-attention-1")
        throw std::invalid_argument("attention JSON: format is not seekbench-attention-1");
    AttentionInspection a;
    try {
        a.checkpoint = j.at("run").at("checkpoint").get<std::string>();
        a.step = j.at("run").at("step").get<std::int64_t>();
        a.architecture = j.at("run").at("architecture").get<std::string>();
        const auto &s = j.at("sample");
        a.split = s.at("split").get<std::string>();
        a.index = s.at("index").get<std::int64_t>();
        a.label = s.at("label").get<int>();
        a.className = s.at("class").get<std::string>();
        a.rows = s.at("image").at("rows").get<int>();
        a.cols = s.at("image").at("cols").get<int>();
        a.pixels = s.at("image").at("pixels").get<std::vector<std::uint8_t>>();
        const auto &p = j.at("patches");
        a.patchSize = p.at("size").get<int>();
        a.gridRows = p.at("grid_rows").get<int>();
        a.gridCols = p.at("grid_cols").get<int>();
        a.objectShare = p.at("object_share").get<std::vector<float>>();
        const auto &c = j.at("caption");
        a.caption = c.at("text").get<std::string>();
        a.tokens = c.at("tokens").get<std::vector<std::string>>();
        a.templateCaption = c.at("template").get<bool>();
        a.classToken = c.at("class_token").get<int>();
        if (j.contains("gate")) {
            a.gateText = j["gate"].at("text").get<double>();
            a.gateImage = j["gate"].at("image").get<double>();
        }
        a.matchLogit = j.at("scores").at("match_logit").get<double>();
        a.classLogits = j.at("scores").at("class_logits").get<std::vector<double>>();
        a.predictedClass = j.at("scores").at("predicted_class").get<int>();
        for (const auto &m : j.at("attention")) {
            AttentionMap map;
            map.kind = m.at("kind").get<std::string>();
            map.layer = m.at("layer").get<int>();
            map.heads = m.at("heads").get<int>();
            map.queries = m.at("queries").get<int>();
            map.keys = m.at("keys").get<int>();
            if (map.heads < 1 || map.queries < 0 || map.keys < 0)
                throw std::invalid_argument("attention JSON: " + map.kind + " layer " + std::to_string(map.layer)
                                            + " has a bad shape");
            map.weights = flat(m.at("weights"), map, "weights");
            if (m.contains("gradients"))
                map.gradients = flat(m.at("gradients"), map, "gradients");
            a.maps.push_back(std::move(map));
        }
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("attention JSON: ") + e.what());
    }
    if (a.pixels.size() != std::size_t(a.rows) * std::size_t(a.cols))
        throw std::invalid_argument("attention JSON: sample.image.pixels does not have rows x cols values");
    return a;
}

namespace {

// Per-patch heat in 0..1 for one panel.
void drawPanel(RgbImage &img, int x0, int y0, const AttentionInspection &a, int scale, const std::vector<float> *heat)
{
    float peak = 0;
    if (heat)
        for (float v : *heat)
            peak = std::max(peak, v);
    for (int r = 0; r < a.rows * scale; ++r) {
        for (int c = 0; c < a.cols * scale; ++c) {
            const int pr = r / scale, pc = c / scale;
            const double gray = a.pixels[std::size_t(pr * a.cols + pc)];
            double R = gray, G = gray, B = gray;
            if (heat && peak > 0) {
                const int patch = (pr / a.patchSize) * a.gridCols + pc / a.patchSize;
                const double w = (*heat)[std::size_t(patch)] / peak;
                // Blend towards a red-to-yellow ramp, stronger where the weight is higher.
                const double alpha = 0.75 * w;
                R = (1 - alpha) * gray + alpha * 255;
                G = (1 - alpha) * gray + alpha * 255 * w * w;
                B = (1 - alpha) * gray;
            }
            const std::size_t at = (std::size_t(y0 + r) * std::size_t(img.width) + std::size_t(x0 + c)) * 3;
            img.rgb[at] = std::uint8_t(R);
            img.rgb[at + 1] = std::uint8_t(G);
            img.rgb[at + 2] = std::uint8_t(B);
        }
    }
}

} // namespace

RgbImage renderAttentionOverlay(const AttentionInspection &a, int scale)
{
    // Each row: a list of per-head heat maps over the patches.
    std::vector<std::vector<std::vector<float>>> rows;
    const int patches = a.gridRows * a.gridCols;
    for (const auto &m : a.maps) {
        if (m.kind == "text_to_image" && m.keys == patches && a.classToken >= 0 && a.classToken < m.queries) {
            std::vector<std::vector<float>> heads;
            for (int h = 0; h < m.heads; ++h) {
                std::vector<float> heat(static_cast<std::size_t>(patches), 0.0f);
                for (int k = 0; k < patches; ++k)
                    heat[std::size_t(k)] = m.at(h, a.classToken, k);
                heads.push_back(std::move(heat));
            }
            rows.push_back(std::move(heads));
        }
    }
    for (const auto &m : a.maps) {
        if (m.kind == "image_self" && m.keys == patches) {
            std::vector<std::vector<float>> heads;
            for (int h = 0; h < m.heads; ++h) {
                std::vector<float> heat(static_cast<std::size_t>(patches), 0.0f);
                for (int q = 0; q < m.queries; ++q)
                    for (int k = 0; k < patches; ++k)
                        heat[std::size_t(k)] += m.at(h, q, k) / float(m.queries);
                heads.push_back(std::move(heat));
            }
            rows.push_back(std::move(heads));
        }
    }
    const int heads = rows.empty() ? 0 : int(rows.front().size());
    const int gap = 4, pw = a.cols * scale, ph = a.rows * scale;
    const int columns = 1 + heads + (heads > 0 ? 1 : 0);
    RgbImage img;
    img.width = columns * pw + (columns + 1) * gap;
    img.height = std::max<int>(1, int(rows.size())) * ph + (std::max<int>(1, int(rows.size())) + 1) * gap;
    img.rgb.assign(std::size_t(img.width) * std::size_t(img.height) * 3, 255);
    if (rows.empty()) {
        drawPanel(img, gap, gap, a, scale, nullptr);
        return img;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const int y = gap + int(r) * (ph + gap);
        drawPanel(img, gap, y, a, scale, nullptr);
        std::vector<float> mean(static_cast<std::size_t>(patches), 0.0f);
        for (int h = 0; h < heads && h < int(rows[r].size()); ++h) {
            drawPanel(img, gap + (h + 1) * (pw + gap), y, a, scale, &rows[r][std::size_t(h)]);
            for (int k = 0; k < patches; ++k)
                mean[std::size_t(k)] += rows[r][std::size_t(h)][std::size_t(k)] / float(heads);
        }
        drawPanel(img, gap + (heads + 1) * (pw + gap), y, a, scale, &mean);
    }
    return img;
}

} // namespace seekbench
