#include "web/form_tokens.h"

#include <gtest/gtest.h>

#include "core/dates.h"

namespace rectifyd::web {
namespace {

using namespace std::chrono_literals;

TEST(FormTokensTest, ATokenIsGoodOnceForItsOwnPageWithinItsLifetime) {
  ManualClock clock{*parse_instant("2026-03-02T01:00:00Z")};
  FormTokens tokens(clock, 1h);
  const std::string t = tokens.make("page-a");
  EXPECT_EQ(tokens.spend("page-b", t), FormTokens::Check::invalid);
  EXPECT_EQ(tokens.spend("page-a", t), FormTokens::Check::ok);
  EXPECT_EQ(tokens.spend("page-a", t), FormTokens::Check::used);

  const std::string late = tokens.make("page-a");
  clock.advance(1h + 1s);
  EXPECT_EQ(tokens.spend("page-a", late), FormTokens::Check::expired);
}

TEST(FormTokensTest, AnAlteredOrMadeUpTokenFailsItsCheck) {
  ManualClock clock{*parse_instant("2026-03-02T01:00:00Z")};
  FormTokens tokens(clock);
  std::string t = tokens.make("p");
  // A later time stamp with the same MAC does not pass.
  std::string later = "9" + t;
  EXPECT_EQ(tokens.spend("p", later), FormTokens::Check::invalid);
  for (const std::string& s :
       {std::string(), std::string("."), std::string("1.2.3"), std::string(300, 'a')})
    EXPECT_EQ(tokens.spend("p", s), FormTokens::Check::invalid) << s;
  // Another process (another key) did not make it.
  FormTokens other(clock);
  EXPECT_EQ(other.spend("p", t), FormTokens::Check::invalid);
  EXPECT_EQ(tokens.spend("p", t), FormTokens::Check::ok);
}

}  // namespace
}  // namespace rectifyd::web
