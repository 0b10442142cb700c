// Checked kernel launches for generated CUDA code: a failed launch says which mechanism and
// entry point failed and why, instead of surfacing later as wrong numbers. It throws, as the lane
// engine's own CUDA calls do, so that the run stops with the message, the rank and exit status 1.
#pragma once

#include <cuda_runtime.h>
#include <stdexcept>
#include <string>

namespace ranvier::kernel {

inline void check_launch(const char* what) {
    const cudaError_t error = cudaGetLastError();
    if (error == cudaSuccess)
        return;
    throw std::runtime_error(std::string("GPU: the launch of ") + what +
                             " failed: " + cudaGetErrorString(error));
}

} // namespace ranvier::kernel
