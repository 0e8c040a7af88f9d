// The request handler without a socket, for what the fuzz targets found: an error that quotes a
// request's bytes is still valid JSON, and a JSON pointer to a member whose name holds "/" or
// "~" is escaped as RFC 6901 says.

#include "admin/request_handler.h"

#include <gtest/gtest.h>
#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

#include "config/config_load.h"
#include "core/dates.h"
#include "store/demo_import.h"
#include "temp_dir.h"

namespace rectifyd::admin {
namespace {

constexpr const char* kToken = "handler-test-token-81f0e2";

class RequestHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::open(dir_.file("r.db"));
    ASSERT_TRUE(db);
    db_ = std::move(*db);
    ASSERT_TRUE(store::load_demo(*db_, clock_.now()));
    const std::string text = std::string("[admin]\ntoken = \"") + kToken + "\"\n";
    config_path_ = dir_.write("rectifyd.toml", text);
    auto loaded = config::load_config_text(text, config_path_);
    ASSERT_TRUE(loaded.ok()) << loaded.error_text();
    config_ = std::make_shared<const config::Config>(std::move(*loaded.config));
    handler_ =
        std::make_unique<RequestHandler>(ApiEnv{*db_,
                                                clock_,
                                                metrics_,
                                                [this] { return config_; },
                                                [](const std::string&) { return ok_status(); },
                                                [] {},
                                                [] { return std::optional<Instant>{}; },
                                                config_path_,
                                                dir_.path().string(),
                                                {},
                                                {}});
  }

  Response call(http::verb method, const std::string& target, const std::string& body = "") {
    Request req{method, target, 11};
    req.set(http::field::authorization, std::string("Bearer ") + kToken);
    req.body() = body;
    req.prepare_payload();
    return handler_->handle(req);
  }

  rectifyd::testing::TempDir dir_;
  ManualClock clock_{*parse_instant("2026-03-02T02:00:00Z")};
  Metrics metrics_;
  std::unique_ptr<store::Database> db_;
  std::string config_path_;
  config::Snapshot config_;
  std::unique_ptr<RequestHandler> handler_;
};

TEST_F(RequestHandlerTest, AnErrorQuotingBytesThatAreNotUtf8IsValidJson) {
  const Response res = call(http::verb::get,
                            "/api/v1/me\xff\xfe"
                            "asures?x=1");
  EXPECT_EQ(res.result_int(), 404u);
  boost::system::error_code ec;
  const auto v = boost::json::parse(res.body(), ec);
  ASSERT_FALSE(ec) << res.body();
  EXPECT_EQ(v.as_object().at("error").as_object().at("location").as_string(),
            "/api/v1/me\xEF\xBF\xBD\xEF\xBF\xBD"
            "asures");
}

TEST_F(RequestHandlerTest, JsonPointersEscapeSlashAndTilde) {
  EXPECT_EQ(json_pointer("due"), "/due");
  EXPECT_EQ(json_pointer("a/b~c"), "/a~1b~0c");
  const Response res = call(http::verb::patch, "/api/v1/config", R"({"c/hanges": 1})");
  EXPECT_GE(res.result_int(), 400u) << res.body();
  const auto v = boost::json::parse(res.body());
  EXPECT_EQ(v.as_object().at("error").as_object().at("location").as_string(), "/c~1hanges")
      << res.body();
}

}  // namespace
}  // namespace rectifyd::admin
