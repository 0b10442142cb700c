// The resolver of model files (model.h), shared by resolve.cpp (CELL blocks) and
// resolve_network.cpp (NETWORK blocks). Private to the model library.
#pragma once

#include "model/model.h"

#include "ranvier/cell/swc.h"
#include "sema/units.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

namespace ranvier::model::detail {


using ast::CellStmt;

inline bool has_points(const cell::SectionSpec& s) {
    return !s.points.empty();
}

using ast::CellStmtKind;

inline void collect_info(const ast::Module& module, MechanismInfo& info) {
    for (const ast::ItemPtr& item : module.items) {
        if (auto* include = ast::dyn_cast<ast::IncludeItem>(item.get())) {
            if (include->included)
                collect_info(*include->included, info);
        } else if (auto* neuron = ast::dyn_cast<ast::NeuronItem>(item.get())) {
            for (const ast::NeuronStmt& s : neuron->stmts) {
                if (s.kind == ast::NeuronStmtKind::Suffix)
                    info.name = s.name->name, info.kind = MechanismKind::Density;
                else if (s.kind == ast::NeuronStmtKind::PointProcess)
                    info.name = s.name->name, info.kind = MechanismKind::Point;
                else if (s.kind == ast::NeuronStmtKind::ArtificialCell)
                    info.name = s.name->name, info.kind = MechanismKind::Artificial;
                else if (s.kind == ast::NeuronStmtKind::UseIon)
                    info.ions.push_back(s.name->name);
            }
        } else if (auto* decls = ast::dyn_cast<ast::DeclItem>(item.get())) {
            if (decls->decl_kind != ast::DeclKind::Parameter &&
                decls->decl_kind != ast::DeclKind::Assigned &&
                decls->decl_kind != ast::DeclKind::State)
                continue;
            for (const ast::DeclEntry& e : decls->entries)
                if (e.decl)
                    info.variables[e.decl->name.name] = {
                        decls->decl_kind,
                        e.decl->unit ? std::optional(e.decl->unit->text) : std::nullopt,
                        e.decl->size.has_value()};
        } else if (auto* callable = ast::dyn_cast<ast::CallableItem>(item.get())) {
            if (callable->callable_kind != ast::CallableKind::NetReceive)
                continue;
            info.net_receive = true;
            info.weights = static_cast<int>(callable->formals.size());
            if (!callable->formals.empty() && callable->formals[0].unit)
                info.weight_unit = callable->formals[0].unit->text;
        }
    }
}

// The unit table a .mod file's declarations are read with: the built-in one with the file's
// own UNITS aliases, `(myms) = (millisecond)`.
inline void read_units(const ast::Module& module, sema::UnitTable& table) {
    for (const ast::ItemPtr& item : module.items) {
        if (auto* include = ast::dyn_cast<ast::IncludeItem>(item.get())) {
            if (include->included)
                read_units(*include->included, table);
        } else if (auto* units = ast::dyn_cast<ast::UnitsItem>(item.get())) {
            for (const ast::UnitsEntry& e : units->entries) {
                if (e.kind != ast::UnitsEntryKind::Alias || !e.alias || !e.unit)
                    continue;
                std::string error;
                if (std::optional<sema::Unit> u = table.parse(e.unit->text, error))
                    table.define(e.alias->text, *u);
            }
        }
    }
}

// A temperature: its scale has an offset, which a factor cannot convert.
inline bool temperature(const sema::Unit& u) {
    for (int k = 0; k < 7; ++k)
        if (u.exponents[static_cast<std::size_t>(k)] !=
            (k == static_cast<int>(sema::BaseDim::Kelvin) ? 1 : 0))
            return false;
    return true;
}

inline const char* describe(MechanismKind kind) {
    switch (kind) {
    case MechanismKind::Density:
        return "a density mechanism (SUFFIX)";
    case MechanismKind::Point:
        return "a point process";
    case MechanismKind::Artificial:
        return "an artificial cell";
    }
    return "";
}

class Resolver {
  public:
    Resolver(const ast::Module& file, const std::vector<const ast::Module*>& library,
             DiagnosticEngine& diags)
        : file_(file), diags_(diags), units_(sema::UnitTable::builtin()) {
        auto add = [&](const ast::Module& m) {
            MechanismInfo info;
            info.module = &m;
            info.path = m.path;
            collect_info(m, info);
            if (!info.name.empty() && !available_.count(info.name)) {
                sema::UnitTable table = sema::UnitTable::builtin();
                read_units(m, table);
                units_of_.emplace(info.name, std::move(table));
                available_.emplace(info.name, std::move(info));
            }
        };
        for (const ast::ItemPtr& item : file.items)
            if (auto* include = ast::dyn_cast<ast::IncludeItem>(item.get()))
                if (include->included)
                    add(*include->included);
        for (const ast::Module* m : library)
            add(*m);
    }

