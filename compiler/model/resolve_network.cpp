// Resolution of NETWORK blocks (see model.h): populations of CELLs, projections with their
// rules, weights and delays in the units of their synapses, stimuli and recordings; every
// impossible value reported where it is written.
#include "model/resolver.h"

#include <filesystem>

namespace ranvier::model::detail {

namespace {

using ast::NetworkStmtKind;

// The argument named `name`, or else the `position`-th unnamed one.
const ast::NetArgument* argument(const std::vector<ast::NetArgument>& args,
                                 const std::string& name, std::size_t position) {
    for (const ast::NetArgument& a : args)
        if (a.name && a.name->name == name)
            return &a;
    std::size_t unnamed = 0;
    for (const ast::NetArgument& a : args)
        if (!a.name && unnamed++ == position)
            return &a;
    return nullptr;
}

// Whether every delay `d` draws is positive.
bool positive_delays(const Distribution& d) {
    switch (d.kind) {
    case DistributionKind::Constant:
        return d.a > 0;
    case DistributionKind::Uniform:
        return d.a > 0;
    case DistributionKind::LogNormal:
        return true;
    default:
        return d.low > 0;
    }
}

} // namespace

Network Resolver::resolve_network(const ast::NetworkItem& item) {
    Network network;
    network.name = item.name.name;
    network.range = item.range;
    for (const ast::NetworkStmt& s : item.stmts)
        if (s.kind == NetworkStmtKind::Setting)
            network_setting(s, network);
    for (const ast::NetworkStmt& s : item.stmts)
        if (s.kind == NetworkStmtKind::Population)
            population(s, network);
    for (const ast::NetworkStmt& s : item.stmts) {
        switch (s.kind) {
        case NetworkStmtKind::Projection:
            projection(s, network);
            break;
        case NetworkStmtKind::Stimulus:
            network_stimulus(s, network);
            break;
        case NetworkStmtKind::Record:
            network_record(s, network);
            break;
        default:
            break;
        }
    }
    if (network.populations.empty())
        diags_.error(item.name.range, "NETWORK '" + network.name + "' has no POPULATION");
    return network;
}

void Resolver::network_setting(const ast::NetworkStmt& s, Network& network) {
    const std::string& name = s.name.name;
    if (name == "tstop") {
        if (auto v = positive(*s.value, "ms", "'tstop'"))
            network.tstop = *v;
    } else if (name == "seed") {
        std::optional<double> v = convert(*s.value, std::nullopt, "'seed'");
        if (v && (*v < 0 || *v != std::floor(*v) || *v > 9007199254740991.0))
            diags_.error(s.value->range, "'seed' is a whole number from 0 to 2^53 - 1");
        else if (v)
            network.seed = *v;
    } else {
        diags_.error(s.name.range, "a NETWORK sets tstop and seed; not '" + name + "'");
    }
}

void Resolver::population(const ast::NetworkStmt& s, Network& network) {
    Population p;
    p.name = s.label->name;
    for (const Population& other : network.populations)
        if (other.name == p.name) {
            diags_.error(s.label->range, "POPULATION '" + p.name + "' is defined twice");
            return;
        }
    const double count = s.count->value;
    if (count < 1 || count != std::floor(count) || count > 2147483647.0) {
        diags_.error(s.count->range, "a population has 1 to 2^31 - 1 cells");
        return;
    }
    p.count = static_cast<long>(count);
    for (std::size_t k = 0; k < model_.cells.size(); ++k)
        if (model_.cells[k].name == s.name.name)
            p.cell = static_cast<int>(k);
    if (p.cell < 0) {
        auto found = available_.find(s.name.name);
        if (found == available_.end() || found->second.kind != MechanismKind::Artificial) {
            diags_.error(s.name.range, "no CELL or ARTIFICIAL_CELL '" + s.name.name + "'");
            return;
        }
        p.artificial = s.name.name;
        p.cell = artificial_cell(s.name);
    }
    long next = 0;
    for (const Population& other : network.populations)
        next = other.first_gid + other.count;
    p.first_gid = next;
    if (static_cast<double>(p.first_gid) + count > 2147483647.0) {
        diags_.error(s.count->range, "a network has at most 2^31 - 1 cells");
        return;
    }
    for (const ast::Parameter& parameter : s.parameters)
        if (std::optional<PopulationParameter> v = population_parameter(parameter, p))
            p.parameters.push_back(std::move(*v));
    network.populations.push_back(std::move(p));
}

// The CELL that holds one ARTIFICIAL_CELL (made once per mechanism, named after it): a section
// that carries no current, the artificial cell in it under its own name, and its net_events
// as the spike source.
int Resolver::artificial_cell(const ast::Identifier& name) {
    for (std::size_t k = 0; k < model_.cells.size(); ++k)
        if (model_.cells[k].name == name.name && model_.cells[k].points.size() == 1 &&
            model_.cells[k].points[0].mechanism == name.name && model_.cells[k].insertions.empty())
            return static_cast<int>(k);
    const MechanismInfo* m = mechanism(name, MechanismKind::Artificial);
    Cell cell;
    cell.name = name.name;
    cell.range = name.range;
    cell::SectionSpec section;
    section.name = "soma";
    cell.sections.push_back(section);
    cell.points.push_back({m->name, m->name, 0, 0.5, {}, true});
    cell.detectors.push_back({0, 0.5, 0, 0});
    model_.cells.push_back(std::move(cell));
    return static_cast<int>(model_.cells.size() - 1);
}

// The point process that the events of a projection or stimulus into `population` reach: the
// SYNAPSE `name`, or without a name the artificial cell itself or the CELL's only SYNAPSE. -1
// after an error.
int Resolver::target_synapse(const std::optional<ast::Identifier>& name,
                             const Population& population, SourceRange where) {
    const Cell& cell = *cell_of(population);
    int synapse = -1;
    if (name) {
        synapse = point_index(name->name, cell);
        if (synapse < 0) {
            diags_.error(name->range,
                         "no SYNAPSE '" + name->name + "' in CELL '" + cell.name + "'");
            return -1;
        }
    } else if (!population.artificial.empty()) {
        synapse = 0;
    } else {
        std::string synapses;
        for (std::size_t k = 0; k < cell.points.size(); ++k)
            if (cell.points[k].synapse) {
                synapses += (synapses.empty() ? "" : ", ") + cell.points[k].label;
                synapse = synapse == -1 ? static_cast<int>(k) : -2;
            }
        if (synapse < 0) {
            diags_.error(where, "name the SYNAPSE of CELL '" + cell.name + "' the events reach, " +
                                    population.name + ".syn" +
                                    (synapses.empty() ? std::string(" (it has none)")
                                                      : " (one of " + synapses + ")"));
            return -1;
        }
    }
    const PointProcess& point = cell.points[static_cast<std::size_t>(synapse)];
    const MechanismInfo& m = available_.at(point.mechanism);
    if (!m.net_receive) {
        diags_.error(name ? name->range : where, "'" + point.label + "' (" + m.name +
                                                     ") has no NET_RECEIVE block to receive "
                                                     "events");
        return -1;
    }
    return synapse;
}

std::optional<PopulationParameter> Resolver::population_parameter(const ast::Parameter& p,
                                                                  const Population& population) {
    const Cell& cell = *cell_of(population);
    PopulationParameter result;
    const MechanismInfo* m = nullptr;
    std::string field = p.name.name;
    if (!p.owner && !population.artificial.empty()) {
        // An artificial cell's PARAMETER, by its name: tau.
        result.point = 0;
        m = &available_.at(population.artificial);
    } else if (p.owner) {
        result.point = point_index(p.owner->name, cell);
        if (result.point < 0) {
            diags_.error(p.owner->range, "no point process '" + p.owner->name + "' in CELL '" +
                                             cell.name + "'");
            return std::nullopt;
        }
        m = &available_.at(cell.points[static_cast<std::size_t>(result.point)].mechanism);
    } else {
        // A density mechanism's PARAMETER with its suffix, as NEURON names it: gnabar_hh.
        for (const Insertion& i : cell.insertions) {
            const std::string suffix = "_" + i.mechanism;
            if (field.size() > suffix.size() && field.ends_with(suffix)) {
                m = &available_.at(i.mechanism);
                result.mechanism = i.mechanism;
                field = field.substr(0, field.size() - suffix.size());
                break;
            }
        }
        if (!m) {
            diags_.error(p.name.range, "'" + p.name.name +
                                           "' names no mechanism inserted in CELL '" + cell.name +
                                           "': write a density PARAMETER with its suffix "
                                           "(gnabar_hh) or a point process's as syn.tau");
            return std::nullopt;
        }
    }
    auto found = m->variables.find(field);
    if (found == m->variables.end() || found->second.kind != ast::DeclKind::Parameter ||
        found->second.array) {
        diags_.error(p.name.range, "'" + field + "' is not a PARAMETER of " + m->name);
        return std::nullopt;
    }
    result.field = field;
    const std::string what =
        "'" + (p.owner ? p.owner->name + "." : std::string()) + p.name.name + "'";
    std::optional<Distribution> d =
        distribution(p.value, found->second.unit, what, &units_of_.at(m->name));
    if (!d)
        return std::nullopt;
    result.value = *d;
    return result;
}

std::optional<Selection> Resolver::selection(const ast::Selection& s, const Network& network) {
    Selection result;
    result.population = -1;
    for (std::size_t k = 0; k < network.populations.size(); ++k)
        if (network.populations[k].name == s.population.name)
            result.population = static_cast<int>(k);
    if (result.population < 0) {
        diags_.error(s.population.range, "no POPULATION '" + s.population.name + "'");
        return std::nullopt;
    }
    const long count = network.populations[static_cast<std::size_t>(result.population)].count;
    result.first = 0;
    result.last = count - 1;
    for (const auto& [bound, slot] : {std::pair{&s.first, &result.first}, {&s.last, &result.last}}) {
        if (!*bound)
            continue;
        const double v = (*bound)->value;
        if (v < 0 || v != std::floor(v) || v >= static_cast<double>(count)) {
            diags_.error((*bound)->range, "'" + s.population.name + "' has cells 0 to " +
                                              std::to_string(count - 1));
            return std::nullopt;
        }
        *slot = static_cast<long>(v);
    }
    if (s.first && !s.last)
        result.last = result.first;
    if (result.last < result.first) {
        diags_.error(s.range, "the selection ends before it starts");
        return std::nullopt;
    }
    return result;
}

std::optional<Distribution> Resolver::distribution(const ast::Value& v,
                                                   const std::optional<std::string>& unit,
                                                   const std::string& what,
                                                   const sema::UnitTable* declared_in) {
    Distribution d;
    if (v.constant) {
        std::optional<double> value = convert(*v.constant, unit, what, declared_in);
        if (!value)
            return std::nullopt;
        d.a = d.b = *value;
        return d;
    }
    const std::string& kind = v.distribution->name;
    std::vector<const char*> names;
    if (kind == "normal")
        d.kind = DistributionKind::Normal, names = {"mean", "sd"};
    else if (kind == "lognormal")
        d.kind = DistributionKind::LogNormal, names = {"mu", "sigma"};
    else if (kind == "uniform")
        d.kind = DistributionKind::Uniform, names = {"low", "high"};
    else if (kind == "exponential")
        d.kind = DistributionKind::Exponential, names = {"mean"};
    else {
        diags_.error(v.distribution->range,
                     "a distribution is normal(mean, sd), lognormal(mu, sigma), uniform(low, "
                     "high) or exponential(mean), each optionally with low = and high = bounds; "
                     "not '" +
                         kind + "'");
        return std::nullopt;
    }
    // Each number in the unit written with it, or the one after the parentheses.
    auto value_of = [&](const ast::NetArgument& a, bool log_scale) -> std::optional<double> {
        if (!a.value) {
            diags_.error(a.range, kind + "(...) takes numbers");
            return std::nullopt;
        }
        ast::Quantity q = *a.value;
        if (log_scale) {
            if (q.unit) {
                diags_.error(q.unit->range, "mu and sigma are of the logarithm, without a unit; "
                                            "the unit after the parentheses is exp(mu)'s");
                return std::nullopt;
            }
            return q.value.value;
        }
        if (!q.unit && v.unit)
            q.unit = v.unit;
        return convert(q, unit, what, declared_in);
    };
    std::size_t used = 0;
    for (std::size_t k = 0; k < names.size(); ++k) {
        const ast::NetArgument* a = argument(v.arguments, names[k], k);
        if (!a) {
            diags_.error(v.range, kind + "(...) needs " + names[k]);
            return std::nullopt;
        }
        ++used;
        std::optional<double> x = value_of(*a, d.kind == DistributionKind::LogNormal);
        if (!x)
            return std::nullopt;
        (k == 0 ? d.a : d.b) = *x;
    }
    for (const char* bound : {"low", "high"}) {
        if (d.kind == DistributionKind::Uniform)
            break;
        const ast::NetArgument* a = argument(v.arguments, bound, 99);
        if (!a)
            continue;
        ++used;
        std::optional<double> x = value_of(*a, false);
        if (!x)
            return std::nullopt;
        (std::string(bound) == "low" ? d.low : d.high) = *x;
    }
    if (used != v.arguments.size()) {
        diags_.error(v.range, kind + "(...) takes " + std::to_string(names.size()) +
                                  (d.kind == DistributionKind::Uniform ? ""
                                                                       : " numbers and the bounds "
                                                                         "low = and high =") +
                                  "; this has others");
        return std::nullopt;
    }
    if (d.kind == DistributionKind::LogNormal) {
        ast::Quantity one;
        one.value.value = 1;
        one.unit = v.unit;
        one.range = v.range;
        std::optional<double> scale = convert(one, unit, what, declared_in);
        if (!scale)
            return std::nullopt;
        d.scale = *scale;
    }
    if ((d.kind == DistributionKind::Normal || d.kind == DistributionKind::LogNormal) &&
        !(d.b >= 0)) {
        diags_.error(v.range, what + ": the spread (" + names[1] + ") must not be negative");
        return std::nullopt;
    }
    if (d.kind == DistributionKind::Uniform && !(d.a <= d.b)) {
        diags_.error(v.range, what + ": uniform(low, high) needs low <= high");
        return std::nullopt;
    }
    if (d.kind == DistributionKind::Exponential && !(d.a > 0)) {
        diags_.error(v.range, what + ": the mean of exponential(mean) must be positive");
        return std::nullopt;
    }
    if (!(d.low < d.high)) {
        diags_.error(v.range, what + ": the bounds leave no value (low must be below high)");
        return std::nullopt;
    }
    // A clipped normal is drawn again until it falls in the bounds: refuse bounds so far out
    // that this would take thousands of draws.
    if (d.kind == DistributionKind::Normal && d.b > 0 &&
        (d.low > d.a + 3.5 * d.b || d.high < d.a - 3.5 * d.b)) {
        diags_.error(v.range, what + ": the bounds are more than 3.5 sd from the mean");
        return std::nullopt;
    }
    return d;
}

// WEIGHT and DELAY of a projection or a stimulus into a synapse of mechanism m.
bool Resolver::connection_values(const ast::NetworkStmt& s, const MechanismInfo& m,
                                 std::vector<Distribution>& weights, Distribution& delay,
                                 bool& delay_ok) {
    bool ok = true;
    if (static_cast<int>(s.weights.size()) > m.weights) {
        diags_.error(s.weights.back().range, m.name + "'s NET_RECEIVE takes " +
                                                 std::to_string(m.weights) +
                                                 (m.weights == 1 ? " weight" : " weights"));
        ok = false;
    }
    for (std::size_t k = 0; ok && k < s.weights.size(); ++k) {
        std::optional<std::string> unit = k == 0 ? m.weight_unit : std::nullopt;
        const bool as_written = k > 0 && !s.weights[k].unit &&
                                (!s.weights[k].constant || !s.weights[k].constant->unit);
        std::optional<Distribution> w =
            distribution(s.weights[k], as_written ? std::nullopt : unit, "the weight",
                         &units_of_.at(m.name));
        if (!w)
            ok = false;
        else
            weights.push_back(*w);
    }
    if (s.weights.empty())
        diags_.warning(s.range, "no WEIGHT: the events carry weight 0");
    weights.resize(static_cast<std::size_t>(m.weights), Distribution{});
    if (s.delay) {
        std::optional<Distribution> d = distribution(*s.delay, std::string("ms"), "DELAY");
        if (!d)
            return false;
        delay = *d;
        delay_ok = true;
    }
    return ok;
}

void Resolver::projection(const ast::NetworkStmt& s, Network& network) {
    Projection p;
    std::optional<Selection> source = selection(s.sources[0], network);
    std::optional<Selection> target = selection(*s.target, network);
    if (!source || !target)
        return;
    p.source = *source;
    p.target = *target;
    p.label = s.label ? s.label->name : "projection" + std::to_string(network.projections.size());
    const Population& from = network.populations[static_cast<std::size_t>(p.source.population)];
    const Population& to = network.populations[static_cast<std::size_t>(p.target.population)];
    const Cell& source_cell = *cell_of(from);
    if (source_cell.detectors.empty()) {
        diags_.error(s.sources[0].range, "CELL '" + source_cell.name +
                                             "' has no DETECTOR: its cells send no spikes");
        return;
    }
    const Cell& target_cell = *cell_of(to);
    p.synapse = target_synapse(s.synapse, to, s.target->range);
    if (p.synapse < 0)
        return;
    const MechanismInfo& m =
        available_.at(target_cell.points[static_cast<std::size_t>(p.synapse)].mechanism);
    // The rule is checked even when the values are wrong, so that every error shows at once.
    bool delay_ok = false;
    bool ok = connection_values(s, m, p.weights, p.delay, delay_ok);
    if (!s.delay)
        diags_.error(s.range, "a PROJECTION needs a DELAY (the spike's travel time; it bounds "
                              "how far ranks may run ahead of each other)");
    // A delay must be positive: the shortest one is how far ranks may run ahead.
    if (s.delay && delay_ok && !positive_delays(p.delay))
        diags_.error(s.delay->range,
                     "DELAY must be positive: give the distribution a positive low bound "
                     "(low = 0.1 (ms))");
    // The rule.
    if (!s.rule) {
        diags_.error(s.range, "a PROJECTION needs a RULE: one_to_one, all_to_all, "
                              "fixed_indegree(N), fixed_outdegree(N), fixed_total_number(N), "
                              "pairwise_bernoulli(p) or file(\"connections.tsv\")");
        return;
    }
    const std::string& rule = s.rule->name;
    const std::vector<ast::NetArgument>& args = s.rule_arguments;
    std::size_t expected = 0;
    if (rule == "one_to_one")
        p.rule = Rule::OneToOne;
    else if (rule == "all_to_all")
        p.rule = Rule::AllToAll;
    else if (rule == "fixed_indegree")
        p.rule = Rule::FixedIndegree, expected = 1;
    else if (rule == "fixed_outdegree")
        p.rule = Rule::FixedOutdegree, expected = 1;
    else if (rule == "fixed_total_number")
        p.rule = Rule::FixedTotalNumber, expected = 1;
    else if (rule == "pairwise_bernoulli")
        p.rule = Rule::PairwiseBernoulli, expected = 1;
    else if (rule == "file")
        p.rule = Rule::File, expected = 1;
    else {
        diags_.error(s.rule->range,
                     "no RULE '" + rule +
                         "': one_to_one, all_to_all, fixed_indegree(N), fixed_outdegree(N), "
                         "fixed_total_number(N), pairwise_bernoulli(p) or file(\"...\")");
        return;
    }
    std::size_t positional = 0;
    for (const ast::NetArgument& a : args) {
        const std::string name = a.name ? a.name->name : "";
        if (name == "autapses" || name == "multapses") {
            bool value = true;
            if (a.word && (a.word->name == "true" || a.word->name == "false"))
                value = a.word->name == "true";
            else if (a.value && !a.value->unit &&
                     (a.value->value.value == 0 || a.value->value.value == 1))
                value = a.value->value.value == 1;
            else {
                diags_.error(a.range, name + " is true or false");
                continue;
            }
            (name == "autapses" ? p.autapses : p.multapses) = value;
            continue;
        }
        if (!name.empty() && name != "n" && name != "p" && name != "path") {
            diags_.error(a.range, "RULE " + rule + " has no argument '" + name +
                                      "' (autapses = and multapses = are options of every rule)");
            continue;
        }
        if (positional++ >= expected) {
            diags_.error(a.range, "RULE " + rule + " takes " + std::to_string(expected) +
                                      (expected == 1 ? " argument" : " arguments") +
                                      " and the options autapses = and multapses =");
            continue;
        }
        if (p.rule == Rule::File) {
            if (!a.text) {
                diags_.error(a.range, "RULE file(...) takes the file's name, in quotes");
                continue;
            }
            std::filesystem::path path = *a.text;
            if (path.is_relative())
                path = std::filesystem::path(file_.path).parent_path() / path;
            std::error_code ec;
            if (!std::filesystem::is_regular_file(path, ec)) {
                diags_.error(a.range, "cannot read connection file '" + path.string() + "'");
                continue;
            }
            p.file = std::filesystem::absolute(path).string();
            continue;
        }
        if (!a.value || a.value->unit) {
            diags_.error(a.range, "RULE " + rule + " takes a number without a unit");
            continue;
        }
        const double x = a.value->value.value;
        if (p.rule == Rule::PairwiseBernoulli) {
            if (!(x >= 0 && x <= 1))
                diags_.error(a.range, "a connection probability is between 0 and 1");
            p.number = x;
        } else {
            if (!(x >= 0) || x != std::floor(x) || x > 2147483647.0)
                diags_.error(a.range, "the number of connections is a whole number");
            p.number = x;
        }
    }
    if (positional < expected) {
        diags_.error(s.rule->range, "RULE " + rule + " needs its " +
                                        (p.rule == Rule::File ? std::string("file")
                                         : p.rule == Rule::PairwiseBernoulli
                                             ? std::string("probability")
                                             : std::string("number of connections")));
        return;
    }
    const long sources = p.source.last - p.source.first + 1;
    const long targets = p.target.last - p.target.first + 1;
    const bool same = p.source.population == p.target.population &&
                      p.source.first <= p.target.last && p.target.first <= p.source.last;
    if (p.rule == Rule::OneToOne && sources != targets)
        diags_.error(s.rule->range, "one_to_one joins selections of equal size; these have " +
                                        std::to_string(sources) + " and " +
                                        std::to_string(targets) + " cells");
    // Without multapses each cell has at most (candidates) distinct partners.
    if (!p.multapses && (p.rule == Rule::FixedIndegree || p.rule == Rule::FixedOutdegree)) {
        const long candidates =
            (p.rule == Rule::FixedIndegree ? sources : targets) - (same && !p.autapses ? 1 : 0);
        if (p.number > static_cast<double>(candidates))
            diags_.error(s.rule->range, "without multapses a cell has at most " +
                                            std::to_string(candidates) + " partners here, not " +
                                            std::to_string(static_cast<long>(p.number)));
    }
    if (!p.multapses && p.rule == Rule::FixedTotalNumber &&
        p.number > static_cast<double>(sources) * static_cast<double>(targets))
        diags_.error(s.rule->range, "without multapses there are at most " +
                                        std::to_string(sources * targets) + " connections here");
    if (ok)
        network.projections.push_back(std::move(p));
}

void Resolver::network_stimulus(const ast::NetworkStmt& s, Network& network) {
    NetworkStimulus stim;
    stim.label = s.label ? s.label->name : "stimulus" + std::to_string(network.stimuli.size());
    std::optional<Selection> target = selection(*s.target, network);
    if (!target)
        return;
    stim.target = *target;
    const Population& population =
        network.populations[static_cast<std::size_t>(stim.target.population)];
    const Cell& cell = *cell_of(population);
    if (!s.location) {
        // Events into a synapse.
        std::vector<std::optional<ast::Identifier>> names;
        std::vector<ast::Quantity> quantities;
        for (const ast::NetArgument& a : s.arguments) {
            if (!a.value) {
                diags_.error(a.range, s.name.name + "(...) takes numbers");
                return;
            }
            names.push_back(a.name);
            quantities.push_back(*a.value);
        }
        stim.events.label = stim.label;
        if (!generator(s.name, names, quantities, s.range, stim.events)) {
            diags_.error(s.name.range, std::string("a STIMULUS into a synapse is ") +
                                           kGenerators + "; not '" + s.name.name + "'");
            return;
        }
        stim.events.target = target_synapse(s.synapse, population, s.target->range);
        if (stim.events.target < 0)
            return;
        const MechanismInfo& m =
            available_.at(cell.points[static_cast<std::size_t>(stim.events.target)].mechanism);
        bool delay_ok = false;
        if (!connection_values(s, m, stim.weights, stim.delay, delay_ok))
            return;
        if (s.delay && stim.delay.kind == DistributionKind::Constant && stim.delay.a < 0)
            diags_.error(s.delay->range, "DELAY must not be negative");
        network.stimuli.push_back(std::move(stim));
        return;
    }
    // A point process (a current clamp) at a location of every selected cell.
    if (s.rule || !s.weights.empty() || s.delay) {
        diags_.error(s.range, "a STIMULUS AT a location is a point process with its "
                              "parameters; RULE, WEIGHT and DELAY belong to events");
        return;
    }
    const MechanismInfo* m = mechanism(s.name, MechanismKind::Point);
    auto where = location(*s.location, cell);
    if (!m || !where)
        return;
    stim.mechanism = m->name;
    std::tie(stim.section, stim.x) = *where;
    for (const ast::NetArgument& a : s.arguments) {
        if (!a.name || !a.value) {
            diags_.error(a.range, "the parameters of " + m->name +
                                      " are written name = value, as del = 1 (ms)");
            continue;
        }
        if (std::optional<Value> v = parameter(*m, ast::Setting{*a.name, *a.value}))
            stim.values.push_back(*v);
    }
    network.stimuli.push_back(std::move(stim));
}

void Resolver::network_record(const ast::NetworkStmt& s, Network& network) {
    NetworkRecord r;
    for (const ast::Selection& sel : s.sources)
        if (std::optional<Selection> found = selection(sel, network))
            r.cells.push_back(*found);
    if (r.cells.size() != s.sources.size())
        return;
    if (s.name.name == "spikes" && !s.location && !s.synapse) {
        r.spikes = true;
        if (s.value)
            diags_.error(s.value->range, "spikes are recorded as they happen, not EVERY");
        for (const Selection& sel : r.cells) {
            const Cell& cell =
                *cell_of(network.populations[static_cast<std::size_t>(sel.population)]);
            if (cell.detectors.empty())
                diags_.error(s.range, "CELL '" + cell.name + "' has no DETECTOR: no spikes");
        }
        network.records.push_back(std::move(r));
        return;
    }
    const int cell_index = network.populations[static_cast<std::size_t>(r.cells[0].population)].cell;
    for (const Selection& sel : r.cells)
        if (network.populations[static_cast<std::size_t>(sel.population)].cell != cell_index) {
            diags_.error(s.range, "the populations a variable is recorded FROM are of one CELL");
            return;
        }
    const Population& first = network.populations[static_cast<std::size_t>(r.cells[0].population)];
    std::optional<ast::Identifier> point = s.synapse;
    if (!s.location && !s.synapse) {
        if (first.artificial.empty()) {
            diags_.error(s.range, "RECORD " + s.name.name +
                                      " needs AT a location or OF a point process (only spikes "
                                      "are recorded without)");
            return;
        }
        point = ast::Identifier{first.artificial, s.name.range}; // the artificial cell's variable
    }
    // The same variable as a CELL's RECORD resolves to.
    Cell cell = model_.cells[static_cast<std::size_t>(cell_index)];
    cell.records.clear();
    CellStmt stmt;
    stmt.kind = CellStmtKind::Record;
    stmt.range = s.range;
    stmt.name = s.name;
    stmt.location = s.location;
    stmt.target = point;
    sample_set_ = false;
    record(stmt, cell);
    if (cell.records.empty())
        return;
    r.variable = cell.records[0];
    if (s.value)
        if (std::optional<double> every = positive(*s.value, "ms", "EVERY"))
            r.interval = *every;
    network.records.push_back(std::move(r));
}

} // namespace ranvier::model::detail
