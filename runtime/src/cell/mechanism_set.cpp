// MechanismSet: structure-of-arrays storage for one mechanism's instances (see mechanism_set.h).
#include "ranvier/cell/mechanism_set.h"

#include <algorithm>

namespace ranvier::cell {

MechanismSet::MechanismSet(const rv_mechanism& descriptor)
    : desc_(&descriptor), columns_(static_cast<std::size_t>(descriptor.field_count)) {
    for (int k = 0; k < descriptor.table_count; ++k) {
        const int points = descriptor.table_points ? descriptor.table_points[k] : 0;
        table_storage_.emplace_back(static_cast<std::size_t>(points));
        table_storage_.emplace_back(static_cast<std::size_t>(points));
    }
    for (int k = 0; k < descriptor.table_count; ++k)
        tables_.push_back({descriptor.table_points ? descriptor.table_points[k] : 0,
                           table_storage_[2 * static_cast<std::size_t>(k)].data(),
                           table_storage_[2 * static_cast<std::size_t>(k) + 1].data()});
}

int MechanismSet::add(int node) {
    for (int k = 0; k < desc_->field_count; ++k) {
        const rv_field& f = desc_->fields[k];
        columns_[static_cast<std::size_t>(k)].push_back(f.role == RV_PARAMETER ? f.initial : 0.0);
    }
    node_.push_back(node);
    netcon_begin_.push_back(netcon_begin_.back());
    // The columns may have moved: the view's pointers follow them here, not on every call.
    pointers_.clear();
    for (std::vector<double>& column : columns_)
        pointers_.push_back(column.data());
    return size() - 1;
}

int MechanismSet::connect(int instance, const std::vector<double>& weights) {
    const auto count = static_cast<std::size_t>(std::max(desc_->weight_count, 1));
    const auto i = static_cast<std::size_t>(instance);
    const int k = netcon_begin_[i + 1] - netcon_begin_[i];
    const auto at = static_cast<std::ptrdiff_t>(static_cast<std::size_t>(netcon_begin_[i + 1]) *
                                                count);
    weights_.insert(weights_.begin() + at, count, 0.0);
    std::copy_n(weights.begin(), std::min(weights.size(), count), weights_.begin() + at);
    for (std::size_t j = i + 1; j < netcon_begin_.size(); ++j)
        ++netcon_begin_[j];
    handles_.emplace_back(instance, k);
    return static_cast<int>(handles_.size()) - 1;
}

int MechanismSet::netcon(int handle) const {
    const auto& [instance, k] = handles_[static_cast<std::size_t>(handle)];
    return netcon_begin_[static_cast<std::size_t>(instance)] + k;
}

int MechanismSet::field(std::string_view name) const {
    for (int k = 0; k < desc_->field_count; ++k)
        if (name == desc_->fields[k].name)
            return k;
    return -1;
}

rv_instances MechanismSet::view(const double* globals, const double* voltage, rv_events* events) {
    rv_instances v{};
    v.count = size();
    v.fields = pointers_.data();
    v.globals = globals;
    v.node = node_.data();
    v.voltage = voltage;
    v.events = events;
    v.netcon_begin = netcon_begin_.data();
    v.weights = weights_.data();
    v.tables = tables_.data();
    return v;
}

} // namespace ranvier::cell
