// Internal invariants. A broken invariant is a compiler bug, never the user's fault: it throws
// InternalError, which the driver reports as `internal compiler error` with this location.
#pragma once

#include <stdexcept>
#include <string>

namespace ranvier {

class InternalError : public std::logic_error {
  public:
    InternalError(const std::string& what, const char* file, int line)
        : std::logic_error(what + " (at " + file + ":" + std::to_string(line) + ")") {}
};

} // namespace ranvier

#define RANVIER_ASSERT(cond, message)                                                              \
    do {                                                                                           \
        if (!(cond))                                                                               \
            throw ::ranvier::InternalError((message), __FILE__, __LINE__);                         \
    } while (false)
