#include "app/systemd_notifier.h"

#include <cstdlib>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "notify_socket.h"
#include "temp_dir.h"

namespace rectifyd::app {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::NotifySocket;
using rectifyd::testing::TempDir;

class SystemdNotifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("NOTIFY_SOCKET", socket.path().c_str(), 1);
    ::setenv("WATCHDOG_USEC", "300000", 1);
    ::unsetenv("WATCHDOG_PID");
  }
  void TearDown() override {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
  }
  TempDir dir;
  NotifySocket socket{dir.file("notify.sock")};
};

TEST_F(SystemdNotifierTest, SendsEachStateAsSystemdExpectsIt) {
  SystemdNotifier n;
  ASSERT_TRUE(n.enabled());
  EXPECT_EQ(n.watchdog_interval(), std::chrono::microseconds{300000});

  n.ready("next: 12-04 09:00 reminder");
  EXPECT_EQ(socket.receive(5s), "READY=1\nSTATUS=next: 12-04 09:00 reminder");
  n.watchdog();
  EXPECT_EQ(socket.receive(5s), "WATCHDOG=1");
  n.reloading();
  auto reloading = socket.receive(5s);
  ASSERT_TRUE(reloading);
  EXPECT_EQ(reloading->rfind("RELOADING=1\nMONOTONIC_USEC=", 0), 0u) << *reloading;
  EXPECT_GT(std::stoull(reloading->substr(reloading->find('=', 12) + 1)), 0u);
  n.stopping("stopping");
  EXPECT_EQ(socket.receive(5s), "STOPPING=1\nSTATUS=stopping");
}

TEST_F(SystemdNotifierTest, AStatusStaysOneLine) {
  SystemdNotifier n;
  n.status("reload refused\nREADY=1");
  EXPECT_EQ(socket.receive(5s), "STATUS=reload refused READY=1");
}

TEST(SystemdNotifier, DoesNothingWithoutNotifySocket) {
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  SystemdNotifier n;
  EXPECT_FALSE(n.enabled());
  EXPECT_FALSE(n.watchdog_interval());
  n.ready("x");  // must not fail
}

}  // namespace
}  // namespace rectifyd::app
