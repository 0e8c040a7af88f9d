#pragma once
// The owners' personal pages on the admin listener, below /o/<token> (a reverse proxy publishes
// them at [web] public_url): GET /o/<token> shows the page and changes nothing; POST
// /o/<token>/m/<id>/progress | done | extension carries one form of it, with the page's form
// token, and answers 303 back to the page. Requests are limited per link and per address; a
// wrong, expired or revoked link gets one page (404) whichever it was. No cookie, no login.

#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "admin/api.h"
#include "web/form_tokens.h"
#include "web/request_limiter.h"

namespace rectifyd::admin {

class OwnerPages {
 public:
  explicit OwnerPages(ApiEnv& env);

  /// Requests for paths below /o/; nullopt for every other path.
  std::optional<Reply> serve(const Call& call, const http::request<http::string_body>& req,
                             std::string_view peer);

  /// The page for a form post to `target` (below /o/) whose files exceed the limits: what
  /// to do, with the way back to the person's page. Nothing was changed.
  static Reply too_large(std::string_view target, const config::WebConfig& limits);

  static constexpr std::string_view kPrefix = "/o/";

 private:
  Reply show(office::Office& o, const Person& p, const std::string& token, http::status status,
             std::string notice, std::optional<Id> problem_measure, std::string problem,
             Id notice_measure = 0);
  Reply submit(office::Office& o, const Person& p, const std::string& token, Id measure,
               std::string_view action, const http::request<http::string_body>& req);

  ApiEnv& env_;
  web::FormTokens forms_;
  web::RequestLimiter limiter_;
};

/// The evidence folder of a configuration: [web] evidence_folder, else "evidence" beside the
/// database file.
std::string evidence_folder(const config::Config& c, const std::string& db_path);

}  // namespace rectifyd::admin
