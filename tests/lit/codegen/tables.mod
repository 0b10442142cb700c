: TABLE: exact by default; with --tables (NEURON's fixed-step default) the tabled values are read
: from tables of WITH + 1 points over FROM..TO, which make_tables fills from the DEPEND globals
: (instance 0's values), one thread per point on the GPU.
: RUN: %ranvier emit --stage=cpp %S/../../models/tabled_k.mod | FileCheck --check-prefix=EXACT %s
: RUN: %ranvier emit --tables --stage=ode %S/../../models/tabled_k.mod | FileCheck --check-prefix=ODE %s
: RUN: %ranvier emit --tables --stage=cpp %S/../../models/tabled_k.mod | FileCheck %s
: RUN: %ranvier emit --tables --stage=cuda %S/../../models/tabled_k.mod | FileCheck --check-prefix=CUDA %s
: EXACT-NOT: table_lookup
: EXACT-NOT: make_tables
: EXACT: 0, nullptr, ranvier::generated::tabledk::advance_all, nullptr,
: EXACT-NEXT: nullptr, nullptr,
: EXACT-NEXT: 1, ranvier::generated::tabledk::current_jacobian_entries,
: EXACT-NEXT: nullptr,
: EXACT-NEXT: 0,
: EXACT-NEXT: };

: ODE: n' = (table_lookup(rv_in.tables[0], v) - n) / table_lookup(rv_in.tables[1], v)

: CHECK: #include "ranvier/kernel/table.h"
: CHECK-LABEL: HOST_DEVICE inline void rhs(
: CHECK: rv_in.fields[f_dn_dt][rv_i] = rv_out0;
: CHECK-LABEL: HOST_DEVICE inline void make_tables(const rv_instances& rv_in, int rv_j) {
: CHECK-NEXT: const double celsius = rv_in.globals[RV_CELSIUS];
: CHECK-NEXT: const double t_1 = static_cast<double>(rv_j) - 100.0;
: CHECK: if (rv_j < 201) { // tabled_k.mod:50
: CHECK-NEXT: rv_in.tables[0].x[rv_j] = t_1;
: CHECK-NEXT: rv_in.tables[0].y[rv_j] =
: CHECK: rv_in.tables[1].y[rv_j] = pow(3.0, -0.1 * (celsius - 6.3)) * t_3;
: CHECK-LABEL: void make_tables_all(const rv_instances* rv_in) {
: CHECK-NEXT: for (int rv_j = 0; rv_j < 201; ++rv_j) make_tables(*rv_in, rv_j);
: CHECK: const char* const table_names[] = {"rates.ninf", "rates.ntau"};
: CHECK-NEXT: const int table_points[] = {201, 201};
: CHECK: ranvier::generated::tabledk::table_points, ranvier::generated::tabledk::make_tables_all,

: CUDA-LABEL: __global__ void make_tables_kernel(rv_instances rv_in) {
: CUDA-NEXT: const int rv_j = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
: CUDA-NEXT: if (rv_j < 201) make_tables(rv_in, rv_j);