    std::optional<Model> run() {
        const std::size_t errors = diags_.error_count();
        std::set<std::string> names;
        for (const ast::ItemPtr& item : file_.items) {
            if (auto* cell = ast::dyn_cast<ast::CellItem>(item.get())) {
                if (!names.insert(cell->name.name).second)
                    diags_.error(cell->name.range,
                                 "CELL '" + cell->name.name + "' is defined twice");
                model_.cells.push_back(resolve_cell(*cell));
            } else if (item->kind == ast::ItemKind::Neuron ||
                       item->kind == ast::ItemKind::Declarations ||
                       item->kind == ast::ItemKind::Procedural ||
                       item->kind == ast::ItemKind::Named ||
                       item->kind == ast::ItemKind::Callable) {
                diags_.error(item->range, "a model file (one with CELL or NETWORK blocks) holds "
                                          "INCLUDEs, CELL and NETWORK blocks; put mechanisms in "
                                          ".mod files and INCLUDE them");
            }
        }
        for (const ast::ItemPtr& item : file_.items)
            if (auto* network = ast::dyn_cast<ast::NetworkItem>(item.get())) {
                if (model_.network) {
                    diags_.error(network->name.range,
                                 "a model file describes one NETWORK; '" + model_.network->name +
                                     "' is the first");
                    continue;
                }
                model_.network = resolve_network(*network);
            }
        if (diags_.error_count() > errors)
            return std::nullopt;
        return std::move(model_);
    }

  private:
    // -----------------------------------------------------------------------------------------
    // NETWORK blocks (resolve_network.cpp)

    Network resolve_network(const ast::NetworkItem& item);
    void network_setting(const ast::NetworkStmt& s, Network& network);
    void population(const ast::NetworkStmt& s, Network& network);
    std::optional<PopulationParameter> population_parameter(const ast::Parameter& p,
                                                            const Population& population);
    void projection(const ast::NetworkStmt& s, Network& network);
    void network_stimulus(const ast::NetworkStmt& s, Network& network);
    void network_record(const ast::NetworkStmt& s, Network& network);
    std::optional<Selection> selection(const ast::Selection& s, const Network& network);
    std::optional<Distribution> distribution(const ast::Value& v,
                                             const std::optional<std::string>& unit,
                                             const std::string& what,
                                             const sema::UnitTable* declared_in = nullptr);
    bool connection_values(const ast::NetworkStmt& s, const MechanismInfo& m,
                           std::vector<Distribution>& weights, Distribution& delay,
                           bool& delay_ok);
    int artificial_cell(const ast::Identifier& name);
    int target_synapse(const std::optional<ast::Identifier>& name, const Population& population,
                       SourceRange where);
    const Cell* cell_of(const Population& p) const {
        return p.cell >= 0 ? &model_.cells[static_cast<std::size_t>(p.cell)] : nullptr;
    }
    // -----------------------------------------------------------------------------------------
    // Units

    // `q` in the unit `unit` (as a .mod file writes it): converted from the unit written with
    // the value, which must have the same dimension; a value without a unit is taken as is.
    std::optional<double> convert(const ast::Quantity& q, const std::optional<std::string>& unit,
                                  const std::string& what,
                                  const sema::UnitTable* declared_in = nullptr) {
        if (!q.unit)
            return q.value.value;
        std::string error;
        const sema::UnitTable& declared_table = declared_in ? *declared_in : units_;
        std::optional<sema::Unit> written = declared_table.parse(q.unit->text, error);
        if (!written)
            written = units_.parse(q.unit->text, error);
        if (!written) {
            diags_.error(q.unit->range, error);
            return std::nullopt;
        }
        if (!unit) {
            if (!written->dimensionless()) {
                diags_.error(q.range, what + " has no unit; write the value without one");
                return std::nullopt;
            }
            return q.value.value * written->factor;
        }
        std::optional<sema::Unit> declared = declared_table.parse(*unit, error);
        if (!declared)
            return q.value.value; // a unit the .mod file's checks already reported
        if ((temperature(*written) || temperature(*declared)) && q.unit->text != *unit) {
            diags_.error(q.unit->range, what + " is in (" + *unit +
                                            "); write it in that unit (temperature scales have "
                                            "offsets)");
            return std::nullopt;
        }
        if (!written->same_dimension(*declared)) {
            diags_.error(q.unit->range, what + " is in (" + *unit + "); (" + q.unit->text +
                                            ") is not a unit of the same kind");
            return std::nullopt;
        }
        return q.value.value * written->factor / declared->factor;
    }

