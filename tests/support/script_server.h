#pragma once
// A helper server of the tests written in Python (tests/support/*.py), run under Debian's
// /usr/bin/python3 with `--port-file FILE` added to its arguments; it is ready once it has
// written the loopback port it listens on. Killed when the object goes.

#include <memory>
#include <string>
#include <vector>

#include "child_process.h"

namespace rectifyd::testing {

class ScriptServer {
 public:
  /// Starts tests/support/<script> with `args`; its port file, stdout and stderr go to
  /// `dir`/<name>.port, .out and .err. Throws when it has not listened within 10 s.
  ScriptServer(const std::string& script, std::vector<std::string> args, const std::string& dir,
               const std::string& name);

  int port() const { return port_; }

 private:
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
};

}  // namespace rectifyd::testing
