#include "script_server.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "temp_dir.h"

extern char** environ;

namespace rectifyd::testing {

ScriptServer::ScriptServer(const std::string& script, std::vector<std::string> args,
                           const std::string& dir, const std::string& name) {
  const std::string base = dir + "/" + name;
  const std::string port_file = base + ".port";
  std::filesystem::remove(port_file);
  args.insert(args.begin(), std::string(RECTIFYD_SOURCE_DIR) + "/tests/support/" + script);
  args.insert(args.end(), {"--port-file", port_file});
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e)
    env.emplace_back(*e);
  process_ = std::make_unique<ChildProcess>("/usr/bin/python3", args, env, dir, base + ".out",
                                            base + ".err");
  // Waiting for a child process to listen is not time-dependent logic: poll its port file.
  for (int i = 0; i < 1000 && port_ == 0; ++i) {
    std::ifstream in(port_file);
    if (in >> port_)
      break;
    port_ = 0;
    if (process_->wait(std::chrono::milliseconds(10)))
      break;  // it exited: its stderr says why
  }
  if (port_ == 0)
    throw std::runtime_error(script + " did not start: " + read_file(base + ".err"));
}

}  // namespace rectifyd::testing
