// The CVODE driver (see cvode.h). SUNDIALS here is built with MPI, so the context is created
// without a communicator for serial use.
#include "ranvier/integrate/cvode.h"

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <cvode/cvode_ls.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

namespace ranvier::integrate {

struct Cvode::Impl {
    cell::Cell& cell;
    CvodeOptions options;
    CellSystem system;
    SUNContext context = nullptr;
    N_Vector y = nullptr;
    SUNMatrix matrix = nullptr;
    SUNLinearSolver solver = nullptr;
    void* memory = nullptr;
    long restarts = 0;
    std::vector<double> dense;
    CvodeStatistics before_restarts; // CVodeReInit zeroes CVODE's own counters
    CvodeStatistics counters() const {
        CvodeStatistics s;
        long value = 0;
        CVodeGetNumSteps(memory, &value);
        s.steps = value;
        CVodeGetNumRhsEvals(memory, &value);
        s.rhs_evaluations = value;
        CVodeGetNumJacEvals(memory, &value);
        s.jacobian_evaluations = block ? block_setups : value;
        CVodeGetNumNonlinSolvIters(memory, &value);
        s.newton_iterations = value;
        CVodeGetNumErrTestFails(memory, &value);
        s.error_test_failures = value;
        return s;
    }

    // The block solve (CellSystem::setup_newton) as a matrix-embedded SUNLinearSolver, which
    // CVODE only asks to solve: the Jacobian is evaluated afresh at the predicted state on the
    // first solve of each step attempt (as Ranvier's BDF does), and eliminated again with the
    // same Jacobian when gamma changes, so the Newton matrix is always I - gamma J for the
    // current gamma (CVODE's scaling of the solution for a stale gamma is off).
    bool block = false;
    long block_setups = 0;
    long setup_step = -1;
    double setup_t = 0, setup_gamma = 0;
    static SUNLinearSolver_Type block_type(SUNLinearSolver) {
        return SUNLINEARSOLVER_MATRIX_EMBEDDED;
    }
    static int block_solve(SUNLinearSolver ls, SUNMatrix, N_Vector x, N_Vector b, realtype) {
        auto* self = static_cast<Impl*>(ls->content);
        double t = 0, gamma = 0, rl1 = 0;
        N_Vector predicted = nullptr, y = nullptr, fn = nullptr, zn1 = nullptr;
        void* data = nullptr;
        CVodeGetNonlinearSystemData(self->memory, &t, &predicted, &y, &fn, &gamma, &rl1, &zn1,
                                    &data);
        long step = 0;
        CVodeGetNumSteps(self->memory, &step);
        const bool fresh = step != self->setup_step || t != self->setup_t;
        if (fresh || gamma != self->setup_gamma) {
            if (fresh)
                ++self->block_setups;
            self->setup_step = step;
            self->setup_t = t;
            self->setup_gamma = gamma;
            if (!self->system.setup_newton(t, N_VGetArrayPointer(predicted), gamma, fresh))
                return SUNLS_PACKAGE_FAIL_REC;
        }
        N_VScale(1.0, b, x);
        self->system.solve_newton(N_VGetArrayPointer(x));
        return SUNLS_SUCCESS;
    }
    static int block_free(SUNLinearSolver ls) {
        ls->content = nullptr;
        SUNLinSolFreeEmpty(ls);
        return 0;
    }

    Impl(cell::Cell& c, CvodeOptions o) : cell(c), options(o), system(c) {}
    ~Impl() { release(); }
    void release() {
        if (memory)
            CVodeFree(&memory);
        if (solver)
            SUNLinSolFree(solver);
        if (matrix)
            SUNMatDestroy(matrix);
        if (y)
            N_VDestroy(y);
        if (context)
            SUNContext_Free(&context);
        memory = nullptr;
        solver = nullptr;
        matrix = nullptr;
        y = nullptr;
        context = nullptr;
    }

