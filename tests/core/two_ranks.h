#pragma once

// Two Gloo ranks of the engine's ProcessGroup in one test process: rank 0 on the calling
// thread hosts a real TCPStore on a free port, rank 1 runs in a thread and connects to it.
// Include after torch (tests that see tensors include torch before Qt).

#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include "process_group.h"

#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace seekbench::test {

// Runs `body(group, rank)` on two ranks (rank 1 in a thread); returns both ranks' errors.
inline std::vector<std::string> onTwoRanks(const std::function<void(engine::ProcessGroup &, int)> &body)
{
    c10d::TCPStoreOptions serverOpts;
    serverOpts.port = 0;
    serverOpts.isServer = true;
    serverOpts.waitWorkers = false;
    auto server = c10::make_intrusive<c10d::TCPStore>("127.0.0.1", serverOpts);
    const auto port = server->getPort();
    std::vector<std::string> errors(2);
    auto rankMain = [&](int rank) {
        try {
            c10::intrusive_ptr<c10d::Store> store = server;
            if (rank == 1) {
                c10d::TCPStoreOptions o;
                o.port = port;
                store = c10::make_intrusive<c10d::TCPStore>("127.0.0.1", o);
            }
            auto group = engine::ProcessGroup::create(store, rank, 2, {});
            body(*group, rank);
        } catch (const std::exception &e) {
            errors[std::size_t(rank)] = e.what();
        }
    };
    std::thread r1(rankMain, 1);
    rankMain(0);
    r1.join();
    return errors;
}

} // namespace seekbench::test
