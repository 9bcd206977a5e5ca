#include "seekbench/inspection/test_set_summary.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>

namespace seekbench {

using nlohmann::json;

std::string toJson(const TestSetSummary &s)
{
    json samples = json::array(), gallery = json::array();
    for (const auto &t : s.samples)
        samples.push_back({{"index", t.index},
                           {"label", t.label},
                           {"predicted", t.predicted},
                           {"gate_text", t.gateText},
                           {"gate_image", t.gateImage}});
    for (const auto &g : s.gallery)
        gallery.push_back({{"index", g.index}, {"pixels", g.pixels}});
    return json{{"format", "seekbench-testset-1"},
                {"checkpoint", s.checkpoint},
                {"step", s.step},
                {"classes", s.classes},
                {"samples", std::move(samples)},
                {"gallery", std::move(gallery)}}
        .dump();
}

TestSetSummary testSetSummaryFromJson(const std::string &text)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("test set JSON: ") + e.what());
    }
    if (!j.is_object() || j.value("format", std::string()) != "seekbench-testset-1")
        throw std::invalid_argument("test set JSON: format is not seekbench-testset-1");
    TestSetSummary s;
    try {
        s.checkpoint = j.at("checkpoint").get<std::string>();
        s.step = j.at("step").get<std::int64_t>();
        s.classes = j.at("classes").get<std::vector<std::string>>();
        for (const auto &t : j.at("samples")) {
            TestSample x;
            x.index = t.at("index").get<std::int64_t>();
            x.label = t.at("label").get<int>();
            x.predicted = t.at("predicted").get<int>();
            x.gateText = t.at("gate_text").get<double>();
            x.gateImage = t.at("gate_image").get<double>();
            if (x.label < 0 || x.label >= int(s.classes.size()) || x.predicted < 0
                || x.predicted >= int(s.classes.size()))
                throw std::invalid_argument("test set JSON: sample " + std::to_string(x.index)
                                            + " has a label or prediction outside the classes");
            s.samples.push_back(x);
        }
        for (const auto &g : j.at("gallery")) {
            GalleryImage x;
            x.index = g.at("index").get<std::int64_t>();
            x.pixels = g.at("pixels").get<std::vector<std::uint8_t>>();
            if (x.pixels.size() != 28 * 28)
                throw std::invalid_argument("test set JSON: gallery image " + std::to_string(x.index)
                                            + " does not have 28 x 28 pixels");
            s.gallery.push_back(std::move(x));
        }
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("test set JSON: ") + e.what());
    }
    return s;
}

} // namespace seekbench
