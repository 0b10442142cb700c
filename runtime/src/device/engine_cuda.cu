// The lane engine on the rank's GPU (see device/engine.h): the same templates as on the host,
// with CudaExec. Each MPI rank takes the GPU of its local rank on the node, round robin.
#include "ranvier/device/engine_cuda.h"
#include "ranvier/device/engine_impl.h"
#include "ranvier/device/exec_cuda.cuh"

#include <cstdlib>

namespace ranvier::device {

template class Engine<CudaExec>;

namespace {

// The rank's index among the ranks of its node, from the launcher's environment (no MPI call:
// the engine starts where one rank may already have failed).
int local_rank() {
    for (const char* name : {"OMPI_COMM_WORLD_LOCAL_RANK", "MPI_LOCALRANKID", "MV2_COMM_WORLD_LOCAL_RANK",
                             "SLURM_LOCALID", "PMI_LOCAL_RANK"})
        if (const char* value = std::getenv(name))
            return std::atoi(value);
    return 0;
}

} // namespace

std::string select_gpu(int& device) {
    int count = 0;
    const cudaError_t error = cudaGetDeviceCount(&count);
    if (error != cudaSuccess || count == 0) {
        const bool absent = error == cudaErrorNoDevice || error == cudaErrorInsufficientDriver ||
                            count == 0;
        throw std::runtime_error(
            std::string("no usable GPU: ") +
            (absent ? "no NVIDIA GPU with a working driver on this machine" : "CUDA failed") +
            (error != cudaSuccess ? std::string(" (CUDA: ") + cudaGetErrorString(error) + ")"
                                  : std::string()) +
            "; run on a machine with an NVIDIA GPU, or with --backend cpu");
    }
    device = local_rank() % count;
    cuda_check(cudaSetDevice(device), "selecting the GPU");
    cudaDeviceProp properties{};
    cuda_check(cudaGetDeviceProperties(&properties, device), "reading the GPU's properties");
    return std::string(properties.name) + " (device " + std::to_string(device) + " of " +
           std::to_string(count) + ")";
}

std::unique_ptr<CellEngine> make_cuda_engine(EngineSetup setup) {
    const std::vector<const rv_mechanism*> kernels = setup.device_kernels;
    // The device's kernels of each mechanism, by name.
    for (BatchSetup& b : setup.batches)
        for (MechanismSetup& m : b.mechanisms) {
            const rv_mechanism* found = nullptr;
            for (const rv_mechanism* k : kernels)
                if (std::string(k->name) == m.descriptor->name)
                    found = k;
            if (!found)
                throw std::runtime_error(std::string("mechanism ") + m.descriptor->name +
                                         " has no GPU kernels in this executable");
            m.descriptor = found;
        }
    CudaExec exec;
    exec.label = select_gpu(exec.device);
    exec.open();
    return std::make_unique<Engine<CudaExec>>(exec, std::move(setup));
}

} // namespace ranvier::device
