#include "notify/transport.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

namespace rectifyd::notify {
namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxBody = 64 * 1024;

/// Curl's error texts name hosts, but never let a full URL or a password through.
std::string scrub(std::string text, const Request& req) {
  auto replace_all = [&](const std::string& secret, const std::string& with) {
    if (secret.empty())
      return;
    for (auto pos = text.find(secret); pos != std::string::npos;
         pos = text.find(secret, pos + with.size()))
      text.replace(pos, secret.size(), with);
  };
  replace_all(req.url, redact_url(req.url));
  replace_all(req.password, "***");
  return text;
}

}  // namespace

struct CurlTransport::Socket {
  explicit Socket(asio::io_context& io, curl_socket_t s) : sd(io), fd(s) {
    boost::system::error_code ec;
    sd.assign(s, ec);
    if (ec)
      spdlog::warn("delivery: cannot watch socket: {}", ec.message());
  }
  asio::posix::stream_descriptor sd;
  curl_socket_t fd;
  int what = 0;          ///< what curl waits for now (0: the connection is idle in curl's cache)
  bool foreign = false;  ///< not opened through on_open: curl closes it behind our back
  bool reading = false;
  bool writing = false;
  bool removed = false;
};

struct CurlTransport::Transfer {
  TransferId id = 0;
  CURL* easy = nullptr;
  const Request* req = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* rcpt = nullptr;
  std::size_t upload_pos = 0;
  Response resp;
  char errbuf[CURL_ERROR_SIZE] = {};
  Done done;
  /// The options every transfer shares are set on the easy handle (and, for an HTTP transfer
  /// without `customize`, nothing else is left from the last one): the next HTTP transfer sets
  /// only what differs per request.
  bool configured = false;
  bool http_only = false;  ///< the handle has carried only plain HTTP transfers since its reset
};

namespace {

std::size_t write_body(char* data, std::size_t size, std::size_t n, void* userp) {
  auto* resp = static_cast<Response*>(userp);
  auto len = size * n;
  if (resp->body.size() < kMaxBody)
    resp->body.append(data, std::min(len, kMaxBody - resp->body.size()));
  return len;
}

std::size_t write_header(char* data, std::size_t size, std::size_t n, void* userp) {
  auto* resp = static_cast<Response*>(userp);
  auto len = size * n;
  std::string_view line(data, len);
  if (line.starts_with("HTTP/")) {
    resp->headers.clear();  // a new response (after 100 Continue or a redirect)
    return len;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos)
    return len;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
    value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.remove_suffix(1);
  resp->headers.emplace_back(std::move(name), std::string(value));
  return len;
}

}  // namespace

CurlTransport::CurlTransport(asio::io_context& io) : io_(io), timer_(io) {
  multi_ = curl_multi_init();
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlTransport::on_socket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlTransport::on_timer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, 256L);
}

CurlTransport::~CurlTransport() {
  timer_.cancel();
  // Stop watching; curl closes the descriptors (through on_close, which finds them gone).
  for (auto& [fd, sock] : sockets_) {
    sock->removed = true;
    sock->sd.release();
  }
  sockets_.clear();
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, nullptr);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, nullptr);
  for (auto& [id, t] : transfers_) {
    curl_multi_remove_handle(multi_, t->easy);
    curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->headers);
    curl_slist_free_all(t->rcpt);
  }
  transfers_.clear();
  for (auto& t : idle_)
    curl_easy_cleanup(t->easy);
  idle_.clear();
  curl_multi_cleanup(multi_);
}

