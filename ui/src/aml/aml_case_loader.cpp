#include "aml/aml_case_loader.h"

#include "seekbench/projects/project.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <unordered_map>

namespace seekbench::ui {

namespace {
// The traced chains reach further than the ego network's hops (and past its caps): their
// accounts and transfers are added so the whole chain is drawn.
void addChains(AmlCaseData &data)
{
    auto &net = data.network;
    std::unordered_map<std::int64_t, bool> node, edge;
    for (const auto &n : net.nodes)
        node[n.accountId] = true;
    for (const auto &e : net.edges)
        edge[e.txId] = true;
    const int beyond = [&] {
        int h = 0;
        for (const auto &n : net.nodes)
            h = std::max(h, n.hop);
        return h + 1;
    }();
    bool added = false;
    for (const auto &chain : data.report.trace.chains)
        for (const auto &h : chain.hops) {
            for (const std::int64_t id : {h.from, h.to})
                if (node.emplace(id, true).second)
                    net.nodes.push_back({id, data.report.nameOf(id), beyond, -1});
            if (edge.emplace(h.txId, true).second) {
                net.edges.push_back({h.txId, h.from, h.to, h.ts, h.amount, -1});
                added = true;
            }
        }
    if (added)
        std::sort(net.edges.begin(), net.edges.end(),
                  [](const auto &x, const auto &y) { return x.ts != y.ts ? x.ts < y.ts : x.txId < y.txId; });
}

// The folded, layered layout of the network: nodes and edges in the network's order, the
// traced chains as edge indices, a box wide enough for each account's name.
plotmath::CaseGraphLayout layoutOf(const AmlCaseData &data, const std::atomic<bool> *cancel)
{
    const auto &net = data.network;
    plotmath::CaseGraphInput in;
    std::unordered_map<std::int64_t, int> index, edgeOf;
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
        const auto &n = net.nodes[i];
        index[n.accountId] = int(i);
        if (n.hop == 0)
            in.focal = int(i);
        in.nodes.push_back({n.hop, n.label == 1, 20 + 7.0 * double(n.name.size())});
    }
    for (const auto &e : net.edges) {
        edgeOf[e.txId] = int(in.edges.size());
        in.edges.push_back({index[e.from], index[e.to]});
    }
    for (const auto &chain : data.report.trace.chains) {
        std::vector<int> edges;
        for (const auto &h : chain.hops)
            if (const auto it = edgeOf.find(h.txId); it != edgeOf.end())
                edges.push_back(it->second);
        in.chains.push_back(std::move(edges));
    }
    plotmath::CaseGraphOptions o;
    o.cancel = cancel;
    return plotmath::layoutCaseGraph(in, o);
}
} // namespace

AmlCaseLoader::AmlCaseLoader(std::shared_ptr<const projects::Project> project, QObject *parent)
    : QObject(parent), m_project(std::move(project)), m_work(this, [this](std::shared_ptr<AmlCaseData> data) {
          if (!data)
              return;
          if (!data->error.isEmpty())
              Q_EMIT failed(data->error);
          else
              Q_EMIT loaded(data);
      })
{}

AmlCaseLoader::~AmlCaseLoader() = default;

void AmlCaseLoader::loadAlert(qint64 alertId)
{
    projects::AmlCaseRequest r;
    r.alertId = alertId;
    start(r);
}

void AmlCaseLoader::loadAccount(const QString &accountName)
{
    projects::AmlCaseRequest r;
    r.accountName = accountName.toStdString();
    start(r);
}

void AmlCaseLoader::start(const projects::AmlCaseRequest &request)
{
    m_work.start(
        [project = m_project, request](const std::atomic<bool> *cancel) { return load(*project, request, cancel); });
}

std::shared_ptr<AmlCaseData> AmlCaseLoader::load(const projects::Project &project,
                                                 const projects::AmlCaseRequest &request,
                                                 const std::atomic<bool> *cancel)
{
    auto data = std::make_shared<AmlCaseData>();
    QElapsedTimer timer;
    timer.start();
    try {
        data->report = projects::loadAmlCase(project, request);
        projects::AmlCaseStore store(project);
        data->network = store.egoNetwork(data->report.account.id, {});
        data->activity = store.activity(data->report.account.id);
    } catch (const std::exception &e) {
        data->error = QString::fromUtf8(e.what());
        return data;
    }
    addChains(*data);
    data->loadMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    data->layout = layoutOf(*data, cancel);
    data->layoutMs = timer.nsecsElapsed() / 1e6;
    return data;
}

} // namespace seekbench::ui
