// SONATA output (https://github.com/AllenInstitute/sonata, "Output file formats"): spikes as
// /spikes/<population>/{timestamps, node_ids} sorted by time, and reports of a variable sampled
// at fixed intervals as /report/<population>/{data, mapping/...}, in HDF5.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ranvier::app::sonata {

struct SpikePopulation {
    std::string name;
    std::vector<double> timestamps;      // ms, ascending
    std::vector<std::uint64_t> node_ids; // within the population, with the timestamps
};

// Writes `path` with every population's spikes, marked sorted by time. Throws on failure.
void write_spikes(const std::filesystem::path& path, const std::vector<SpikePopulation>& spikes);

// One population's part of a report: one element per node (the recorded location).
struct ReportPopulation {
    std::string name;
    std::vector<std::uint64_t> node_ids;    // ascending
    std::vector<std::uint32_t> element_ids; // per node: the section recorded (0 for a point)
    std::vector<std::vector<double>> values; // per node, its samples (all of one length)
};

struct Report {
    double start = 0, interval = 0.1; // ms: frame k is at start + k * interval
    std::string units;                // of the values; may be empty
    std::vector<ReportPopulation> populations;
};

// Writes `path` with the report (data as float32 [frames x elements]). Throws on failure.
void write_report(const std::filesystem::path& path, const Report& report);

} // namespace ranvier::app::sonata