CurlTransport::TransferId CurlTransport::start(const Request& req,
                                               std::chrono::milliseconds timeout, Done done) {
  std::unique_ptr<Transfer> t;
  if (idle_.empty()) {
    t = std::make_unique<Transfer>();
    t->easy = curl_easy_init();
  } else {
    t = std::move(idle_.back());
    idle_.pop_back();
  }
  t->id = next_id_++;
  t->req = &req;
  t->done = std::move(done);
  CURL* e = t->easy;
  const Request& r = req;
  if (!t->configured) {
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &CurlTransport::on_open);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, &CurlTransport::on_close);
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, this);
    t->configured = true;
    t->http_only = true;
  }
  curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<long long>(timeout.count(), 10000)));
  if (r.protocol != Protocol::http || r.customize)
    t->http_only = false;  // the next transfer starts from a reset handle
  if (r.protocol == Protocol::http) {
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &write_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t->resp);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &write_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t->resp);
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    for (const auto& h : r.headers)
      t->headers = curl_slist_append(t->headers, h.c_str());
    t->headers = curl_slist_append(t->headers, "Expect:");
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  } else {
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(e, CURLOPT_MAIL_FROM, r.mail_from.c_str());
    for (const auto& to : r.rcpt_to)
      t->rcpt = curl_slist_append(t->rcpt, to.c_str());
    curl_easy_setopt(e, CURLOPT_MAIL_RCPT, t->rcpt);
    curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    using ReadFn = std::size_t (*)(char*, std::size_t, std::size_t, void*);
    ReadFn read = [](char* buffer, std::size_t size, std::size_t n, void* userp) {
      auto* tr = static_cast<Transfer*>(userp);
      auto len = std::min(size * n, tr->req->body.size() - tr->upload_pos);
      std::memcpy(buffer, tr->req->body.data() + tr->upload_pos, len);
      tr->upload_pos += len;
      return len;
    };
    curl_easy_setopt(e, CURLOPT_READFUNCTION, read);
    curl_easy_setopt(e, CURLOPT_READDATA, t.get());
    const long use_ssl = r.tls == config::SmtpTls::required        ? CURLUSESSL_ALL
                         : r.tls == config::SmtpTls::opportunistic ? CURLUSESSL_TRY
                                                                   : CURLUSESSL_NONE;
    curl_easy_setopt(e, CURLOPT_USE_SSL, use_ssl);
    if (!r.username.empty()) {
      curl_easy_setopt(e, CURLOPT_USERNAME, r.username.c_str());
      curl_easy_setopt(e, CURLOPT_PASSWORD, r.password.c_str());
    }
  }
  if (r.customize)
    r.customize(e);
  auto id = t->id;
  auto* raw = t.get();
  transfers_.emplace(id, std::move(t));
  if (auto rc = curl_multi_add_handle(multi_, e); rc != CURLM_OK) {
    // Report on the loop, never inside start().
    raw->resp.curl_code = CURLE_FAILED_INIT;
    raw->resp.transport_error = curl_multi_strerror(rc);
    asio::post(io_, [this, id, alive = std::weak_ptr<bool>(alive_)] {
      if (alive.expired())
        return;
      auto it = transfers_.find(id);
      if (it == transfers_.end())
        return;
      auto t2 = std::move(it->second);
      transfers_.erase(it);
      auto done2 = std::move(t2->done);
      auto resp = std::move(t2->resp);
      release(std::move(t2));
      done2(std::move(resp));
    });
  }
  return id;
}

void CurlTransport::cancel(TransferId id) {
  auto it = transfers_.find(id);
  if (it == transfers_.end())
    return;
  auto t = std::move(it->second);
  transfers_.erase(it);
  curl_multi_remove_handle(multi_, t->easy);
  release(std::move(t));
}

void CurlTransport::cancel_all() {
  std::vector<TransferId> ids;
  for (const auto& [id, t] : transfers_)
    ids.push_back(id);
  for (auto id : ids)
    cancel(id);
}

void CurlTransport::release(std::unique_ptr<Transfer> t) {
  curl_slist_free_all(t->headers);
  curl_slist_free_all(t->rcpt);
  if (idle_.size() >= 1024) {
    curl_easy_cleanup(t->easy);
    return;
  }
  if (t->http_only) {
    // Every option a plain HTTP transfer sets is set again by the next one; the header list
    // just freed is replaced before the handle is used.
    curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, nullptr);
  } else {
    curl_easy_reset(t->easy);
    t->configured = false;
  }
  t->req = nullptr;
  t->headers = nullptr;
  t->rcpt = nullptr;
  t->upload_pos = 0;
  t->resp = Response{};
  t->errbuf[0] = '\0';
  t->done = nullptr;
  idle_.push_back(std::move(t));
}

int CurlTransport::on_socket(CURL* /*easy*/, curl_socket_t s, int what, void* userp,
                             void* /*socketp*/) {
  auto* self = static_cast<CurlTransport*>(userp);
  auto it = self->sockets_.find(s);
  if (what == CURL_POLL_REMOVE) {
    // A connection's socket (opened through on_open) stays registered while the connection
    // waits in curl's cache: the next transfer on it needs no epoll_ctl. Waits already
    // queued end without telling curl. Other sockets (the resolver's) are let go now: curl
    // closes them without on_close.
    if (it == self->sockets_.end())
      return 0;
    it->second->what = 0;
    if (it->second->foreign) {
      it->second->removed = true;
      it->second->sd.release();  // curl owns the descriptor and closes it
      self->sockets_.erase(it);
    }
    return 0;
  }
  std::shared_ptr<Socket> sock;
  if (it == self->sockets_.end()) {
    sock = std::make_shared<Socket>(self->io_, s);
    sock->foreign = true;
    self->sockets_.emplace(s, sock);
  } else {
    sock = it->second;
  }
  sock->what = what;
  self->watch(sock);
  return 0;
}

curl_socket_t CurlTransport::on_open(void* userp, curlsocktype purpose, curl_sockaddr* address) {
  auto* self = static_cast<CurlTransport*>(userp);
  curl_socket_t s = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (s == CURL_SOCKET_BAD || purpose != CURLSOCKTYPE_IPCXN)
    return s;
  self->sockets_[s] = std::make_shared<Socket>(self->io_, s);
  return s;
}

