# lit configuration for Ranvier's compiler tests. Tests are .mod files (NMODL comments start
# with ':', so `: RUN:` lines) and .test files for command-line behaviour.
import os
import lit.formats

config.name = "ranvier"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mod", ".test", ".rvn"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)

config.environment["PATH"] = os.pathsep.join(
    [config.ranvier_bin, config.llvm_tools, config.environment.get("PATH", os.environ["PATH"])])
config.substitutions.append(("%ranvier", os.path.join(config.ranvier_bin, "ranvier")))
config.substitutions.append(("%stdlib", os.path.join(config.source_root, "stdlib_models")))
