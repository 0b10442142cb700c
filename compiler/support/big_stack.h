// Runs a function on a thread with a large stack. The front end is recursive (the parser, the
// AST builder and every tree walk follow expression depth), and legal inputs such as a long
// chain of `^` nest deeply; the stack is reserved virtual memory, committed only when touched.
#pragma once

#include <cstddef>
#include <functional>

namespace ranvier {

inline constexpr std::size_t kCompilerStackBytes = std::size_t{1} << 30;

// Returns fn's result; runs fn on the calling thread if no thread can be created.
int run_with_stack(std::size_t bytes, const std::function<int()>& fn);

// Installs an alternate signal stack so a fatal-signal handler can run after a stack overflow.
void install_alternate_signal_stack();

} // namespace ranvier
