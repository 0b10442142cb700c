// Segments of deliveries (rv_deliveries): a segment's events are handled in order until one
// comes later than a self-event an earlier handler sent (or any net_move); segment_done says
// where it stopped. Without rv_events::emitted a segment runs to its end.
#include "ranvier/kernel/events.h"

#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace ranvier::kernel {
namespace {

// Two segments of three deliveries, delivery j of segment s at s + 2 j.
struct Batch {
    std::vector<int> instance{0, 1, 0, 1, 0, 1};
    std::vector<double> time{1.0, 1.0, 2.0, 2.0, 3.0, 3.0};
    std::vector<double> flag = std::vector<double>(6, 0.0);
    std::vector<int> netcon = std::vector<int>(6, -1);
    std::vector<int> count{3, 3}, done{-1, -1};
    rv_deliveries view() {
        return {2, instance.data(), time.data(), flag.data(), netcon.data(), count.data(), 2,
                done.data()};
    }
};

struct Emitted {
    int count = 0;
    std::vector<int> kind = std::vector<int>(16), instance = std::vector<int>(16),
                     netcon = std::vector<int>(16);
    std::vector<double> time = std::vector<double>(16), flag = std::vector<double>(16);
    std::vector<double> emitted = std::vector<double>(2, 0.0);
    rv_events events(bool track) {
        return {16, &count, kind.data(), instance.data(), time.data(), flag.data(), netcon.data(),
                track ? emitted.data() : nullptr};
    }
};

// A batch, its emitted events (tracked or not) and the instances' view of them.
struct Harness {
    Batch b;
    Emitted e;
    rv_events events;
    rv_instances in{};
    rv_deliveries ev;
    explicit Harness(bool track) : events(e.events(track)), ev(b.view()) { in.events = &events; }
};

TEST(DeliverSegment, StopsBeforeAnEventLaterThanASelfEventSent) {
    Harness setup(true);
    auto& [b, e, events, in, ev] = setup;
    std::vector<int> handled;
    // Segment 0: the first handler sends a self-event at 1.5, before the second event (2.0).
    deliver_segment(in, ev, 0, [&](int k) {
        handled.push_back(k);
        if (k == 0)
            emit(events, RV_EVENT_SELF, 0, 1.5, 1, -1);
    });
    EXPECT_EQ(handled, (std::vector<int>{0}));
    EXPECT_EQ(b.done[0], 1);
    // Segment 1: a self-event at the next event's own time comes after it (queued later), so
    // that event is handled too (a spike does not count); the one at 3.0 then waits.
    handled.clear();
    deliver_segment(in, ev, 1, [&](int k) {
        handled.push_back(k);
        if (k == 1)
            emit(events, RV_EVENT_SELF, 1, 2.0, 1, -1);
        if (k == 3)
            emit(events, RV_EVENT_SPIKE, 1, 2.0, 0, -1);
    });
    EXPECT_EQ(handled, (std::vector<int>{1, 3}));
    EXPECT_EQ(b.done[1], 2) << "the self-event at 2.0 comes before the event at 3.0";
}

TEST(DeliverSegment, NetMoveStopsTheSegment) {
    Harness setup(true);
    auto& [b, e, events, in, ev] = setup;
    int handled = 0;
    deliver_segment(in, ev, 0, [&](int k) {
        ++handled;
        if (k == 2)
            emit(events, RV_EVENT_MOVE, 0, 9.0, 0, -1);
    });
    EXPECT_EQ(handled, 2);
    EXPECT_EQ(b.done[0], 2);
}

TEST(DeliverSegment, WithoutTrackingEverySegmentRunsToItsEnd) {
    Harness setup(false);
    auto& [b, e, events, in, ev] = setup;
    int handled = 0;
    deliver_segment(in, ev, 0, [&](int) {
        ++handled;
        emit(events, RV_EVENT_SELF, 0, 0.0, 1, -1);
    });
    EXPECT_EQ(handled, 3);
    EXPECT_EQ(b.done[0], 3);
    EXPECT_EQ(e.count, 3);
}

} // namespace
} // namespace ranvier::kernel
