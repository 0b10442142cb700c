// SONATA spikes and reports through HDF5's C interface (see sonata.h).
#include "sonata.h"

#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace ranvier::app::sonata {

namespace {

// An HDF5 identifier closed by `close` when it goes out of scope.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
        if (id_ < 0)
            throw std::runtime_error("HDF5: cannot " + what);
    }
    Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() {
        if (id_ >= 0)
            close_(id_);
    }
    operator hid_t() const { return id_; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

void check(herr_t status, const std::string& what) {
    if (status < 0)
        throw std::runtime_error("HDF5: cannot " + what);
}

Handle create_file(const std::filesystem::path& path) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); // failures are reported as exceptions
    return Handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                  "create " + path.string());
}

Handle group(hid_t parent, const std::string& name) {
    return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                  H5Gclose, "create group " + name);
}

void string_attribute(hid_t object, const char* name, const std::string& value) {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "copy a string type");
    check(H5Tset_size(type, H5T_VARIABLE), "size a string");
    check(H5Tset_cset(type, H5T_CSET_UTF8), "encode a string");
    Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
    Handle attribute(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                     std::string("create attribute ") + name);
    const char* text = value.c_str();
    check(H5Awrite(attribute, type, &text), std::string("write attribute ") + name);
}

// A dataset of `rank` dimensions from `data` (in `memory` type), stored as `file` type.
Handle dataset(hid_t parent, const std::string& name, hid_t file, hid_t memory,
               std::vector<hsize_t> dims, const void* data) {
    Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
                 "create a space for " + name);
    Handle set(H5Dcreate2(parent, name.c_str(), file, space, H5P_DEFAULT, H5P_DEFAULT,
                          H5P_DEFAULT),
               H5Dclose, "create dataset " + name);
    hsize_t count = 1;
    for (hsize_t d : dims)
        count *= d;
    if (count > 0)
        check(H5Dwrite(set, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write " + name);
    return set;
}

} // namespace

void write_spikes(const std::filesystem::path& path, const std::vector<SpikePopulation>& spikes) {
    Handle file = create_file(path);
    Handle root = group(file, "spikes");
    // SONATA's sorting attribute: an enumeration none = 0, by_id = 1, by_time = 2.
    Handle sorting(H5Tenum_create(H5T_NATIVE_UINT8), H5Tclose, "create an enumeration");
    const std::uint8_t none = 0, by_id = 1, by_time = 2;
    check(H5Tenum_insert(sorting, "none", &none), "define the sorting");
    check(H5Tenum_insert(sorting, "by_id", &by_id), "define the sorting");
    check(H5Tenum_insert(sorting, "by_time", &by_time), "define the sorting");
    for (const SpikePopulation& p : spikes) {
        Handle population = group(root, p.name);
        Handle scalar(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
        Handle attribute(H5Acreate2(population, "sorting", sorting, scalar, H5P_DEFAULT,
                                    H5P_DEFAULT),
                         H5Aclose, "create attribute sorting");
        check(H5Awrite(attribute, sorting, &by_time), "write attribute sorting");
        const hsize_t n = p.timestamps.size();
        Handle times = dataset(population, "timestamps", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {n},
                               p.timestamps.data());
        string_attribute(times, "units", "ms");
        dataset(population, "node_ids", H5T_STD_U64LE, H5T_NATIVE_UINT64, {n}, p.node_ids.data());
    }
}

void write_report(const std::filesystem::path& path, const Report& report) {
    Handle file = create_file(path);
    Handle root = group(file, "report");
    for (const ReportPopulation& p : report.populations) {
        const std::size_t nodes = p.node_ids.size();
        std::size_t frames = nodes ? p.values[0].size() : 0;
        for (const std::vector<double>& v : p.values)
            frames = std::min(frames, v.size());
        // data[frame][element], elements in node order (one per node).
        std::vector<float> data(frames * nodes);
        for (std::size_t k = 0; k < frames; ++k)
            for (std::size_t n = 0; n < nodes; ++n)
                data[k * nodes + n] = static_cast<float>(p.values[n][k]);
        Handle population = group(root, p.name);
        Handle values = dataset(population, "data", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT,
                                {frames, nodes}, data.data());
        if (!report.units.empty())
            string_attribute(values, "units", report.units);
        Handle mapping = group(population, "mapping");
        dataset(mapping, "node_ids", H5T_STD_U64LE, H5T_NATIVE_UINT64, {nodes},
                p.node_ids.data());
        std::vector<std::uint64_t> pointers(nodes + 1);
        for (std::size_t n = 0; n <= nodes; ++n)
            pointers[n] = n;
        dataset(mapping, "index_pointers", H5T_STD_U64LE, H5T_NATIVE_UINT64, {nodes + 1},
                pointers.data());
        dataset(mapping, "element_ids", H5T_STD_U32LE, H5T_NATIVE_UINT32, {nodes},
                p.element_ids.data());
        // start, end and step: the frames are start + k step for k < (end - start) / step.
        const double time[3] = {report.start,
                                report.start + static_cast<double>(frames) * report.interval,
                                report.interval};
        Handle times =
            dataset(mapping, "time", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {3}, time);
        string_attribute(times, "units", "ms");
    }
}

} // namespace ranvier::app::sonata