int CurlTransport::on_close(void* userp, curl_socket_t s) {
  auto* self = static_cast<CurlTransport*>(userp);
  auto it = self->sockets_.find(s);
  if (it == self->sockets_.end())
    return ::close(s);
  auto sock = std::move(it->second);
  self->sockets_.erase(it);
  sock->removed = true;
  boost::system::error_code ec;
  sock->sd.close(ec);  // also ends the waits queued on it
  return ec ? -1 : 0;
}

void CurlTransport::watch(const std::shared_ptr<Socket>& sock) {
  if ((sock->what & CURL_POLL_IN) && !sock->reading) {
    sock->reading = true;
    sock->sd.async_wait(asio::posix::descriptor_base::wait_read,
                        [this, sock](const boost::system::error_code& ec) {
                          sock->reading = false;
                          // Idle in curl's cache: curl checks the connection before reusing it.
                          if (ec || sock->removed || !(sock->what & CURL_POLL_IN))
                            return;
                          action(sock->fd, CURL_CSELECT_IN);
                          if (!sock->removed)
                            watch(sock);
                        });
  }
  if ((sock->what & CURL_POLL_OUT) && !sock->writing) {
    sock->writing = true;
    sock->sd.async_wait(asio::posix::descriptor_base::wait_write,
                        [this, sock](const boost::system::error_code& ec) {
                          sock->writing = false;
                          if (ec || sock->removed || !(sock->what & CURL_POLL_OUT))
                            return;
                          action(sock->fd, CURL_CSELECT_OUT);
                          if (!sock->removed)
                            watch(sock);
                        });
  }
}

int CurlTransport::on_timer(CURLM* /*multi*/, long timeout_ms, void* userp) {
  auto* self = static_cast<CurlTransport*>(userp);
  // Each call replaces the previous timeout. timer_ is left running when the new one is later
  // or gone (it then finds nothing due and sets itself again or stops): curl moves its
  // timeout with nearly every socket event, and each re-arm costs system calls.
  self->timer_wanted_.reset();
  if (timeout_ms < 0) {
    if (self->transfers_.empty() && self->timer_armed_) {
      // Idle: no wake-up left behind.
      self->timer_armed_.reset();
      self->timer_.cancel();
    }
    return 0;
  }
  if (timeout_ms == 0) {
    // "Act now" comes with every new transfer: a posted call is far cheaper than a timer.
    if (!self->timeout_posted_) {
      self->timeout_posted_ = true;
      asio::post(self->io_, [self, alive = std::weak_ptr<bool>(self->alive_)] {
        if (alive.expired())
          return;
        self->timeout_posted_ = false;
        self->action(CURL_SOCKET_TIMEOUT, 0);
      });
    }
    return 0;
  }
  auto at = std::chrono::steady_clock::now() + std::chrono::milliseconds{timeout_ms};
  self->timer_wanted_ = at;
  if (!self->timer_armed_ || at < *self->timer_armed_)
    self->arm_timer(at);
  return 0;
}

void CurlTransport::arm_timer(std::chrono::steady_clock::time_point at) {
  timer_armed_ = at;
  timer_.expires_at(at);
  timer_.async_wait(
      [this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired() || ec)
          return;  // destroyed, or replaced by an earlier wait
        timer_armed_.reset();
        on_timer_fired();
      });
}

void CurlTransport::on_timer_fired() {
  if (!timer_wanted_)
    return;
  if (*timer_wanted_ > std::chrono::steady_clock::now()) {
    arm_timer(*timer_wanted_);
    return;
  }
  timer_wanted_.reset();
  action(CURL_SOCKET_TIMEOUT, 0);
}

void CurlTransport::action(curl_socket_t s, int ev_bitmask) {
  int running = 0;
  curl_multi_socket_action(multi_, s, ev_bitmask, &running);
  collect_finished();
}

void CurlTransport::collect_finished() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE)
      continue;
    void* priv = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
    auto* t = static_cast<Transfer*>(priv);
    finish(*t, msg->data.result);
  }
}

void CurlTransport::finish(Transfer& tr, CURLcode code) {
  auto it = transfers_.find(tr.id);
  if (it == transfers_.end())
    return;
  auto t = std::move(it->second);
  transfers_.erase(it);
  curl_multi_remove_handle(multi_, t->easy);
  t->resp.curl_code = code;
  long status = 0;
  curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
  t->resp.status = status;
  if (code != CURLE_OK) {
    std::string text = curl_easy_strerror(code);
    if (t->errbuf[0] != '\0')
      text += std::string(": ") + t->errbuf;
    t->resp.transport_error = scrub(std::move(text), *t->req);
  }
  auto done = std::move(t->done);
  auto resp = std::move(t->resp);
  release(std::move(t));
  done(std::move(resp));
}

}  // namespace rectifyd::notify
