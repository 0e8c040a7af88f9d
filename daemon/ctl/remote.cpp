#include "ctl/remote.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <curl/curl.h>

namespace rectifyd::ctl {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

Result<std::string> read_all(const std::string& path) {
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    return s.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{"无法读取文件 " + path + "（cannot read " + path + "）"};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Result<RemoteClient> RemoteClient::open(const RemoteTarget& target, std::string actor) {
  RemoteClient c;
  if (target.token_file.empty())
    return Error{"--url 需要同时给出 --token-file（或 RECTIFYD_TOKEN_FILE）：存放管理令牌的文件"};
  auto token = read_all(target.token_file);
  if (!token)
    return token.error();
  c.token_ = *token;
  while (!c.token_.empty() &&
         (c.token_.back() == '\n' || c.token_.back() == '\r' || c.token_.back() == ' '))
    c.token_.pop_back();
  if (c.token_.empty())
    return Error{"令牌文件 " + target.token_file + " 是空的（the token file is empty）"};
  if (target.url.starts_with("unix:")) {
    c.unix_socket_ = target.url.substr(5);
    c.base_ = "http://localhost";
  } else {
    c.base_ = target.url;
    while (!c.base_.empty() && c.base_.back() == '/')
      c.base_.pop_back();
  }
  c.actor_ = std::move(actor);
  return c;
}

Result<RemoteReply> RemoteClient::call(const std::string& method, const std::string& path,
                                       const std::string& body,
                                       const std::string& content_type) const {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl)
    return Error{"libcurl 初始化失败"};
  RemoteReply reply;
  curl_slist* headers = nullptr;
  const std::string auth = "Authorization: Bearer " + token_;
  headers = curl_slist_append(headers, auth.c_str());
  headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
  headers = curl_slist_append(headers, "Expect:");
  if (!actor_.empty())
    headers = curl_slist_append(headers, ("X-Rectifyd-Actor: " + actor_).c_str());
  const std::string url = base_ + path;
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method != "GET") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  if (!unix_socket_.empty())
    curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, unix_socket_.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK)
    return Error{"无法连接 rectifyd（" + (unix_socket_.empty() ? base_ : "unix:" + unix_socket_) +
                 "）：" + curl_easy_strerror(rc)};
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace rectifyd::ctl