    std::optional<double> positive(const ast::Quantity& q, const char* unit,
                                   const std::string& what) {
        std::optional<double> v = convert(q, std::string(unit), what);
        if (v && !(*v > 0)) {
            diags_.error(q.range, what + " must be positive");
            return std::nullopt;
        }
        return v;
    }

    // -----------------------------------------------------------------------------------------
    // Sections

    // The sections `ref` names: `dend[2]` one; `dend` the section of that name, or every
    // dend[i].
    std::vector<int> sections_named(const ast::SectionRef& ref, const Cell& cell) {
        std::vector<int> found;
        if (ref.index && ref.index->value != std::floor(ref.index->value)) {
            diags_.error(ref.index->range, "a section index is a whole number");
            return found;
        }
        const std::string& base = ref.name.name;
        for (std::size_t k = 0; k < cell.sections.size(); ++k) {
            const std::string& name = cell.sections[k].name;
            if (ref.index) {
                if (name == base + "[" + std::to_string(static_cast<long>(ref.index->value)) + "]")
                    found.push_back(static_cast<int>(k));
            } else if (name == base || (name.size() > base.size() && name.starts_with(base) &&
                                        name[base.size()] == '[')) {
                found.push_back(static_cast<int>(k));
            }
        }
        if (found.empty())
            diags_.error(ref.range, "no section '" + text(ref) + "' in CELL '" + cell.name + "'");
        return found;
    }

    static std::string text(const ast::SectionRef& ref) {
        return ref.name.name + (ref.index ? "[" + ref.index->spelling + "]" : "");
    }

    // One section and a position on it.
    std::optional<std::pair<int, double>> location(const ast::Location& l, const Cell& cell) {
        std::vector<int> found = sections_named(l.section, cell);
        if (found.empty())
            return std::nullopt;
        if (found.size() > 1) {
            diags_.error(l.section.range,
                         "'" + text(l.section) + "' names " + std::to_string(found.size()) +
                             " sections; name one, as " + l.section.name.name + "[0]");
            return std::nullopt;
        }
        if (!(l.x.value >= 0 && l.x.value <= 1)) {
            diags_.error(l.x.range, "a position on a section is between 0 and 1");
            return std::nullopt;
        }
        return std::pair{found[0], l.x.value};
    }

    void section(const CellStmt& s, Cell& cell) {
        // An existing section (from MORPHOLOGY or declared before): change it.
        std::vector<int> existing;
        const ast::SectionRef& ref = *s.section;
        for (std::size_t k = 0; k < cell.sections.size(); ++k)
            if (cell.sections[k].name == ref.name.name ||
                cell.sections[k].name.starts_with(ref.name.name + "["))
                existing.push_back(static_cast<int>(k));
        if (!existing.empty() && (s.location || ref.index)) {
            diags_.error(ref.range, "section '" + text(ref) + "' is already defined");
            return;
        }
        std::vector<int> targets = existing;
        if (existing.empty()) {
            int count = 1;
            if (ref.index) {
                count = static_cast<int>(ref.index->value);
                if (count < 1 || count > 100000 || ref.index->value != count) {
                    diags_.error(ref.index->range, "a section array has 1 to 100000 sections");
                    return;
                }
            }
            int parent = -1;
            double parent_x = 1;
            if (s.location) {
                auto where = location(*s.location, cell);
                if (!where)
                    return;
                std::tie(parent, parent_x) = *where;
            }
            for (int i = 0; i < count; ++i) {
                cell::SectionSpec spec;
                spec.name =
                    ref.index ? ref.name.name + "[" + std::to_string(i) + "]" : ref.name.name;
                spec.length = 100;
                spec.diam = 500;
                spec.ra = default_ra_;
                spec.cm = default_cm_;
                spec.parent = parent;
                spec.parent_x = parent_x;
                targets.push_back(static_cast<int>(cell.sections.size()));
                cell.sections.push_back(spec);
            }
        }
        for (const ast::Setting& setting : s.settings) {
            const std::string& name = setting.name.name;
            const std::string what = "'" + name + "' of section '" + text(ref) + "'";
            std::optional<double> value;
            if (name == "L" || name == "diam")
                value = positive(setting.value, "um", what);
            else if (name == "Ra")
                value = positive(setting.value, "ohm cm", what);
            else if (name == "cm")
                value = convert(setting.value, std::string("uF/cm2"), what);
            else if (name == "nseg")
                value = convert(setting.value, std::nullopt, what);
            else {
                diags_.error(setting.name.range,
                             "a section has L, diam, nseg, Ra and cm (and PARENT); not '" + name +
                                 "'");
                continue;
            }
            if (!value)
                continue;
            if (name == "cm" && *value < 0) {
                diags_.error(setting.value.range, what + " must not be negative");
                continue;
            }
            if (name == "nseg" && (*value < 1 || *value > 32767 || *value != std::floor(*value))) {
                diags_.error(setting.value.range, "nseg is a whole number from 1 to 32767");
                continue;
            }
            for (int k : targets) {
                cell::SectionSpec& spec = cell.sections[static_cast<std::size_t>(k)];
                if ((name == "L" || name == "diam") && has_points(spec)) {
                    diags_.error(setting.name.range, "section '" + spec.name +
                                                         "' has its shape from MORPHOLOGY; its " +
                                                         name + " cannot be set");
                    break;
                }
                if (name == "L")
                    spec.length = *value;
                else if (name == "diam")
                    spec.diam = *value;
                else if (name == "Ra")
                    spec.ra = *value;
                else if (name == "cm")
                    spec.cm = *value;
                else
                    spec.nseg = static_cast<int>(*value), nseg_set_.insert(k);
            }
        }
    }

