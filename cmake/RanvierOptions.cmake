# Project-wide options: warnings and sanitizers applied to Ranvier's own targets.
option(RANVIER_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(RANVIER_FUZZ "Build the libFuzzer targets (needs clang)" OFF)

add_library(ranvier_warnings INTERFACE)
target_compile_options(ranvier_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wno-unused-parameter)

if(RANVIER_SANITIZE OR RANVIER_FUZZ)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
