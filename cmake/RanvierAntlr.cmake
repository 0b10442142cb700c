# Generates a C++ parser from an ANTLR4 grammar with the `antlr4` wrapper (Debian's CMake helper
# is broken), into the build tree. Sets <name>_ANTLR_SOURCES and <name>_ANTLR_DIR.
find_program(ANTLR4_TOOL antlr4 REQUIRED)
find_path(ANTLR4_INCLUDE_DIR antlr4-runtime.h PATH_SUFFIXES antlr4-runtime REQUIRED)
find_library(ANTLR4_RUNTIME_LIB antlr4-runtime REQUIRED)

function(ranvier_antlr_generate name grammar_file)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${name})
  set(sources ${out}/${name}Lexer.cpp ${out}/${name}Parser.cpp)
  set(headers ${out}/${name}Lexer.h ${out}/${name}Parser.h)
  add_custom_command(
    OUTPUT ${sources} ${headers}
    COMMAND ${ANTLR4_TOOL} -Dlanguage=Cpp -no-listener -no-visitor -package ranvier_antlr
            -Xexact-output-dir -o ${out} ${grammar_file}
    DEPENDS ${grammar_file}
    COMMENT "ANTLR4: generating ${name} parser"
    VERBATIM)
  set(${name}_ANTLR_SOURCES ${sources} PARENT_SCOPE)
  set(${name}_ANTLR_DIR ${out} PARENT_SCOPE)
endfunction()