    void morphology(const CellStmt& s, Cell& cell) {
        if (!cell.sections.empty()) {
            diags_.error(s.range, "MORPHOLOGY comes first in a CELL, before any SECTION");
            return;
        }
        std::filesystem::path path = s.text;
        if (path.is_relative())
            path = std::filesystem::path(file_.path).parent_path() / path;
        std::error_code ec;
        std::ifstream in;
        if (std::filesystem::is_regular_file(path, ec))
            in.open(path);
        if (!in.is_open() || !in) {
            diags_.error(s.range, "cannot read morphology file '" + path.string() + "'");
            return;
        }
        std::string error;
        std::optional<std::vector<cell::SectionSpec>> sections =
            cell::read_swc(in, path.string(), error);
        if (!sections) {
            diags_.error(s.range, error);
            return;
        }
        for (cell::SectionSpec& spec : *sections) {
            spec.ra = default_ra_;
            spec.cm = default_cm_;
        }
        cell.sections = std::move(*sections);
        cell.morphology = path.string();
    }

    // -----------------------------------------------------------------------------------------
    // Mechanisms

    const MechanismInfo* mechanism(const ast::Identifier& name, MechanismKind kind) {
        auto found = available_.find(name.name);
        if (found == available_.end()) {
            diags_.error(name.range, "no mechanism '" + name.name +
                                         "' in the INCLUDEd files or the standard library");
            return nullptr;
        }
        const MechanismInfo& info = found->second;
        if (info.kind != kind) {
            diags_.error(name.range, "'" + name.name + "' is " + describe(info.kind) + ", not " +
                                         describe(kind));
            return nullptr;
        }
        if (std::none_of(model_.mechanisms.begin(), model_.mechanisms.end(),
                         [&](const MechanismInfo& m) { return m.name == info.name; }))
            model_.mechanisms.push_back(info);
        return &info;
    }

    // A PARAMETER of `m` set to a value: `g_pas` or `g` for density mechanisms.
    std::optional<Value> parameter(const MechanismInfo& m, const ast::Setting& setting) {
        std::string name = setting.name.name;
        const std::string suffix = "_" + m.name;
        if (m.kind == MechanismKind::Density && name.ends_with(suffix) &&
            name.size() > suffix.size() && !m.variables.count(name))
            name = name.substr(0, name.size() - suffix.size());
        auto found = m.variables.find(name);
        if (found == m.variables.end()) {
            diags_.error(setting.name.range,
                         "'" + setting.name.name + "' is not a variable of " + m.name);
            return std::nullopt;
        }
        if (found->second.kind != ast::DeclKind::Parameter || found->second.array) {
            diags_.error(setting.name.range, "'" + setting.name.name + "' of " + m.name +
                                                 " is not a PARAMETER; only PARAMETERs are set");
            return std::nullopt;
        }
        std::optional<double> value =
            convert(setting.value, found->second.unit, "'" + setting.name.name + "' of " + m.name,
                    &units_of_.at(m.name));
        if (!value)
            return std::nullopt;
        return Value{name, *value};
    }

    std::vector<Value> parameters(const MechanismInfo& m, const std::vector<ast::Setting>& list) {
        std::vector<Value> values;
        for (const ast::Setting& setting : list)
            if (std::optional<Value> v = parameter(m, setting))
                values.push_back(*v);
        return values;
    }

