#include "captured_run.h"

#include <sys/wait.h>

#include <cstdlib>

#include "temp_dir.h"

namespace rectifyd::testing {

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

CapturedRun run_captured(const std::string& program, const std::vector<std::string>& args,
                         const std::string& scratch_dir) {
  const std::string out = scratch_dir + "/captured.out";
  const std::string err = scratch_dir + "/captured.err";
  std::string cmd = shell_quote(program);
  for (const auto& a : args)
    cmd += " " + shell_quote(a);
  cmd += " >" + shell_quote(out) + " 2>" + shell_quote(err) + " </dev/null";
  const int status = std::system(cmd.c_str());
  CapturedRun r;
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

}  // namespace rectifyd::testing
