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
    if (k >= out.capacity)
        return;
    out.kind[k] = kind;
    out.instance[k] = instance;
    out.time[k] = time;
    out.flag[k] = flag;
    out.netcon[k] = netcon;
}

} // namespace ranvier::kernel