    void insert(const CellStmt& s, Cell& cell) {
        const MechanismInfo* m = mechanism(s.name, MechanismKind::Density);
        Insertion insertion;
        insertion.mechanism = s.name.name;
        if (s.sections.empty())
            for (std::size_t k = 0; k < cell.sections.size(); ++k)
                insertion.sections.push_back(static_cast<int>(k));
        for (const ast::SectionRef& ref : s.sections)
            for (int k : sections_named(ref, cell))
                if (std::find(insertion.sections.begin(), insertion.sections.end(), k) ==
                    insertion.sections.end())
                    insertion.sections.push_back(k);
        if (!m)
            return;
        insertion.values = parameters(*m, s.settings);
        // As NEURON's insert: a section that has the mechanism keeps its one instance per
        // segment, with these values set over the earlier ones.
        std::vector<Insertion> again;
        for (Insertion& earlier : cell.insertions) {
            if (earlier.mechanism != insertion.mechanism)
                continue;
            for (auto k = insertion.sections.begin(); k != insertion.sections.end();) {
                auto found = std::find(earlier.sections.begin(), earlier.sections.end(), *k);
                if (found == earlier.sections.end()) {
                    ++k;
                    continue;
                }
                earlier.sections.erase(found);
                Insertion both{insertion.mechanism, {*k}, earlier.values};
                both.values.insert(both.values.end(), insertion.values.begin(),
                                   insertion.values.end());
                again.push_back(std::move(both));
                k = insertion.sections.erase(k);
            }
        }
        for (Insertion& i : again)
            cell.insertions.push_back(std::move(i));
        std::erase_if(cell.insertions, [](const Insertion& i) { return i.sections.empty(); });
        if (!insertion.sections.empty())
            cell.insertions.push_back(std::move(insertion));
    }

    void point(const CellStmt& s, Cell& cell) {
        if (point_index(s.label->name, cell) >= 0) {
            diags_.error(s.label->range, "'" + s.label->name +
                                             "' is already a point process of "
                                             "CELL '" +
                                             cell.name + "'");
            return;
        }
        const MechanismInfo* m = mechanism(s.name, MechanismKind::Point);
        auto where = location(*s.location, cell);
        if (!m || !where)
            return;
        if (s.synapse && !m->net_receive) {
            diags_.error(s.name.range, "a SYNAPSE receives events, and " + m->name +
                                           " has no NET_RECEIVE block; use POINT");
            return;
        }
        cell.points.push_back({s.label->name, m->name, where->first, where->second,
                               parameters(*m, s.settings), s.synapse});
    }

    static int point_index(const std::string& label, const Cell& cell) {
        for (std::size_t k = 0; k < cell.points.size(); ++k)
            if (cell.points[k].label == label)
                return static_cast<int>(k);
        return -1;
    }

    void detector(const CellStmt& s, Cell& cell) {
        if (s.target) {
            const int point = point_index(s.target->name, cell);
            if (point < 0) {
                diags_.error(s.target->range, "no point process '" + s.target->name +
                                                  "' in CELL '" + cell.name +
                                                  "' (declare it before the DETECTOR)");
                return;
            }
            const PointProcess& p = cell.points[static_cast<std::size_t>(point)];
            cell.detectors.push_back({p.section, p.x, 0, point});
            return;
        }
        auto where = location(*s.location, cell);
        std::optional<double> threshold = convert(*s.value, std::string("mV"), "THRESHOLD");
        if (where && threshold)
            cell.detectors.push_back({where->first, where->second, *threshold});
    }

