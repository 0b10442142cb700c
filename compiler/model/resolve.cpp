// Resolution of CELL blocks (see model.h): names to sections and mechanisms, values to the units
// the .mod files declare, and every impossible value reported where it is written.
#include "model/model.h"
#include "model/resolver.h"

#include "ranvier/cell/swc.h"
#include "sema/units.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <ostream>
#include <set>
#include <sstream>

namespace ranvier::model {

using detail::Resolver;
using detail::has_points;

bool is_model_file(const ast::Module& module) {
    return std::any_of(module.items.begin(), module.items.end(),
                       [](const ast::ItemPtr& item) {
                           return item->kind == ast::ItemKind::Cell ||
                                  item->kind == ast::ItemKind::Network;
                       });
}

std::optional<Model> resolve(const ast::Module& file,
                             const std::vector<const ast::Module*>& library,
                             DiagnosticEngine& diags) {
    return Resolver(file, library, diags).run();
}

namespace {

std::string distribution(const Distribution& d) {
    std::ostringstream out;
    switch (d.kind) {
    case DistributionKind::Constant:
        out << d.a;
        break;
    case DistributionKind::Normal:
        out << "normal(" << d.a << ", " << d.b << ")";
        break;
    case DistributionKind::LogNormal:
        out << "lognormal(" << d.a << ", " << d.b << ") x " << d.scale;
        break;
    case DistributionKind::Uniform:
        out << "uniform(" << d.a << ", " << d.b << ")";
        break;
    case DistributionKind::Exponential:
        out << "exponential(" << d.a << ")";
        break;
    }
    if (d.low > -1e300 || d.high < 1e300)
        out << " in [" << d.low << ", " << d.high << "]";
    return out.str();
}

void print_network(std::ostream& out, const Model& model, const Network& n) {
    out << "NETWORK " << n.name << " tstop " << n.tstop << " seed " << n.seed << "\n";
    auto selection = [&](const Selection& s) {
        const Population& p = n.populations[static_cast<std::size_t>(s.population)];
        return p.name + "[" + std::to_string(s.first) + ".." + std::to_string(s.last) + "]";
    };
    for (const Population& p : n.populations) {
        out << "  population " << p.name << " = "
            << model.cells[static_cast<std::size_t>(p.cell)].name << " x " << p.count
            << " gids " << p.first_gid << ".." << p.first_gid + p.count - 1 << "\n";
        const Cell& cell = model.cells[static_cast<std::size_t>(p.cell)];
        for (const PopulationParameter& v : p.parameters)
            out << "    "
                << (v.mechanism.empty() ? cell.points[static_cast<std::size_t>(v.point)].label
                                        : v.mechanism)
                << "." << v.field << " = " << distribution(v.value) << "\n";
    }
    static const char* const rules[] = {"one_to_one",         "all_to_all",
                                        "fixed_indegree",     "fixed_outdegree",
                                        "fixed_total_number", "pairwise_bernoulli",
                                        "file"};
    for (const Projection& p : n.projections) {
        const Population& to = n.populations[static_cast<std::size_t>(p.target.population)];
        out << "  projection " << p.label << " " << selection(p.source) << " -> "
            << selection(p.target) << "."
            << model.cells[static_cast<std::size_t>(to.cell)]
                   .points[static_cast<std::size_t>(p.synapse)]
                   .label
            << " rule " << rules[static_cast<int>(p.rule)];
        if (p.rule != Rule::OneToOne && p.rule != Rule::AllToAll && p.rule != Rule::File)
            out << "(" << p.number << ")";
        if (p.rule == Rule::File)
            out << "(" << std::filesystem::path(p.file).filename().string() << ")";
        out << " autapses " << p.autapses << " multapses " << p.multapses << " weights";
        for (const Distribution& w : p.weights)
            out << " " << distribution(w);
        out << " delay " << distribution(p.delay) << "\n";
    }
    for (const NetworkStimulus& s : n.stimuli) {
        out << "  stimulus " << s.label << " -> " << selection(s.target);
        if (!s.mechanism.empty()) {
            out << " point " << s.mechanism << " at section " << s.section << "(" << s.x << ")";
            for (const Value& v : s.values)
                out << " " << v.field << "=" << v.value;
        } else {
            static const char* const kinds[] = {"times", "regular", "poisson"};
            out << " synapse " << s.events.target << " "
                << kinds[static_cast<int>(s.events.kind)];
            if (s.events.kind == StimulusKind::Poisson)
                out << " rate " << s.events.rate;
            if (s.events.kind == StimulusKind::Regular)
                out << " start " << s.events.start << " interval " << s.events.interval;
            for (double t : s.events.times)
                out << " " << t;
            out << " weights";
            for (const Distribution& w : s.weights)
                out << " " << distribution(w);
            out << " delay " << distribution(s.delay);
        }
        out << "\n";
    }
    for (const NetworkRecord& r : n.records) {
        out << "  record " << (r.spikes ? "spikes" : r.variable.label) << " from";
        for (const Selection& s : r.cells)
            out << " " << selection(s);
        if (!r.spikes)
            out << " every " << r.interval;
        out << "\n";
    }
}

} // namespace

void print(std::ostream& out, const Model& model) {
    out << "mechanisms";
    for (const MechanismInfo& m : model.mechanisms)
        out << " " << m.name;
    out << "\n";
    for (const Cell& cell : model.cells) {
        out << "CELL " << cell.name << " celsius " << cell.celsius << " v_init " << cell.v_init
            << " tstop " << cell.tstop << "\n";
        if (!cell.morphology.empty())
            out << "  morphology " << cell.morphology << "\n";
        for (const cell::SectionSpec& s : cell.sections) {
            out << "  section " << s.name << " L " << s.length << " diam " << s.diam << " nseg "
                << s.nseg << " Ra " << s.ra << " cm " << s.cm;
            if (s.parent >= 0)
                out << " parent " << cell.sections[static_cast<std::size_t>(s.parent)].name << "("
                    << s.parent_x << ")";
            if (has_points(s))
                out << " 3-d points";
            out << "\n";
        }
        auto values = [&](const std::vector<Value>& list) {
            for (const Value& v : list)
                out << " " << v.field << "=" << v.value;
        };
        for (const Insertion& i : cell.insertions) {
            out << "  insert " << i.mechanism << " in";
            for (int k : i.sections)
                out << " " << cell.sections[static_cast<std::size_t>(k)].name;
            values(i.values);
            out << "\n";
        }
        for (const PointProcess& p : cell.points) {
            out << "  point " << p.label << " " << p.mechanism << " at "
                << cell.sections[static_cast<std::size_t>(p.section)].name << "(" << p.x << ")";
            values(p.values);
            out << "\n";
        }
        for (const Detector& d : cell.detectors) {
            if (d.point >= 0)
                out << "  detector " << cell.points[static_cast<std::size_t>(d.point)].label
                    << " net_event\n";
            else
                out << "  detector " << cell.sections[static_cast<std::size_t>(d.section)].name
                    << "(" << d.x << ") threshold " << d.threshold << "\n";
        }
        for (const Stimulus& s : cell.stimuli) {
            static const char* const kinds[] = {"times", "regular", "poisson"};
            out << "  stimulus " << s.label << " " << kinds[static_cast<int>(s.kind)];
            for (double t : s.times)
                out << " " << t;
            if (s.kind == StimulusKind::Regular)
                out << " start " << s.start << " interval " << s.interval << " number " << s.number;
            if (s.kind == StimulusKind::Poisson)
                out << " rate " << s.rate << " start " << s.start;
            if (s.kind != StimulusKind::Times && s.stop < 1e300)
                out << " stop " << s.stop;
            out << " -> " << cell.points[static_cast<std::size_t>(s.target)].label << " weights";
            for (double w : s.weights)
                out << " " << w;
            out << " delay " << s.delay << "\n";
        }
        for (const IonValues& i : cell.ions) {
            out << "  ion " << i.ion << " in " << i.sections.size() << " sections";
            if (i.inside)
                out << " inside " << *i.inside;
            if (i.outside)
                out << " outside " << *i.outside;
            if (i.reversal)
                out << " reversal " << *i.reversal;
            out << "\n";
        }
        for (const Record& r : cell.records)
            out << "  record " << r.label << " every " << cell.sample_interval << "\n";
    }
    if (model.network)
        print_network(out, model, *model.network);
}

} // namespace ranvier::model
