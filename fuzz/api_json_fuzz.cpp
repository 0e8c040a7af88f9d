// Every JSON (and text) request body of the admin API's writes: the first byte chooses the
// route, the rest is the body. Each answer keeps the API's promises (ApiHost::check_response);
// a refused write changes nothing; a write that changes the ledger leaves an audit row; a 400
// or 422 that names a JSON pointer names a place in the body.

#include <cstdint>

#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

#include "api_host.h"
#include "fuzz_check.h"

using namespace rectifyd;

namespace {

struct Target {
  admin::http::verb method;
  const char* target;
  bool audited;  ///< a change here must leave an audit row (config writes audit on reload)
};

constexpr Target kTargets[] = {
    {admin::http::verb::post, "/api/v1/people", true},
    {admin::http::verb::patch, "/api/v1/people/1", true},
    {admin::http::verb::post, "/api/v1/measures/1/assign", true},
    {admin::http::verb::post, "/api/v1/measures/2/due", true},
    {admin::http::verb::post, "/api/v1/measures/3/progress", true},
    {admin::http::verb::post, "/api/v1/measures/4/done", true},
    {admin::http::verb::post, "/api/v1/measures/5/close", true},
    {admin::http::verb::post, "/api/v1/measures/6/reopen", true},
    {admin::http::verb::post, "/api/v1/measures/7/na", true},
    {admin::http::verb::post, "/api/v1/measures/8/extend", true},
    {admin::http::verb::post, "/api/v1/extensions/1/approve", true},
    {admin::http::verb::post, "/api/v1/extensions/1/reject", true},
    {admin::http::verb::post, "/api/v1/imports/plan?round=fuzz", true},
    {admin::http::verb::post, "/api/v1/imports/csv", true},
    {admin::http::verb::post, "/api/v1/imports/people", true},
    {admin::http::verb::post, "/api/v1/meetings", true},
    {admin::http::verb::post, "/api/v1/meetings/2026-03-06/move", true},
    {admin::http::verb::post, "/api/v1/meetings/2026-03-06/cancel", true},
    {admin::http::verb::post, "/api/v1/meetings/2026-03-06/notice", true},
    {admin::http::verb::post, "/api/v1/outbox/1/retry", true},
    {admin::http::verb::put, "/api/v1/config", false},
    {admin::http::verb::patch, "/api/v1/config", false},
    {admin::http::verb::post, "/api/v1/config/validate", false},
};

long long audit_rows(store::Database& db) {
  return db.sql().execAndGet("SELECT count(*) FROM audit").getInt64();
}

/// A 400/422 naming a JSON pointer ("/due", "/changes/meeting.start") in a body that is a JSON
/// object: the pointer's parent is in the body (the member itself may be the missing one).
void require_pointer_in_body(const admin::Response& res, std::string_view body) {
  boost::system::error_code ec;
  const boost::json::value answer = boost::json::parse(res.body(), ec);
  const auto* err = answer.as_object().at("error").as_object().if_contains("location");
  if (err == nullptr || !err->is_string())
    return;
  const std::string location(err->as_string());
  if (!location.starts_with('/') || location.starts_with("/api/") ||
      location.find(':') != std::string::npos)
    return;  // a path of the API, or a file:line:column of a configuration
  const boost::json::value doc = boost::json::parse(body, ec);
  if (ec || !doc.is_object())
    return;
  const std::string parent = location.substr(0, location.rfind('/'));
  fuzz::require(parent.empty() || doc.find_pointer(parent, ec) != nullptr,
                "an error's JSON pointer names a place in the body",
                location + "\n--- body:\n" + std::string(body));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::ApiHost host;
  if (size == 0)
    return 0;
  const Target& t = kTargets[data[0] % std::size(kTargets)];
  const std::string_view body = fuzz::as_text(data + 1, size - 1);
  host.reset();

  admin::Request req{t.method, t.target, 11};
  req.set(admin::http::field::authorization, std::string("Bearer ") + fuzz::kFuzzToken);
  req.set(admin::http::field::content_type, "application/json");
  req.body() = std::string(body);
  req.prepare_payload();

  const long long changes = fuzz::total_changes(host.db());
  const long long audit = audit_rows(host.db());
  const admin::Response res = host.handle(req);
  fuzz::ApiHost::check_response(res);
  const unsigned code = res.result_int();
  if (code >= 400) {
    fuzz::require(fuzz::total_changes(host.db()) == changes, "a refused write changes nothing",
                  std::string(t.target) + " → " + res.body());
    if (code == 400 || code == 422)
      require_pointer_in_body(res, body);
  } else if (t.audited && fuzz::total_changes(host.db()) != changes) {
    fuzz::require(audit_rows(host.db()) > audit, "a change leaves its audit row",
                  std::string(t.target) + " → " + res.body());
  }
  return 0;
}
