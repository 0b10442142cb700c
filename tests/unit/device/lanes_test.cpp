// The lane engine's device code paths, run on the host through the same templates: the event
// heaps against the CPU's EventQueue, net_move, the strided tree solve against the cell's, the
// dense LU against the vector one, and stimulus draws against the network's.
#include "ranvier/cell/dense_lu.h"
#include "ranvier/cell/event_queue.h"
#include "ranvier/device/engine_impl.h"
#include "ranvier/network/connect.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace ranvier::device {
namespace {

// A random mix of pushes (with many equal times) and pops: the heap hands events out in the
// EventQueue's order, (time, order pushed).
TEST(LaneHeaps, QueueMatchesTheCellsEventQueue) {
    std::mt19937 random(7);
    cell::EventQueue reference;
    const int capacity = 256;
    std::vector<QueuedEvent> heap(capacity);
    int size = 0;
    unsigned long long next = 0;
    detail::Status status{INT_MAX, 0, 0, 0, INT_MAX, 0, {0, 0, 0, 0}, 0, 0};
    double moved = 0;
    detail::Events ev{heap.data(), &size, capacity, &next, nullptr, nullptr, 0, nullptr, nullptr, &status, &moved};
    for (int round = 0; round < 2000; ++round) {
        if (random() % 3 != 0 && size < capacity) {
            const double time = static_cast<double>(random() % 20) * 0.25;
            const int instance = static_cast<int>(random() % 5);
            reference.push({time, 0, instance, 0.0, -1, true, 0});
            QueuedEvent e;
            e.time = time;
            e.instance = instance;
            ev.push(0, e);
        } else if (size > 0) {
            const cell::Event want = *reference.pop_until(1e9);
            const QueuedEvent got = detail::heap_pop(heap.data(), size);
            ASSERT_EQ(got.time, want.time);
            ASSERT_EQ(got.instance, want.instance);
            ASSERT_EQ(got.order, want.order);
        }
    }
    EXPECT_EQ(status.queue_overflow, INT_MAX);
}

// net_move moves the instance's latest self-event, wherever it lands in the heap.
TEST(LaneHeaps, MoveTakesTheLatestSelfEventOfTheInstance) {
    cell::EventQueue reference;
    std::vector<QueuedEvent> heap(64);
    int size = 0;
    unsigned long long next = 0;
    detail::Status status{INT_MAX, 0, 0, 0, INT_MAX, 0, {0, 0, 0, 0}, 0, 0};
    double moved = 0;
    detail::Events ev{heap.data(), &size, 64, &next, nullptr, nullptr, 0, nullptr, nullptr, &status, &moved};
    const double times[] = {5, 1, 3, 3, 8, 2, 7, 4};
    for (int k = 0; k < 8; ++k) {
        reference.push({times[k], 0, k % 3, static_cast<double>(k), -1, true, 0});
        QueuedEvent e;
        e.time = times[k];
        e.instance = k % 3;
        e.flag = k;
        ev.push(0, e);
    }
    for (const auto& [instance, time] : {std::pair{1, 0.5}, {2, 9.0}, {0, 3.0}}) {
        ASSERT_TRUE(reference.move(0, instance, time));
        ev.move(0, 0, instance, time);
    }
    while (size > 0) {
        const cell::Event want = *reference.pop_until(1e9);
        const QueuedEvent got = detail::heap_pop(heap.data(), size);
        EXPECT_EQ(got.time, want.time);
        EXPECT_EQ(got.flag, want.flag);
    }
    EXPECT_EQ(reference.size(), 0u);
}

// Full queues refuse with the cell named instead of writing past their end.
TEST(LaneHeaps, AFullQueueReportsTheCell) {
    std::vector<QueuedEvent> heap(2 * 4);
    int size[2] = {0, 0};
    unsigned long long next[2] = {0, 0};
    detail::Status status{INT_MAX, 0, 0, 0, INT_MAX, 0, {0, 0, 0, 0}, 0, 0};
    double moved[2] = {0, 0};
    detail::Events ev{heap.data(), size, 4, next, nullptr, nullptr, 0, nullptr, nullptr, &status, moved};
    for (int k = 0; k < 5; ++k)
        ev.push(1, QueuedEvent{});
    EXPECT_EQ(size[1], 4);
    EXPECT_EQ(size[0], 0);
    EXPECT_EQ(status.queue_overflow, 1);
    EXPECT_EQ(status.queue_high, 4);
}

// Pending network events come out in (time, source, kind, payload) order.
TEST(LaneHeaps, PendingOrder) {
    std::vector<PendingEvent> heap;
    std::mt19937 random(3);
    std::vector<PendingEvent> all;
    for (int k = 0; k < 300; ++k) {
        PendingEvent p{static_cast<double>(random() % 7), static_cast<long long>(random() % 5),
                       static_cast<unsigned>(random() % 3), static_cast<unsigned>(random() % 4)};
        all.push_back(p);
        heap.push_back(p);
        detail::sift_up(heap.data(), static_cast<int>(heap.size()) - 1);
    }
    std::sort(all.begin(), all.end(), [](const PendingEvent& a, const PendingEvent& b) {
        return detail::earlier(a, b);
    });
    int n = static_cast<int>(heap.size());
    for (const PendingEvent& want : all) {
        const PendingEvent got = detail::heap_pop(heap.data(), n);
        EXPECT_EQ(got.time, want.time);
        EXPECT_EQ(got.source, want.source);
        EXPECT_EQ(got.kind, want.kind);
        EXPECT_EQ(got.payload, want.payload);
    }
}

// The raw LU (pivots stored as doubles, as the engine's scratch keeps them) is the vector LU.
TEST(LaneKernels, RawLuIsTheVectorLu) {
    const int n = 4;
    std::vector<double> m = {0, 2, 1, 4, 3, 1, 0, 2, 1, 5, 2, 1, 2, 0, 3, 1};
    std::vector<double> raw = m, rhs = {1, 2, 3, 4}, raw_rhs = rhs;
    std::vector<std::size_t> pivot;
    ASSERT_TRUE(cell::lu_factor(m, pivot, n));
    cell::lu_solve(m, pivot, rhs.data(), n);
    double pivots[n];
    ASSERT_TRUE(kernel::lu_factor(raw.data(), pivots, n));
    kernel::lu_solve(raw.data(), pivots, raw_rhs.data(), n);
    for (int i = 0; i < n; ++i)
        EXPECT_EQ(rhs[static_cast<std::size_t>(i)], raw_rhs[static_cast<std::size_t>(i)]);
    std::vector<double> singular = {1, 2, 2, 4};
    double p2[2];
    EXPECT_FALSE(kernel::lu_factor(singular.data(), p2, 2));
}

// Poisson and regular stimuli draw the network's times.
TEST(LaneKernels, StimulusTimes) {
    GeneratorState g;
    g.kind = static_cast<int>(GeneratorKind::Poisson);
    g.start = 5;
    g.end = 200;
    g.rate = 400;
    g.stream = 1234;
    double last = g.start, t = 0;
    for (std::uint64_t k = 0; k < 20; ++k) {
        ASSERT_TRUE(detail::next_time(g, nullptr, 99, 200, t));
        last += 1000.0 / 400 * -std::log(network::uniform(99, 1234, k));
        EXPECT_EQ(t, last);
    }
    GeneratorState r;
    r.kind = static_cast<int>(GeneratorKind::Regular);
    r.start = 2;
    r.interval = 10;
    r.number = 3;
    r.end = 100;
    std::vector<double> times;
    while (detail::next_time(r, nullptr, 1, 100, t))
        times.push_back(t);
    EXPECT_EQ(times, (std::vector<double>{2, 12, 22}));
}

} // namespace
} // namespace ranvier::device
