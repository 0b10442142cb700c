// The lane engine's execution policy on a GPU (see exec.h): each(n, f) is a grid of n threads,
// memory is the device's. Kernels and copies go on the engine's own stream (the generated
// kernels too, through rv_instances::stream), in order; copies_ is a second stream for copies
// that overlap the kernels (samples). What comes back often (counts, spikes) lands in pinned
// host memory. Every launch and every call is checked: a failure throws with what failed and
// CUDA's reason, which the network reports with the rank. Open MPI here is not CUDA-aware, so
// nothing the engine hands to MPI lives on the device: spikes are staged through pinned memory.
#pragma once

#include "ranvier/device/exec.h"

#include <cuda_runtime.h>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace ranvier::device {

template <class F> __global__ void each_kernel(F f, int n) {
    const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (i < n)
        f(i);
}

// The phases of a block run one after the other, every thread of the block finishing each before
// any starts the next.
template <class F> __global__ void phased_kernel(F f, int phases) {
    for (int phase = 0; phase < phases; ++phase) {
        f(static_cast<int>(blockIdx.x), static_cast<int>(threadIdx.x), phase);
        __syncthreads();
    }
}

inline void cuda_check(cudaError_t error, const char* what) {
    if (error != cudaSuccess)
        throw std::runtime_error(std::string("GPU: ") + what + " failed: " + cudaGetErrorString(error));
}

struct CudaExec {
    int device = 0;
    std::string label; // "NVIDIA H100 80GB HBM3 (device 0)"
    cudaStream_t work = nullptr, copies = nullptr;
    cudaEvent_t written = nullptr;
    std::shared_ptr<void> owner; // destroys the streams and the event with the last copy
    mutable long long launches = 0;

    // The streams and the event, on the device already selected.
    void open() {
        cuda_check(cudaStreamCreateWithFlags(&work, cudaStreamNonBlocking), "creating a stream");
        cuda_check(cudaStreamCreateWithFlags(&copies, cudaStreamNonBlocking), "creating a stream");
        cuda_check(cudaEventCreateWithFlags(&written, cudaEventDisableTiming), "creating an event");
        const cudaStream_t w = work, c = copies;
        const cudaEvent_t e = written;
        owner = std::shared_ptr<void>(nullptr, [w, c, e](void*) {
            cudaEventDestroy(e);
            cudaStreamDestroy(c);
            cudaStreamDestroy(w);
        });
    }

    std::string name() const { return label; }
    void* stream() const { return work; }
    template <class F> void each(int n, const F& f) const {
        if (n <= 0)
            return;
        constexpr int threads = 128;
        ++launches;
        each_kernel<<<(n + threads - 1) / threads, threads, 0, work>>>(f, n);
        cuda_check(cudaGetLastError(), "a kernel launch");
    }
    template <class F> void blocks(int n, int threads, int phases, const F& f) const {
        if (n <= 0 || phases <= 0)
            return;
        // A kernel that needs many registers runs fewer threads per block than 1024 (asked
        // once per kernel).
        static const int most = [] {
            cudaFuncAttributes attributes{};
            cuda_check(cudaFuncGetAttributes(&attributes, phased_kernel<F>),
                       "reading a kernel's limits");
            return attributes.maxThreadsPerBlock;
        }();
        if (threads > most)
            throw std::runtime_error("GPU: " + std::to_string(threads) +
                                     " threads per cell are more than this kernel can run on " +
                                     label + " (" + std::to_string(most) +
                                     "); run with a smaller --threads-per-cell");
        ++launches;
        phased_kernel<<<n, threads, 0, work>>>(f, phases);
        cuda_check(cudaGetLastError(), "a kernel launch");
    }
    template <class T> T* allocate(std::size_t n) const {
        void* p = nullptr;
        const std::size_t bytes = (n ? n : 1) * sizeof(T);
        const cudaError_t error = cudaMalloc(&p, bytes);
        if (error != cudaSuccess)
            throw std::runtime_error("GPU: cannot allocate " + std::to_string(bytes) +
                                     " bytes on " + label + ": " + cudaGetErrorString(error) +
                                     "; run on more ranks or GPUs");
        cuda_check(cudaMemsetAsync(p, 0, bytes, work), "clearing memory");
        return static_cast<T*>(p);
    }
    void release(void* p) const {
        cudaStreamSynchronize(work);
        cudaFree(p);
    }
    template <class T> T* allocate_host(std::size_t n) const {
        void* p = nullptr;
        const std::size_t bytes = (n ? n : 1) * sizeof(T);
        cuda_check(cudaMallocHost(&p, bytes), "allocating pinned host memory");
        std::memset(p, 0, bytes);
        return static_cast<T*>(p);
    }
    void release_host(void* p) const { cudaFreeHost(p); }
    // From the host's memory, pageable or pinned: `from` may be reused on return.
    template <class T> void upload(T* to, const T* from, std::size_t n) const {
        if (!n)
            return;
        cuda_check(cudaMemcpyAsync(to, from, n * sizeof(T), cudaMemcpyHostToDevice, work),
                   "a copy to the GPU");
    }
    template <class T> void download(T* to, const T* from, std::size_t n) const {
        if (!n)
            return;
        cuda_check(cudaMemcpyAsync(to, from, n * sizeof(T), cudaMemcpyDeviceToHost, work),
                   "a copy from the GPU");
        cuda_check(cudaStreamSynchronize(work), "a copy from the GPU");
    }
    // Into pinned memory, in order with the kernels; `to` is ready after wait().
    template <class T> void download_later(T* to, const T* from, std::size_t n) const {
        if (n)
            cuda_check(cudaMemcpyAsync(to, from, n * sizeof(T), cudaMemcpyDeviceToHost, work),
                       "a copy from the GPU");
    }
    void wait() const { cuda_check(cudaStreamSynchronize(work), "the GPU's work"); }
    template <class T> void copy_behind(T* to, const T* from, std::size_t n) const {
        if (!n)
            return;
        cuda_check(cudaEventRecord(written, work), "marking the kernels' progress");
        cuda_check(cudaStreamWaitEvent(copies, written, 0), "ordering a copy after the kernels");
        cuda_check(cudaMemcpyAsync(to, from, n * sizeof(T), cudaMemcpyDeviceToHost, copies),
                   "a copy from the GPU");
    }
    void wait_behind() const { cuda_check(cudaStreamSynchronize(copies), "a copy from the GPU"); }
};

} // namespace ranvier::device
