// The lane engine on a GPU (engine_cuda.cu; in executables built with --target=cuda).
#pragma once

#include "ranvier/device/engine.h"

#include <string>
#include <vector>

namespace ranvier::device {

// Picks the GPU of this rank (its local rank on the node, modulo the GPUs there) and returns
// its name; throws, saying why, when there is none.
std::string select_gpu(int& device);

// The engine on the GPU, with setup.device_kernels (the descriptors of setup's mechanisms are
// those compiled for the host, matched to these by name).
std::unique_ptr<CellEngine> make_cuda_engine(EngineSetup setup);

} // namespace ranvier::device
