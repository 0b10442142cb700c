// How the lane engine's kernels run. An execution policy provides
//   each(n, f)          f(i) for i in [0, n): a loop here, a grid of threads on a GPU;
//   blocks(n, threads, phases, f)   f(block, thread, phase) for `n` blocks of `threads`
//                       threads that go through `phases` phases together: a phase starts once
//                       every thread of the block has finished the one before (__syncthreads on
//                       a GPU). Within a phase the threads run in any order (here: the last
//                       first), so f must not read what another thread writes in the same phase;
//   allocate<T>(n)      n zeroed values in the memory the kernels read;
//   release(p)
//   upload(to, from, n) / download(to, from, n)   between that memory and the host's;
//   download_later(to, from, n) / wait()   a download whose `to` is ready after wait();
//   allocate_host<T>(n) / release_host(p)   host memory for what comes back often (pinned on a
//                       GPU, so that copies are direct);
//   copy_behind(to, from, n) / wait_behind()   a copy to the host of what the kernels launched
//                       so far wrote, done while later kernels run (a second stream on a GPU);
//                       `to` is ready after wait_behind();
//   stream()            what generated kernels launch on (rv_instances::stream);
//   launches            the kernels launched so far (each and blocks; a counter);
// and the engine's kernels are HOST_DEVICE lambdas that capture only plain views (pointers and
// sizes), never the engine itself. HostExec is the policy of this file; CudaExec
// (exec_cuda.cuh) is the GPU's.
#pragma once

#include "ranvier/kernel/math.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

// A kernel body: a lambda run on the host or the device.
#define RV_KERNEL [=] HOST_DEVICE

namespace ranvier::device {

HOST_DEVICE inline int atomic_add(int* p, int v) {
#ifdef __CUDA_ARCH__
    return atomicAdd(p, v);
#else
    const int old = *p;
    *p += v;
    return old;
#endif
}

HOST_DEVICE inline void atomic_max(int* p, int v) {
#ifdef __CUDA_ARCH__
    atomicMax(p, v);
#else
    if (v > *p)
        *p = v;
#endif
}

HOST_DEVICE inline void atomic_min(int* p, int v) {
#ifdef __CUDA_ARCH__
    atomicMin(p, v);
#else
    if (v < *p)
        *p = v;
#endif
}

HOST_DEVICE inline void atomic_min(unsigned long long* p, unsigned long long v) {
#ifdef __CUDA_ARCH__
    atomicMin(p, v);
#else
    if (v < *p)
        *p = v;
#endif
}

struct HostExec {
    mutable long long launches = 0;
    std::string name() const { return "host"; }
    template <class F> void each(int n, const F& f) const {
        ++launches;
        for (int i = 0; i < n; ++i)
            f(i);
    }
    template <class F> void blocks(int n, int threads, int phases, const F& f) const {
        ++launches;
        for (int block = 0; block < n; ++block)
            for (int phase = 0; phase < phases; ++phase)
                for (int thread = threads - 1; thread >= 0; --thread)
                    f(block, thread, phase);
    }
    template <class T> T* allocate(std::size_t n) const {
        void* p = std::calloc(n ? n : 1, sizeof(T));
        if (!p)
            throw std::bad_alloc();
        return static_cast<T*>(p);
    }
    void release(void* p) const { std::free(p); }
    template <class T> void upload(T* to, const T* from, std::size_t n) const {
        if (n)
            std::memcpy(static_cast<void*>(to), static_cast<const void*>(from), n * sizeof(T));
    }
    template <class T> void download(T* to, const T* from, std::size_t n) const {
        if (n)
            std::memcpy(static_cast<void*>(to), static_cast<const void*>(from), n * sizeof(T));
    }
    template <class T> void download_later(T* to, const T* from, std::size_t n) const {
        download(to, from, n);
    }
    void wait() const {}
    template <class T> T* allocate_host(std::size_t n) const { return allocate<T>(n); }
    void release_host(void* p) const { std::free(p); }
    template <class T> void copy_behind(T* to, const T* from, std::size_t n) const {
        download(to, from, n);
    }
    void wait_behind() const {}
    void* stream() const { return nullptr; }
};

} // namespace ranvier::device
