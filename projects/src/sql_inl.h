#pragma once

#include <chrono>
#include <thread>

namespace seekbench::projects::sql {

template<typename F>
void withWriteTransaction(Database &db, F &&body, int attempts)
{
    for (int attempt = 1;; ++attempt) {
        try {
            WriteTransaction tx(db);
            body();
            tx.commit();
            return;
        } catch (const SqlError &e) {
            if (!e.isBusy() || attempt >= attempts)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
        }
    }
}

} // namespace seekbench::projects::sql
