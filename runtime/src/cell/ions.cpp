// Ion defaults and the Nernst potential (see ions.h).
#include "ranvier/cell/ions.h"

#include "ranvier/kernel/nernst.h"

namespace ranvier::cell {

Ion make_ion(const std::string& name, double valence, int nodes) {
    struct Default {
        const char* name;
        double e, ci, co;
    };
    static const Default defaults[] = {
        {"na", 50.0, 10.0, 140.0}, {"k", -77.0, 54.4, 2.5}, {"ca", 132.4579341637009, 5e-5, 2.0}};
    Ion ion;
    ion.name = name;
    ion.valence = valence;
    double e = 0, ci = 1, co = 1;
    for (const Default& d : defaults)
        if (name == d.name) {
            e = d.e;
            ci = d.ci;
            co = d.co;
        }
    const auto n = static_cast<std::size_t>(nodes);
    ion.e.assign(n, e);
    ion.ci.assign(n, ci);
    ion.co.assign(n, co);
    ion.i.assign(n, 0.0);
    ion.di_dv.assign(n, 0.0);
    return ion;
}

double nernst(double ci, double co, double valence, double celsius) {
    return kernel::nernst(ci, co, valence, celsius);
}

} // namespace ranvier::cell
