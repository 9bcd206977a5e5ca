#pragma once

// Batches of rows for tasks whose samples are rows of an in-memory table (the AML task's
// transactions, the predictive maintenance task's windows). A rank takes every worldSize-th
// row from its rank on; each epoch's order is a permutation drawn from (seed, epoch, rank)
// alone, so (epoch, cursor) is all a checkpoint needs to resume on the same batches.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace seekbench::engine {

class RowSampler
{
public:
    RowSampler(const std::vector<std::int64_t> &rows, std::uint64_t seed, int rank, int worldSize)
        : m_seed(seed), m_rank(rank)
    {
        for (std::size_t k = std::size_t(rank); k < rows.size(); k += std::size_t(worldSize))
            m_mine.push_back(rows[k]);
        reshuffle();
    }

    // The next `batch` rows (at most this rank's share), crossing into the next epoch as needed.
    std::vector<std::int64_t> next(std::int64_t batch)
    {
        const std::int64_t b = std::min<std::int64_t>(batch, std::int64_t(m_mine.size()));
        std::vector<std::int64_t> rows;
        rows.reserve(std::size_t(b));
        for (std::int64_t k = 0; k < b; ++k) {
            if (m_cursor >= std::int64_t(m_order.size())) {
                ++m_epoch;
                m_cursor = 0;
                reshuffle();
            }
            rows.push_back(m_mine[std::size_t(m_order[std::size_t(m_cursor++)])]);
        }
        return rows;
    }

    std::int64_t epoch() const { return m_epoch; }
    std::int64_t cursor() const { return m_cursor; }
    void seek(std::int64_t epoch, std::int64_t cursor)
    {
        m_epoch = epoch;
        reshuffle();
        m_cursor = cursor;
    }
    // Epochs done, with the share of the current one.
    double progress() const
    {
        return double(m_epoch) + (m_order.empty() ? 0.0 : double(m_cursor) / double(m_order.size()));
    }

private:
    void reshuffle()
    {
        m_order.resize(m_mine.size());
        std::iota(m_order.begin(), m_order.end(), 0);
        std::mt19937_64 rng(m_seed * 7919 + std::uint64_t(m_epoch) * 104729 + std::uint64_t(m_rank));
        std::shuffle(m_order.begin(), m_order.end(), rng);
    }

    std::uint64_t m_seed;
    int m_rank;
    std::vector<std::int64_t> m_mine, m_order;
    std::int64_t m_epoch = 0, m_cursor = 0;
};

} // namespace seekbench::engine
