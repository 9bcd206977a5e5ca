#include "inspect_serve.h"

#include "support/errors.h"

#include "seekbench/engine/attention_inspect.h"
#include "seekbench/inspection/inspection_protocol.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <istream>
#include <mutex>
#include <ostream>
#include <thread>
#include <variant>

namespace seekbench::cli {
namespace {

struct BadLine
{
    std::string error;
};

// Lines from the GUI, parsed as they come.
class RequestQueue
{
public:
    void push(std::variant<InspectionRequest, BadLine> item)
    {
        {
            std::lock_guard lock(m_mutex);
            if (const auto *r = std::get_if<InspectionRequest>(&item); r && r->op == "cancel") {
                std::erase_if(m_items, [&](const auto &i) {
                    const auto *q = std::get_if<InspectionRequest>(&i);
                    if (q && q->id == r->id)
                        m_cancelled.push_back(q->id);
                    return q && q->id == r->id;
                });
                m_cv.notify_one();
                return;
            }
            m_items.push_back(std::move(item));
        }
        m_cv.notify_one();
    }
    void close()
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_cv.notify_one();
    }
    // The next item; nullopt at the end. Cancelled ids are handed out to be answered.
    std::optional<std::variant<InspectionRequest, BadLine>> next(std::vector<std::int64_t> &cancelled,
                                                                 bool &newerInspect)
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_closed || !m_items.empty() || !m_cancelled.empty(); });
        cancelled.swap(m_cancelled);
        m_cancelled.clear();
        if (m_items.empty())
            return m_closed && cancelled.empty() ? std::nullopt
                                                 : std::optional<std::variant<InspectionRequest, BadLine>>(BadLine{});
        auto item = std::move(m_items.front());
        m_items.pop_front();
        newerInspect = false;
        for (const auto &i : m_items)
            if (const auto *q = std::get_if<InspectionRequest>(&i); q && q->op == "inspect")
                newerInspect = true;
        return item;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::variant<InspectionRequest, BadLine>> m_items;
    std::vector<std::int64_t> m_cancelled;
    bool m_closed = false;
};

} // namespace

int serveInspections(AttentionSession &session, std::istream &in, std::ostream &out)
{
    auto queue = std::make_shared<RequestQueue>();
    // Detached: at quit it may still block in a read; the process ends with it.
    std::thread([queue, &in] {
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty())
                continue;
            try {
                queue->push(inspectionRequestFromJson(line));
            } catch (const std::invalid_argument &e) {
                queue->push(BadLine{e.what()});
            }
        }
        queue->close();
    }).detach();

    std::vector<std::int64_t> cancelled;
    bool newer = false;
    while (auto item = queue->next(cancelled, newer)) {
        for (const auto id : cancelled)
            out << errorReplyLine(id, "cancelled", true) << "\n";
        out.flush();
        if (const auto *bad = std::get_if<BadLine>(&*item)) {
            if (!bad->error.empty())
                out << errorReplyLine(-1, bad->error) << std::endl;
            continue;
        }
        const auto &r = std::get<InspectionRequest>(*item);
        if (r.op == "quit")
            break;
        try {
            if (r.op == "inspect") {
                if (newer) {
                    out << errorReplyLine(r.id, "superseded by a newer request", true) << std::endl;
                    continue;
                }
                InspectRequest req;
                req.sample = r.sample;
                req.split = r.split;
                req.gradients = r.gradients;
                out << inspectionReplyLine(r.id, session.inspect(req)) << std::endl;
            } else if (r.op == "testset") {
                out << testSetReplyLine(r.id, session.testSet(r.samples, r.offset == 0 ? 4 : 0, r.offset)) << std::endl;
            }
        } catch (const std::exception &e) {
            out << errorReplyLine(r.id, e.what()) << std::endl;
        }
    }
    return ExitOk;
}

} // namespace seekbench::cli