    static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void* data) {
        auto* self = static_cast<Impl*>(data);
        self->system.rhs(t, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
        return 0;
    }
    static int jacobian(sunrealtype t, N_Vector y, N_Vector, SUNMatrix j, void* data, N_Vector,
                        N_Vector, N_Vector) {
        auto* self = static_cast<Impl*>(data);
        self->system.jacobian(t, N_VGetArrayPointer(y), self->dense);
        const std::size_t n = self->system.size();
        for (std::size_t r = 0; r < n; ++r)
            for (std::size_t c = 0; c < n; ++c)
                SM_ELEMENT_D(j, static_cast<sunindextype>(r), static_cast<sunindextype>(c)) =
                    self->dense[r * n + c];
        return 0;
    }
    std::vector<Detector> detectors;
    double returned_t = 0; // the time of y: where the last CVode call returned
    // Each detector's potential minus its threshold.
    static int root(sunrealtype t, N_Vector y, sunrealtype* g, void* data) {
        auto* self = static_cast<Impl*>(data);
        self->system.scatter(t, N_VGetArrayPointer(y));
        for (std::size_t d = 0; d < self->detectors.size(); ++d)
            g[d] = self->cell.v()[static_cast<std::size_t>(self->detectors[d].node)] -
                   self->detectors[d].threshold;
        return 0;
    }
};

Cvode::Cvode(cell::Cell& cell, CvodeOptions options)
    : impl_(std::make_unique<Impl>(cell, options)) {}

Cvode::~Cvode() = default;

void Cvode::initialize(double v_init) {
    Impl& m = *impl_;
    m.release();
    failure_.clear();
    spikes_.clear();
    detections_.clear();
    m.restarts = 0;
    m.before_restarts = {};
    m.cell.initialize(v_init);
    SUNContext_Create(nullptr, &m.context);
    const auto n = static_cast<sunindextype>(m.system.size());
    m.y = N_VNew_Serial(n, m.context);
    m.system.gather(N_VGetArrayPointer(m.y));
    m.memory = CVodeCreate(CV_BDF, m.context);
    CVodeInit(m.memory, Impl::rhs, m.cell.t(), m.y);
    if (m.options.state_tolerances) {
        N_Vector atol = N_VClone(m.y);
        const std::vector<double> scales = m.system.tolerance_scales();
        for (std::size_t k = 0; k < scales.size(); ++k)
            N_VGetArrayPointer(atol)[k] = m.options.atol * scales[k];
        CVodeSVtolerances(m.memory, m.options.rtol, atol);
        N_VDestroy(atol);
    } else {
        CVodeSStolerances(m.memory, m.options.rtol, m.options.atol);
    }
    CVodeSetUserData(m.memory, &m);
    // CVODE's own messages stay quiet: a failure is reported once, with the cell and the time.
    CVodeSetErrHandlerFn(
        m.memory, [](int, const char*, const char*, char*, void*) {}, nullptr);
    CVodeSetMaxNumSteps(m.memory, m.options.max_steps);
    m.block = m.options.exact_jacobian && !m.options.dense_newton;
    m.block_setups = 0;
    m.setup_step = -1;
    if (m.block) {
        m.solver = SUNLinSolNewEmpty(m.context);
        m.solver->content = &m;
        m.solver->ops->gettype = Impl::block_type;
        m.solver->ops->solve = Impl::block_solve;
        m.solver->ops->free = Impl::block_free;
        CVodeSetLinearSolver(m.memory, m.solver, nullptr);
        CVodeSetLinearSolutionScaling(m.memory, SUNFALSE);
    } else {
        m.matrix = SUNDenseMatrix(n, n, m.context);
        m.solver = SUNLinSol_Dense(m.y, m.matrix, m.context);
        CVodeSetLinearSolver(m.memory, m.solver, m.matrix);
        if (m.options.exact_jacobian)
            CVodeSetJacFn(m.memory, Impl::jacobian);
    }
    m.detectors = m.options.detectors;
    if (m.options.spike_node >= 0)
        m.detectors.insert(m.detectors.begin(), {m.options.spike_node, m.options.threshold});
    if (!m.detectors.empty()) {
        const auto count = static_cast<int>(m.detectors.size());
        CVodeRootInit(m.memory, count, Impl::root);
        std::vector<int> rising(m.detectors.size(), 1);
        CVodeSetRootDirection(m.memory, rising.data());
    }
}

bool Cvode::advance(double tout) {
    Impl& m = *impl_;
    double t = m.cell.t();
    // An event or a WATCH is a discontinuity: handle it at t, then start again from there.
    auto restart_at = [&](double time) {
        if (m.options.event_window > 0)
            m.cell.deliver(time + m.options.event_window, time);
        else
            m.cell.deliver(time);
        m.system.gather(N_VGetArrayPointer(m.y));
        const CvodeStatistics now = m.counters();
        m.before_restarts.steps += now.steps;
        m.before_restarts.rhs_evaluations += now.rhs_evaluations;
        m.before_restarts.jacobian_evaluations += now.jacobian_evaluations;
        m.before_restarts.newton_iterations += now.newton_iterations;
        m.before_restarts.error_test_failures += now.error_test_failures;
        CVodeReInit(m.memory, time, m.y);
        m.returned_t = time;
        m.block_setups = 0;
        m.setup_step = -1;
        ++m.restarts;
    };
    const bool watches = m.cell.has_watches();
    // The detectors CVODE's root finding stopped at, at time `at`.
    auto record_roots = [&](double at) {
        std::vector<int> found(m.detectors.size(), 0);
        CVodeGetRootInfo(m.memory, found.data());
        for (std::size_t d = 0; d < found.size(); ++d) {
            if (found[d] <= 0)
                continue;
            detections_.emplace_back(d, at);
            if (d == 0)
                spikes_.push_back(at);
        }
    };
    while (t < tout) {
        std::optional<double> event = m.cell.next_event();
        const double stop = event && *event < tout ? std::max(*event, t) : tout;
        CVodeSetStopTime(m.memory, stop);
        int flag = CV_TSTOP_RETURN;
        if (stop > t && (on_step_ || watches)) {
            // One step at a time, so that the hook and the WATCH conditions see each.
            const double t_before = t;
            flag = CVode(m.memory, stop, m.y, &t, CV_ONE_STEP);
            m.returned_t = t;
            if (flag >= 0 && watches) {
                m.system.scatter(t, N_VGetArrayPointer(m.y));
                if (m.cell.watch_fires()) {
                    // Back to where the condition turned true (bisection on CVODE's
                    // interpolant), its event handled there.
                    double lo = t_before, hi = t;
                    for (int i = 0; i < 60 && hi - lo > 1e-13 * std::max(1.0, std::fabs(hi)); ++i) {
                        const double mid = 0.5 * (lo + hi);
                        show(mid);
                        (m.cell.watch_fires() ? hi : lo) = mid;
                    }
                    // A threshold crossing CVODE stopped at is kept when it is not after the
                    // WATCH's (after it, root finding meets it again from the restart).
                    if (flag == CV_ROOT_RETURN && t <= hi)
                        record_roots(t);
                    show(hi);
                    if (on_step_)
                        on_step_(t_before, hi);
                    show(hi);
                    m.cell.check_watches();
                    t = hi;
                    restart_at(t);
                    continue;
                }
                m.cell.check_watches();
            }
            if (flag >= 0 && on_step_)
                on_step_(t_before, t);
            if (flag == CV_SUCCESS) {
                m.system.scatter(t, N_VGetArrayPointer(m.y));
                continue;
            }
        } else if (stop > t) {
            flag = CVode(m.memory, stop, m.y, &t, CV_NORMAL);
        }
        if (flag < 0) {
            std::ostringstream message;
            message << "CVODE stopped at t = " << t << " ms: " << CVodeGetReturnFlagName(flag);
            // The component with the largest weighted local error estimate.
            N_Vector weights = N_VClone(m.y), errors = N_VClone(m.y);
            if (CVodeGetErrWeights(m.memory, weights) == CV_SUCCESS &&
                CVodeGetEstLocalErrors(m.memory, errors) == CV_SUCCESS) {
                const double* w = N_VGetArrayPointer(weights);
                const double* e = N_VGetArrayPointer(errors);
                std::size_t worst = 0;
                for (std::size_t k = 0; k < m.system.size(); ++k)
                    if (std::fabs(w[k] * e[k]) > std::fabs(w[worst] * e[worst]) || std::isnan(e[k]))
                        worst = k;
                message << "; worst in " << m.system.describe(worst) << " = "
                        << N_VGetArrayPointer(m.y)[worst];
            }
            N_VDestroy(weights);
            N_VDestroy(errors);
            failure_ = message.str();
            return false;
        }
        m.system.scatter(t, N_VGetArrayPointer(m.y));
        if (flag == CV_ROOT_RETURN) {
            record_roots(t);
            continue;
        }
        if (event && *event <= t)
            restart_at(t);
    }
    return true;
}

void Cvode::show(double t) {
    Impl& m = *impl_;
    N_Vector y = N_VClone(m.y);
    // Outside the last step (round-off at its ends) the state is the one returned.
    if (CVodeGetDky(m.memory, t, 0, y) != CV_SUCCESS)
        N_VScale(1.0, m.y, y);
    m.system.scatter(t, N_VGetArrayPointer(y));
    N_VDestroy(y);
}

void Cvode::restore() {
    Impl& m = *impl_;
    m.system.scatter(m.returned_t, N_VGetArrayPointer(m.y));
}

CvodeStatistics Cvode::statistics() const {
    CvodeStatistics s = impl_->counters();
    const CvodeStatistics& b = impl_->before_restarts;
    s.steps += b.steps;
    s.rhs_evaluations += b.rhs_evaluations;
    s.jacobian_evaluations += b.jacobian_evaluations;
    s.newton_iterations += b.newton_iterations;
    s.error_test_failures += b.error_test_failures;
    s.restarts = impl_->restarts;
    return s;
}

} // namespace ranvier::integrate
