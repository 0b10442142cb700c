// A cell's pending events: self-events (net_send) and, later, synaptic events, ordered by time
// and then by the order they were scheduled, so that events at equal times are always handled
// in the same order (reproducible results).
#pragma once

#include <cstdint>
#include <optional>
#include <set>

namespace ranvier::cell {

// Event::netcon of an event that carries its weight (a mechanism without NetCon storage).
constexpr int kInlineWeight = -2;

struct Event {
    double time = 0;
    int mechanism = 0;
    int instance = 0;
    double flag = 0;
    int netcon = -1;         // -1: a self-event scheduled from INITIAL (weights read as 0)
    bool self = true;        // net_send, which net_move may move
    std::uint64_t order = 0; // set by the queue
    double weight = 0;       // the weight itself, when netcon is kInlineWeight

    friend bool operator<(const Event& a, const Event& b) {
        return a.time != b.time ? a.time < b.time : a.order < b.order;
    }
};

class EventQueue {
  public:
    void push(Event e) {
        e.order = next_++;
        events_.insert(e);
    }
    // The earliest event if it is due by `until`, removed from the queue.
    std::optional<Event> pop_until(double until) {
        if (events_.empty() || !(events_.begin()->time <= until))
            return std::nullopt;
        Event e = *events_.begin();
        events_.erase(events_.begin());
        return e;
    }
    // The earliest synaptic (not self-) event due by `until`, removed from the queue.
    std::optional<Event> pop_synaptic_until(double until) {
        for (auto it = events_.begin(); it != events_.end() && it->time <= until; ++it)
            if (!it->self) {
                Event e = *it;
                events_.erase(it);
                return e;
            }
        return std::nullopt;
    }
    // net_move: the instance's latest pending self-event now happens at `time`. False if none.
    bool move(int mechanism, int instance, double time) {
        auto found = events_.end();
        for (auto it = events_.begin(); it != events_.end(); ++it)
            if (it->self && it->mechanism == mechanism && it->instance == instance &&
                (found == events_.end() || it->order > found->order))
                found = it;
        if (found == events_.end())
            return false;
        Event e = *found;
        events_.erase(found);
        e.time = time;
        events_.insert(e);
        return true;
    }
    std::optional<double> next_time() const {
        if (events_.empty())
            return std::nullopt;
        return events_.begin()->time;
    }
    void clear() { events_.clear(); }
    // Every pending event, in order, and the order the next one pushed will get.
    const std::set<Event>& events() const { return events_; }
    std::uint64_t next_order() const { return next_; }
    std::size_t size() const { return events_.size(); }

  private:
    std::set<Event> events_;
    std::uint64_t next_ = 0;
};

} // namespace ranvier::cell