    // The event times of a generator: times(t1, t2, ...), regular(start, interval, number,
    // stop) or poisson(rate, start, stop). False when it is not one.
    bool generator(const ast::Identifier& generator,
                   const std::vector<std::optional<ast::Identifier>>& names,
                   const std::vector<ast::Quantity>& arguments, SourceRange range,
                   Stimulus& stim) {
        const std::string& kind = generator.name;
        struct Argument {
            const char* name;
            const char* unit;
            double* value;
        };
        std::vector<Argument> named;
        if (kind == "times") {
            stim.kind = StimulusKind::Times;
            for (std::size_t k = 0; k < arguments.size(); ++k) {
                if (names[k]) {
                    diags_.error(names[k]->range,
                                 "times(...) takes the event times, without names");
                    continue;
                }
                // A unit written once at the end applies to every time: times(5, 10 (ms)).
                ast::Quantity q = arguments[k];
                if (!q.unit && arguments.back().unit)
                    q.unit = arguments.back().unit;
                if (std::optional<double> t = convert(q, std::string("ms"), "an event time")) {
                    if (*t < 0)
                        diags_.error(q.range, "event times are not negative");
                    stim.times.push_back(*t);
                }
            }
            if (!std::is_sorted(stim.times.begin(), stim.times.end()))
                std::sort(stim.times.begin(), stim.times.end());
        } else if (kind == "regular") {
            stim.kind = StimulusKind::Regular;
            named = {{"start", "ms", &stim.start},
                     {"interval", "ms", &stim.interval},
                     {"number", "", &stim.number},
                     {"stop", "ms", &stim.stop}};
        } else if (kind == "poisson") {
            stim.kind = StimulusKind::Poisson;
            named = {{"rate", "Hz", &stim.rate},
                     {"start", "ms", &stim.start},
                     {"stop", "ms", &stim.stop}};
        } else {
            return false;
        }
        for (std::size_t k = 0; kind != "times" && k < arguments.size(); ++k) {
            const ast::Quantity& q = arguments[k];
            const Argument* a = nullptr;
            if (names[k]) {
                for (const Argument& candidate : named)
                    if (names[k]->name == candidate.name)
                        a = &candidate;
                if (!a) {
                    diags_.error(names[k]->range,
                                 kind + "(...) has no argument '" + names[k]->name + "'");
                    continue;
                }
            } else if (k < named.size()) {
                a = &named[k];
            } else {
                diags_.error(q.range, kind + "(...) takes at most " + std::to_string(named.size()) +
                                          " arguments");
                continue;
            }
            std::optional<std::string> unit =
                *a->unit ? std::optional<std::string>(a->unit) : std::nullopt;
            std::optional<double> v = convert(q, unit, std::string("'") + a->name + "'");
            if (!v)
                continue;
            if (*v < 0 || (std::string(a->name) == "interval" && *v == 0)) {
                diags_.error(q.range, std::string("'") + a->name + "' must be positive");
                continue;
            }
            if (std::string(a->name) == "number" && *v != std::floor(*v)) {
                diags_.error(q.range, "'number' is a whole number of events");
                continue;
            }
            *a->value = *v;
        }
        if (stim.stop < stim.start)
            diags_.error(range, "the stimulus stops before it starts");
        return true;
    }

    static constexpr const char* kGenerators =
        "times(t1, t2, ...), regular(start, interval, number, stop) or poisson(rate, start, "
        "stop)";

    void stimulus(const CellStmt& s, Cell& cell) {
        Stimulus stim;
        stim.label = s.label ? s.label->name : "stimulus" + std::to_string(cell.stimuli.size());
        if (!generator(s.name, s.argument_names, s.arguments, s.range, stim)) {
            diags_.error(s.name.range, std::string("a STIMULUS is ") + kGenerators + "; not '" +
                                           s.name.name + "'");
            return;
        }
        stim.target = point_index(s.target->name, cell);
        if (stim.target < 0) {
            diags_.error(s.target->range, "no SYNAPSE '" + s.target->name + "' in CELL '" +
                                              cell.name + "' (declare it before the STIMULUS)");
            return;
        }
        const MechanismInfo& m =
            available_.at(cell.points[static_cast<std::size_t>(stim.target)].mechanism);
        if (!m.net_receive) {
            diags_.error(s.target->range, "'" + s.target->name + "' (" + m.name +
                                              ") has no NET_RECEIVE block to receive events");
            return;
        }
        if (static_cast<int>(s.weights.size()) > m.weights) {
            diags_.error(s.weights.back().range, m.name + "'s NET_RECEIVE takes " +
                                                     std::to_string(m.weights) +
                                                     (m.weights == 1 ? " weight" : " weights"));
            return;
        }
        for (std::size_t k = 0; k < s.weights.size(); ++k) {
            std::optional<std::string> unit = k == 0 ? m.weight_unit : std::nullopt;
            if (k > 0 && !s.weights[k].unit) {
                stim.weights.push_back(s.weights[k].value.value);
                continue;
            }
            if (std::optional<double> w =
                    convert(s.weights[k], unit, "the weight", &units_of_.at(m.name)))
                stim.weights.push_back(*w);
        }
        if (s.weights.empty())
            diags_.warning(s.range, "this STIMULUS has no WEIGHT: its events carry weight 0");
        stim.weights.resize(static_cast<std::size_t>(m.weights), 0.0);
        if (s.delay)
            if (std::optional<double> d = convert(*s.delay, std::string("ms"), "DELAY")) {
                if (*d < 0)
                    diags_.error(s.delay->range, "DELAY must not be negative");
                stim.delay = *d;
            }
        cell.stimuli.push_back(std::move(stim));
    }

