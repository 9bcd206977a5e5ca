#pragma once

// The project the screenshot suite shows: two runs of the tiny config written straight
// into the store (curves, evals, system samples), so the suite needs no training and
// draws the same pictures every time. "baseline" finished; "lr 0.01" is live, its writer
// (this process) still beating, as a run the GUI attached to.

#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_manifest.h"
#include "seekbench/projects/run_store.h"

#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace shotfixture {

struct RunsProject
{
    std::shared_ptr<seekbench::projects::Project> project;
    std::string finishedRun, liveRun;
    std::unique_ptr<seekbench::projects::MetricWriter> liveWriter; // keeps the live run beating
};

inline std::string readFile(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A deterministic wobble in [-1, 1] (no random generator: the pictures stay the same).
inline double wobble(int step, int salt)
{
    const double h = std::sin(step * 12.9898 + salt * 78.233) * 43758.5453;
    return 2.0 * (h - std::floor(h)) - 1.0;
}

inline void writeCurves(seekbench::projects::MetricWriter &w, int steps, int maxSteps, double lr, double speed,
                        double now, int salt)
{
    using seekbench::MetricPoint;
    std::vector<MetricPoint> pts;
    const double stepTime = 0.12;
    for (int s = 0; s <= steps; ++s) {
        const double t = now - (steps - s) * stepTime;
        const double loss = 1.05 * std::exp(-s * speed / 90.0) + 0.34 + 0.06 * wobble(s, salt);
        const double warm = s < 20 ? (s + 1) / 20.0 : 1.0;
        const double cosine = 0.5 * (1.0 + std::cos(M_PI * std::min(1.0, double(s) / maxSteps)));
        pts.push_back({"train/loss", s, t, 0, loss});
        pts.push_back({"train/lr", s, t, 0, lr * warm * cosine});
        pts.push_back({"train/grad_norm", s, t, 0, 0.4 + 1.6 * std::exp(-s / 60.0) + 0.15 * wobble(s, salt + 1)});
        pts.push_back({"train/samples_per_s", s, t, 0, 880.0 + 60.0 * wobble(s, salt + 2)});
        if (s > 0 && s % 30 == 0)
            pts.push_back({"eval/loss", s, t, 0, 1.0 * std::exp(-s * speed / 100.0) + 0.4});
    }
    w.addMetrics(pts);
    for (int i = 0; i <= steps * stepTime; ++i) {
        seekbench::SystemSample sample;
        sample.wallTime = now - steps * stepTime + i;
        sample.rssBytes = (310.0 + 25.0 * std::min(1.0, i / 10.0) + 3.0 * wobble(i, salt)) * 1024 * 1024;
        sample.cpuPercent = 180.0 + 15.0 * wobble(i, salt + 3);
        sample.gpuStatus = "no CUDA device";
        w.addSystemSample(sample);
    }
    w.flush();
}

inline RunsProject makeRunsProject(const std::string &dir, const std::string &sourceDir, double now)
{
    using namespace seekbench;
    RunsProject out;
    projects::ProjectManifest m;
    m.name = "Demo";
    m.description = "The screenshot suite's project";
    m.storage = "local";
    out.project = std::make_shared<projects::Project>(projects::Project::create(dir, m));
    projects::RunStore store(*out.project);
    const std::string tiny = readFile(sourceDir + "/resources/configs/tiny.yaml");
    projects::NewRun finished;
    finished.name = "baseline";
    finished.configYaml = tiny;
    finished.tags = {"tiny"};
    out.finishedRun = store.createRun(finished);
    {
        projects::MetricWriter w(*out.project, out.finishedRun, 1);
        writeCurves(w, 200, 200, 0.003, 1.0, now - 600, 1);
    }
    store.finishRun(out.finishedRun, RunStatus::Finished, "", {{"eval/loss", 0.52}, {"eval/accuracy", 0.84}},
                    {{"eval/loss", 0.49}});

    projects::NewRun live;
    live.name = "lr 0.01";
    std::string hot = tiny;
    if (const auto at = hot.find("lr: 0.003"); at != std::string::npos)
        hot.replace(at, 9, "lr: 0.01");
    live.configYaml = hot;
    live.tags = {"tiny"};
    out.liveRun = store.createRun(live);
    out.liveWriter = std::make_unique<projects::MetricWriter>(*out.project, out.liveRun, 1);
    writeCurves(*out.liveWriter, 130, 200, 0.01, 1.6, now, 2);
    return out;
}

} // namespace shotfixture
