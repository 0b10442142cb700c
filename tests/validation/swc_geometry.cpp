// Ranvier's side of swc_vs_neuron.py: reads an SWC file with ranvier::cell::read_swc, gives every
// section NSEG segments, discretises the cell and prints, for each section, its parent, where it
// attaches and its length, then the area and NEURON's ri() of each segment's node and ri() at
// x = 1 (round-trip precision, in the format the script parses):
//   section NAME PARENT|- PARENT_X L
//   node NAME X AREA RI
//
//   swc_geometry FILE.swc NSEG
#include "ranvier/cell/cable.h"
#include "ranvier/cell/swc.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

int main(int argc, char** argv) {
    using namespace ranvier::cell;
    if (argc != 3) {
        std::fprintf(stderr, "usage: swc_geometry FILE.swc NSEG\n");
        return 2;
    }
    std::ifstream in(argv[1]);
    if (!in) {
        std::fprintf(stderr, "swc_geometry: cannot open %s\n", argv[1]);
        return 1;
    }
    std::string error;
    std::optional<std::vector<SectionSpec>> sections = read_swc(in, argv[1], error);
    if (!sections) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    for (SectionSpec& s : *sections)
        s.nseg = std::atoi(argv[2]);
    std::optional<Cable> cable = Cable::discretise(*sections, error);
    if (!cable) {
        std::fprintf(stderr, "swc_geometry: %s\n", error.c_str());
        return 1;
    }
    for (std::size_t k = 0; k < sections->size(); ++k) {
        const SectionSpec& s = (*sections)[k];
        const char* parent =
            s.parent < 0 ? "-" : (*sections)[static_cast<std::size_t>(s.parent)].name.c_str();
        std::printf("section %s %s %.17g %.17g\n", s.name.c_str(), parent, s.parent_x,
                    section_length(s));
        const int sec = static_cast<int>(k);
        for (int j = 0; j <= s.nseg; ++j) {
            const double x = j < s.nseg ? (j + 0.5) / s.nseg : 1.0;
            const auto node = static_cast<std::size_t>(cable->node_at(sec, x));
            const double area = j < s.nseg ? cable->area()[node] : 0.0;
            std::printf("node %s %.17g %.17g %.17g\n", s.name.c_str(), x, area,
                        cable->axial_resistance()[node]);
        }
    }
    return 0;
}
