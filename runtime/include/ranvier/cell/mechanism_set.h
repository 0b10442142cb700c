// The instances of one mechanism in a cell: its fields as a structure of arrays, each instance
// at a node, and the rv_instances view its generated kernels take (kernel/abi.h). The runtime
// owns this memory; kernels only read and write the columns.
#pragma once

#include "ranvier/kernel/abi.h"

#include <string>
#include <string_view>
#include <vector>

namespace ranvier::cell {

class MechanismSet {
  public:
    explicit MechanismSet(const rv_mechanism& descriptor);

    const rv_mechanism& descriptor() const { return *desc_; }
    const std::string name() const { return desc_->name; }
    bool is_point_process() const { return desc_->kind != RV_DENSITY; }

    // A new instance at `node`; its parameters take their declared defaults, the rest 0.
    int add(int node);
    int size() const { return static_cast<int>(node_.size()); }
    int node(int instance) const { return node_[static_cast<std::size_t>(instance)]; }

    // A NetCon targeting `instance` with this weight vector (NET_RECEIVE's arguments; missing
    // entries are 0). Returns its handle. NetCons are stored instance by instance, as
    // FOR_NETCONS needs: netcon(handle) is its present index into the weights.
    int connect(int instance, const std::vector<double>& weights);
    int netcon(int handle) const;
    int instance_of_netcon(int handle) const {
        return handles_[static_cast<std::size_t>(handle)].first;
    }
    int netcon_count() const { return static_cast<int>(handles_.size()); }

    // The column of a field by its .mod name; -1 when the mechanism has none.
    int field(std::string_view name) const;
    double& at(int field, int instance) {
        return columns_[static_cast<std::size_t>(field)][static_cast<std::size_t>(instance)];
    }
    double at(int field, int instance) const {
        return columns_[static_cast<std::size_t>(field)][static_cast<std::size_t>(instance)];
    }

    // The view the kernels take (cheap: called for every kernel launch). Valid until the next
    // add() or connect().
    rv_instances view(const double* globals, const double* voltage, rv_events* events);

  private:
    const rv_mechanism* desc_;
    std::vector<std::vector<double>> columns_;
    std::vector<double*> pointers_;
    std::vector<int> node_;
    std::vector<int> netcon_begin_ = {0};
    std::vector<double> weights_;
    std::vector<std::pair<int, int>> handles_;       // (instance, k-th NetCon of the instance)
    std::vector<std::vector<double>> table_storage_; // x then y of each table
    std::vector<rv_table> tables_;
};

} // namespace ranvier::cell