    void record(const CellStmt& s, Cell& cell) {
        Record r;
        const std::string& name = s.name.name;
        if (s.value) {
            std::optional<double> every = positive(*s.value, "ms", "EVERY");
            if (every) {
                if (sample_set_ && *every != cell.sample_interval)
                    diags_.error(s.value->range, "the RECORDs of a cell share one interval; "
                                                 "an earlier RECORD samples EVERY " +
                                                     std::to_string(cell.sample_interval) + " ms");
                cell.sample_interval = *every;
                sample_set_ = true;
            }
        }
        if (s.target) {
            r.kind = RecordKind::Point;
            r.point = point_index(s.target->name, cell);
            if (r.point < 0) {
                diags_.error(s.target->range, "no point process '" + s.target->name +
                                                  "' in CELL '" + cell.name + "'");
                return;
            }
            const MechanismInfo& m =
                available_.at(cell.points[static_cast<std::size_t>(r.point)].mechanism);
            auto found = m.variables.find(name);
            if (found == m.variables.end() || found->second.array) {
                diags_.error(s.name.range, "'" + name + "' is not a variable of " + m.name);
                return;
            }
            r.field = name;
            r.unit = found->second.unit.value_or("");
            r.label = name + "(" + s.target->name + ")";
            cell.records.push_back(std::move(r));
            return;
        }
        auto where = location(*s.location, cell);
        if (!where)
            return;
        std::tie(r.section, r.x) = *where;
        r.label = name + "(" + text(s.location->section) + "(" + s.location->x.spelling + "))";
        if (name == "v") {
            r.kind = RecordKind::Voltage;
            r.unit = "mV";
            cell.records.push_back(std::move(r));
            return;
        }
        // An ion variable: ina, ena, cai, cao.
        for (const MechanismInfo& m : model_.mechanisms)
            for (const std::string& ion : m.ions)
                if (name == "i" + ion || name == "e" + ion || name == ion + "i" ||
                    name == ion + "o") {
                    r.kind = RecordKind::Ion;
                    r.ion = ion;
                    r.field = name;
                    r.unit = name == "i" + ion   ? "mA/cm2"
                             : name == "e" + ion ? "mV"
                                                 : "mM";
                    cell.records.push_back(std::move(r));
                    return;
                }
        // A density mechanism's variable, with its suffix: m_hh, or m_NaTa_t (a suffix may hold
        // '_' too: the first split that names a density mechanism).
        for (std::size_t underscore = name.find('_'); underscore != std::string::npos;
             underscore = name.find('_', underscore + 1)) {
            const std::string suffix = name.substr(underscore + 1);
            auto found = available_.find(suffix);
            if (found != available_.end() && found->second.kind == MechanismKind::Density) {
                const MechanismInfo& m = found->second;
                const std::string field = name.substr(0, underscore);
                auto variable = m.variables.find(field);
                if (variable == m.variables.end() || variable->second.array) {
                    diags_.error(s.name.range, "'" + field + "' is not a variable of " + m.name);
                    return;
                }
                const bool inserted = std::any_of(
                    cell.insertions.begin(), cell.insertions.end(), [&](const Insertion& i) {
                        return i.mechanism == m.name &&
                               std::find(i.sections.begin(), i.sections.end(), r.section) !=
                                   i.sections.end();
                    });
                if (!inserted) {
                    diags_.error(s.location->range, m.name + " is not inserted in '" +
                                                        text(s.location->section) +
                                                        "' (RECORD it after the INSERT)");
                    return;
                }
                r.kind = RecordKind::Density;
                r.mechanism = m.name;
                r.field = field;
                r.unit = variable->second.unit.value_or("");
                cell.records.push_back(std::move(r));
                return;
            }
        }
        diags_.error(s.name.range, "cannot RECORD '" + name +
                                       "' AT a location: record v, an ion variable (ina, cai, "
                                       "ena) or a mechanism's variable with its suffix (m_hh)");
    }

    void ion(const CellStmt& s, Cell& cell) {
        IonValues values;
        values.ion = s.name.name;
        values.range = s.range;
        const std::string& ion = values.ion;
        if (s.sections.empty())
            for (std::size_t k = 0; k < cell.sections.size(); ++k)
                values.sections.push_back(static_cast<int>(k));
        for (const ast::SectionRef& ref : s.sections)
            for (int k : sections_named(ref, cell))
                values.sections.push_back(k);
        for (const ast::Setting& setting : s.settings) {
            const std::string& name = setting.name.name;
            std::optional<double>* slot = nullptr;
            const char* unit = "mM";
            if (name == ion + "i")
                slot = &values.inside;
            else if (name == ion + "o")
                slot = &values.outside;
            else if (name == "e" + ion)
                slot = &values.reversal, unit = "mV";
            if (!slot) {
                diags_.error(setting.name.range, "ION " + ion + " sets " + ion + "i, " + ion +
                                                     "o and e" + ion + "; not '" + name + "'");
                continue;
            }
            std::optional<double> v = convert(setting.value, std::string(unit), "'" + name + "'");
            if (v && unit == std::string("mM") && !(*v > 0)) {
                diags_.error(setting.value.range, "a concentration must be positive");
                continue;
            }
            *slot = v;
        }
        cell.ions.push_back(std::move(values));
    }

