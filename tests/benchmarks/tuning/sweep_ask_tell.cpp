// sweep_ask_tell SPACE.yaml: Seekbench's sampler (core/tuning, the code `seekbench-cli sweep
// ask` runs) behind a line protocol on stdin/stdout, so that compare_optuna.py can drive it
// for many trials without paying a seekbench-cli process start (about 0.8 s of CPU: the
// dynamic loader and LibTorch's static initialisers) per ask and per tell.
//   ask            -> {"trial": N, "params": {...}}   or {"exhausted": true}
//   tell N VALUE   -> {"ok": true}
// As SweepStore::ask: the next number is the last trial's + 1, the asked trial is running
// in the history until told, and the value goes through text as `sweep tell --value` does.
#include "seekbench/tuning/sampler.h"
#include "seekbench/tuning/search_space.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    using namespace seekbench::tuning;
    if (argc != 2) {
        std::cerr << "usage: sweep_ask_tell SPACE.yaml\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    std::stringstream text;
    text << in.rdbuf();
    const SpaceParse parsed = parseSearchSpace(text.str());
    if (!parsed.space) {
        std::cerr << "sweep_ask_tell: the search space has " << parsed.issues.size() << " problem(s)\n";
        return 2;
    }
    const SearchSpace &space = *parsed.space;
    const auto sampler = makeSampler(space.sampler);
    std::vector<Trial> history;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream words(line);
        std::string verb;
        words >> verb;
        if (verb == "ask") {
            const int number = history.empty() ? 0 : history.back().number + 1;
            auto params = sampler->suggest(space, history, number);
            if (!params) {
                std::cout << nlohmann::json{{"exhausted", true}}.dump() << std::endl;
                continue;
            }
            Trial t;
            t.number = number;
            t.params = *params;
            history.push_back(t);
            std::cout << nlohmann::json{{"trial", number}, {"params", *params}}.dump() << std::endl;
        } else if (verb == "tell") {
            int number = -1;
            std::string value;
            words >> number >> value;
            for (Trial &t : history)
                if (t.number == number) {
                    t.state = TrialState::Complete;
                    t.value = std::stod(value);
                }
            std::cout << nlohmann::json{{"ok", true}}.dump() << std::endl;
        } else if (!verb.empty()) {
            std::cerr << "sweep_ask_tell: unknown verb " << verb << "\n";
            return 2;
        }
    }
    return 0;
}
