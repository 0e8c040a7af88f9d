#include "http_sink.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <curl/curl.h>

#include <boost/json.hpp>

namespace rectifyd::testing {

HttpSink::HttpSink(const std::string& dir, SinkSecrets secrets, bool log) {
  std::vector<std::string> args;
  if (log) {
    log_ = dir + "/sink.jsonl";
    args.insert(args.end(), {"--log", log_});
  }
  if (!secrets.generic.empty())
    args.insert(args.end(), {"--generic-secret", secrets.generic});
  if (!secrets.dingtalk.empty())
    args.insert(args.end(), {"--dingtalk-secret", secrets.dingtalk});
  if (!secrets.feishu.empty())
    args.insert(args.end(), {"--feishu-secret", secrets.feishu});
  server_ = std::make_unique<ScriptServer>("http_sink.py", std::move(args), dir, "sink");
}

HttpSink::~HttpSink() = default;

std::string HttpSink::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port()) + path;
}

namespace {
std::size_t append(char* data, std::size_t size, std::size_t n, void* userp) {
  static_cast<std::string*>(userp)->append(data, size * n);
  return size * n;
}
}  // namespace

std::string HttpSink::control(const std::string& path, const std::string& body, bool post) {
  CURL* e = curl_easy_init();
  std::string out;
  auto u = url(path);
  curl_easy_setopt(e, CURLOPT_URL, u.c_str());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &append);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &out);
  if (post)
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.c_str());
  auto rc = curl_easy_perform(e);
  curl_easy_cleanup(e);
  if (rc != CURLE_OK)
    throw std::runtime_error("http_sink control request failed");
  return out;
}

void HttpSink::script(const std::string& path, const std::string& responses_json) {
  control("/_control/script",
          R"({"path":)" + boost::json::serialize(boost::json::value(path)) + R"(,"responses":)" +
              responses_json + "}",
          true);
}

void HttpSink::clear() {
  control("/_control/clear", "{}", true);
}

std::vector<boost::json::object> HttpSink::requests() {
  auto v = boost::json::parse(control("/_control/requests", "", false));
  std::vector<boost::json::object> out;
  for (auto& r : v.as_array())
    out.push_back(r.as_object());
  return out;
}

std::vector<boost::json::object> HttpSink::requests(const std::string& path) {
  std::vector<boost::json::object> out;
  for (auto& r : requests()) {
    if (r.at("path").as_string() == path)
      out.push_back(std::move(r));
  }
  return out;
}

}  // namespace rectifyd::testing
