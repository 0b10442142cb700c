// Checked kernel launches for generated CUDA code: a failed launch says which mechanism and
// entry point failed and why, instead of surfacing later as wrong numbers.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

namespace ranvier::kernel {

inline void check_launch(const char* what) {
    cudaError_t error = cudaGetLastError();
    if (error == cudaSuccess) return;
    std::fprintf(stderr, "ranvier: CUDA launch of %s failed: %s\n", what, cudaGetErrorString(error));
    std::abort();
}

} // namespace ranvier::kernel
