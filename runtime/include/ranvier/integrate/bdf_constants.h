// The constants of Ranvier's BDF integrator, after CVODE's published algorithm: error-test and
// order-change biases 6, 6 and 10, step ratio limits (at most 10, or 1e4 on the first step; no
// change below 1.5), a new Newton matrix when gamma changes by 30% or after 20 steps, at most 3
// Newton iterations a step. Shared by the CPU integrator (bdf_impl.h) and the lane engine's
// (device/lane_bdf.h), host and device alike.
#pragma once

namespace ranvier::integrate {

namespace bdf_detail {
constexpr double kBias1 = 6, kBias2 = 6, kBias3 = 10, kAddon = 1e-6;
constexpr double kThreshold = 1.5, kEtaMax = 10, kEtaMaxFirst = 1e4, kEtaMin = 0.1;
constexpr double kEtaConvergenceFailure = 0.25, kEtaAfterFailures = 0.2;
constexpr double kNewtonCoefficient = 0.1, kRateDown = 0.3, kDiverge = 2;
constexpr double kGammaChange = 0.3;
constexpr int kMaxNewton = 3, kMaxErrorFailures = 7, kMaxConvergenceFailures = 10;
constexpr long kStepsPerSetup = 20;
} // namespace bdf_detail

} // namespace ranvier::integrate
