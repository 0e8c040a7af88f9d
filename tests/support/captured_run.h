#pragma once
// Runs a command-line program the way a person does in a shell (the test's environment
// inherited), and keeps its exit status, standard output and standard error.

#include <string>
#include <vector>

namespace rectifyd::testing {

struct CapturedRun {
  int exit = -1;  ///< the exit status, or -1 when the program did not exit normally
  std::string out;
  std::string err;
};

/// Runs `program` with `args`; its output goes through files in `scratch_dir`.
CapturedRun run_captured(const std::string& program, const std::vector<std::string>& args,
                         const std::string& scratch_dir);

/// A word quoted for the POSIX shell.
std::string shell_quote(const std::string& s);

}  // namespace rectifyd::testing