    void setting(const CellStmt& s, Cell& cell) {
        const std::string& name = s.name.name;
        const std::string what = "'" + name + "'";
        if (name == "celsius") {
            if (auto v = convert(*s.value, std::string("degC"), what))
                cell.celsius = *v;
        } else if (name == "v_init") {
            if (auto v = convert(*s.value, std::string("mV"), what))
                cell.v_init = *v;
        } else if (name == "tstop") {
            if (auto v = positive(*s.value, "ms", what))
                cell.tstop = *v;
        } else if (name == "Ra") {
            if (auto v = positive(*s.value, "ohm cm", what))
                default_ra_ = *v;
        } else if (name == "cm") {
            if (auto v = convert(*s.value, std::string("uF/cm2"), what))
                default_cm_ = *v;
        } else if (name == "segment_length") {
            if (auto v = positive(*s.value, "um", what))
                segment_length_ = *v;
        } else {
            diags_.error(s.name.range, "a CELL sets celsius, v_init, tstop, segment_length, and "
                                       "the default Ra and cm of its sections; not '" +
                                           name + "'");
        }
    }

    Cell resolve_cell(const ast::CellItem& item) {
        Cell cell;
        cell.name = item.name.name;
        cell.range = item.range;
        default_ra_ = 35.4;
        default_cm_ = 1;
        segment_length_ = 0;
        nseg_set_.clear();
        sample_set_ = false;
        // Settings first: Ra and cm are defaults for every section, wherever they are written.
        for (const CellStmt& s : item.stmts)
            if (s.kind == CellStmtKind::Setting)
                setting(s, cell);
        for (const CellStmt& s : item.stmts) {
            switch (s.kind) {
            case CellStmtKind::Setting:
            case CellStmtKind::Comment:
                break;
            case CellStmtKind::Morphology:
                morphology(s, cell);
                break;
            case CellStmtKind::Section:
                section(s, cell);
                break;
            case CellStmtKind::Insert:
                insert(s, cell);
                break;
            case CellStmtKind::Point:
                point(s, cell);
                break;
            case CellStmtKind::Detector:
                detector(s, cell);
                break;
            case CellStmtKind::Stimulus:
                stimulus(s, cell);
                break;
            case CellStmtKind::Record:
                record(s, cell);
                break;
            case CellStmtKind::Ion:
                ion(s, cell);
                break;
            }
        }
        if (cell.sections.empty())
            diags_.error(item.name.range, "CELL '" + cell.name + "' has no sections");
        // An ION no mechanism of the cell uses has no effect: say so.
        std::set<std::string> used;
        for (const Insertion& i : cell.insertions)
            for (const std::string& ion : available_.at(i.mechanism).ions)
                used.insert(ion);
        for (const PointProcess& p : cell.points)
            for (const std::string& ion : available_.at(p.mechanism).ions)
                used.insert(ion);
        for (const IonValues& i : cell.ions)
            if (!used.count(i.ion))
                diags_.warning(i.range, "no mechanism of CELL '" + cell.name + "' uses the ion " +
                                            i.ion + ": this ION has no effect");
        // segment_length: the sections without an nseg of their own get the least odd number of
        // segments no longer than it (odd, so that x = 0.5 is a segment's centre).
        for (std::size_t k = 0; segment_length_ > 0 && k < cell.sections.size(); ++k) {
            if (nseg_set_.count(static_cast<int>(k)))
                continue;
            const double length = cell.sections[k].length;
            int nseg = std::max(1, static_cast<int>(std::ceil(length / segment_length_ - 1e-9)));
            if (nseg % 2 == 0)
                ++nseg;
            cell.sections[k].nseg = std::min(nseg, 32767);
        }
        return cell;
    }

    const ast::Module& file_;
    DiagnosticEngine& diags_;
    sema::UnitTable units_;
    std::map<std::string, MechanismInfo> available_;
    std::map<std::string, sema::UnitTable> units_of_; // each mechanism's, for its declarations
    Model model_;
    double default_ra_ = 35.4, default_cm_ = 1;
    double segment_length_ = 0; // um; 0: nseg as written (default 1)
    std::set<int> nseg_set_;    // sections whose nseg is written
    bool sample_set_ = false;
};

} // namespace ranvier::model::detail
