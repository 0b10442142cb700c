// Appending to an rv_events list from generated code, on host and device.
#pragma once

#include "ranvier/kernel/abi.h"
#include "ranvier/kernel/math.h"

namespace ranvier::kernel {

HOST_DEVICE inline void emit(const rv_events& out, int kind, int instance, double time, double flag,
                             int netcon) {
#ifdef __CUDA_ARCH__
    const int k = atomicAdd(out.count, 1);
#else
    const int k = __atomic_fetch_add(out.count, 1, __ATOMIC_RELAXED);
#endif
    if (out.emitted && kind != RV_EVENT_SPIKE) {
        const double when = kind == RV_EVENT_MOVE ? -HUGE_VAL : time;
        if (when < out.emitted[instance])
            out.emitted[instance] = when;
    }
    if (k >= out.capacity)
        return;
    out.kind[k] = kind;
    out.instance[k] = instance;
    out.time[k] = time;
    out.flag[k] = flag;
    out.netcon[k] = netcon;
}

// Segment s of a batch of deliveries (rv_deliveries): handle(k) for its deliveries in order,
// until one that comes later than a self-event an earlier one emitted; says how many it handled.
template <class Handle>
HOST_DEVICE inline void deliver_segment(const rv_instances& in, const rv_deliveries& ev, int s,
                                        const Handle& handle) {
    double* emitted = in.events ? in.events->emitted : nullptr;
    const int n = ev.segment_count[s];
    double first_emitted = HUGE_VAL;
    int j = 0;
    for (; j < n; ++j) {
        const int k = s + j * ev.segment_stride;
        if (first_emitted < ev.time[k])
            break;
        const int i = ev.instance[k];
        if (emitted)
            emitted[i] = HUGE_VAL;
        handle(k);
        if (emitted && emitted[i] < first_emitted)
            first_emitted = emitted[i];
    }
    if (ev.segment_done)
        ev.segment_done[s] = j;
}

} // namespace ranvier::kernel
