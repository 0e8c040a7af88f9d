#include "config/config_load.h"

#include <gtest/gtest.h>

#include "config/default_config.h"
#include "temp_dir.h"

namespace rectifyd::config {
namespace {

TEST(ConfigLoad, DefaultFileParsesToDefaults) {
  auto r = load_config_text(default_config_text(), "rectifyd.toml");
  ASSERT_TRUE(r.ok()) << r.error_text();
  const Config& c = *r.config;
  Config d;
  EXPECT_EQ(c.unit.name, d.unit.name);
  EXPECT_EQ(c.meeting.weekday, d.meeting.weekday);
  EXPECT_EQ(c.meeting.start, d.meeting.start);
}

}  // namespace
}  // namespace rectifyd::config
