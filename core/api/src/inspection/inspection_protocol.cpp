#include "seekbench/inspection/inspection_protocol.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>

namespace seekbench {

using nlohmann::json;

InspectionRequest inspectionRequestFromJson(const std::string &line)
{
    json j;
    try {
        j = json::parse(line);
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("request is not JSON: ") + e.what());
    }
    if (!j.is_object())
        throw std::invalid_argument("request is not a JSON object");
    InspectionRequest r;
    try {
        r.op = j.at("op").get<std::string>();
        if (r.op == "quit")
            return r;
        r.id = j.at("id").get<std::int64_t>();
        if (r.op == "inspect") {
            r.sample = j.at("sample").get<std::int64_t>();
            r.split = j.value("split", std::string("test"));
            r.gradients = j.value("gradients", true);
        } else if (r.op == "testset") {
            r.samples = j.value("samples", 10000);
            r.offset = j.value("offset", 0);
            if (r.samples < 1 || r.offset < 0)
                throw std::invalid_argument("testset needs samples >= 1 and offset >= 0");
        } else if (r.op != "cancel") {
            throw std::invalid_argument("unknown op '" + r.op + "' (inspect, testset, cancel, quit)");
        }
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("request: ") + e.what());
    }
    return r;
}

std::string toJson(const InspectionRequest &r)
{
    json j{{"op", r.op}};
    if (r.op != "quit")
        j["id"] = r.id;
    if (r.op == "inspect") {
        j["sample"] = r.sample;
        j["split"] = r.split;
        j["gradients"] = r.gradients;
    } else if (r.op == "testset") {
        j["samples"] = r.samples;
        j["offset"] = r.offset;
    }
    return j.dump();
}

InspectionReply inspectionReplyFromJson(const std::string &line)
{
    json j;
    try {
        j = json::parse(line);
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("helper reply is not JSON: ") + e.what());
    }
    if (!j.is_object())
        throw std::invalid_argument("helper reply is not a JSON object");
    InspectionReply r;
    try {
        if (j.contains("ready")) {
            r.isReady = true;
            r.ready = j.at("ready").get<bool>();
            r.error = j.value("error", std::string());
            r.checkpoint = j.value("checkpoint", std::string());
            r.step = j.value("step", std::int64_t(0));
            r.testSamples = j.value("test_samples", std::int64_t(0));
            return r;
        }
        r.id = j.at("id").get<std::int64_t>();
        r.ok = j.at("ok").get<bool>();
        r.dropped = j.value("dropped", false);
        r.error = j.value("error", std::string());
        if (r.ok && j.contains("inspection"))
            r.inspection = attentionInspectionFromJson(j["inspection"].dump());
        else if (r.ok && j.contains("testset"))
            r.testSet = testSetSummaryFromJson(j["testset"].dump());
        else if (r.ok)
            throw std::invalid_argument("helper reply " + std::to_string(r.id) + " has neither inspection nor testset");
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("helper reply: ") + e.what());
    }
    return r;
}

std::string readyLine(const std::string &checkpoint, std::int64_t step, std::int64_t testSamples)
{
    return json{{"ready", true}, {"checkpoint", checkpoint}, {"step", step}, {"test_samples", testSamples}}.dump();
}

std::string notReadyLine(const std::string &error) { return json{{"ready", false}, {"error", error}}.dump(); }

std::string inspectionReplyLine(std::int64_t id, const AttentionInspection &inspection)
{
    return "{\"id\":" + std::to_string(id) + ",\"ok\":true,\"inspection\":" + toJson(inspection) + "}";
}

std::string testSetReplyLine(std::int64_t id, const TestSetSummary &summary)
{
    return "{\"id\":" + std::to_string(id) + ",\"ok\":true,\"testset\":" + toJson(summary) + "}";
}

std::string errorReplyLine(std::int64_t id, const std::string &error, bool dropped)
{
    return json{{"id", id}, {"ok", false}, {"dropped", dropped}, {"error", error}}.dump();
}

} // namespace seekbench
