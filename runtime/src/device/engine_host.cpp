// The lane engine on the host: the device code paths, run by loops (see device/engine.h).
#include "ranvier/device/engine_impl.h"

namespace ranvier::device {

template class Engine<HostExec>;

std::unique_ptr<CellEngine> make_host_engine(EngineSetup setup) {
    return std::make_unique<Engine<HostExec>>(HostExec{}, std::move(setup));
}

} // namespace ranvier::device
