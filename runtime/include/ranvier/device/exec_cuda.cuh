// The lane engine's execution policy on a GPU (see exec.h): each(n, f) is a grid of n threads,
// memory is the device's. Every launch and every call is checked: a failure throws with what
// failed and CUDA's reason, which the network reports with the rank. Open MPI here is not
// CUDA-aware, so nothing the engine hands to MPI lives on the device: spikes and samples come
// back through download().
#pragma once

#include "ranvier/device/exec.h"

#include <cuda_runtime.h>
#include <stdexcept>
#include <string>

namespace ranvier::device {

template <class F> __global__ void each_kernel(F f, int n) {
    const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (i < n)
        f(i);
}

inline void cuda_check(cudaError_t error, const char* what) {
    if (error != cudaSuccess)
        throw std::runtime_error(std::string("GPU: ") + what + " failed: " + cudaGetErrorString(error));
}

struct CudaExec {
    int device = 0;
    std::string label; // "NVIDIA H100 80GB HBM3 (device 0)"

    std::string name() const { return label; }
    template <class F> void each(int n, const F& f) const {
        if (n <= 0)
            return;
        constexpr int threads = 128;
        each_kernel<<<(n + threads - 1) / threads, threads>>>(f, n);
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
        cuda_check(cudaMemset(p, 0, bytes), "clearing memory");
        return static_cast<T*>(p);
    }
    void release(void* p) const { cudaFree(p); }
    template <class T> void upload(T* to, const T* from, std::size_t n) const {
        if (n)
            cuda_check(cudaMemcpy(to, from, n * sizeof(T), cudaMemcpyHostToDevice), "a copy to the GPU");
    }
    template <class T> void download(T* to, const T* from, std::size_t n) const {
        if (n)
            cuda_check(cudaMemcpy(to, from, n * sizeof(T), cudaMemcpyDeviceToHost), "a copy from the GPU");
    }
};

} // namespace ranvier::device
