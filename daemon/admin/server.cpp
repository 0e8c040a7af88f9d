#include "admin/server.h"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <filesystem>
#include <map>

#include <spdlog/spdlog.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "core/atomic_file.h"

namespace rectifyd::admin {

namespace asio = boost::asio;
namespace beast = boost::beast;

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  virtual void close() = 0;
};

/// What the server and its sessions share; sessions hold it, so it outlives the server while
/// a closing session still runs its last handler.
struct AdminServer::Shared {
  RequestHandler handler;
  config::Snapshot config;
  std::map<SessionBase*, std::weak_ptr<SessionBase>> live;
  /// Set when the listener speaks TLS; a reload with new files replaces it for the next
  /// connections.
  std::shared_ptr<asio::ssl::context> tls;
  bool stopping = false;

  Shared(ApiEnv env, config::Snapshot c) : handler(std::move(env)), config(std::move(c)) {}

  void close_all() {
    auto sessions = live;
    for (auto& [p, w] : sessions) {
      if (auto s = w.lock())
        s->close();
    }
  }
};

namespace {

/// One connection: reads requests one at a time, answers each, keeps the connection while the
/// client asks to. Only this class moves bytes.
template <class Protocol, bool Tls = false>
class Session final : public SessionBase,
                      public std::enable_shared_from_this<Session<Protocol, Tls>> {
 public:
  using Plain = beast::basic_stream<Protocol, asio::any_io_executor, beast::unlimited_rate_policy>;
  using Stream = std::conditional_t<Tls, beast::ssl_stream<Plain>, Plain>;

  Session(typename Protocol::socket socket,
          std::shared_ptr<AdminServer::Shared> shared) requires(!Tls)
      : stream_(std::move(socket)), shared_(std::move(shared)) {}
  Session(typename Protocol::socket socket, std::shared_ptr<AdminServer::Shared> shared,
          std::shared_ptr<asio::ssl::context> tls) requires Tls : tls_(std::move(tls)),
                                                                  stream_(std::move(socket), *tls_),
                                                                  shared_(std::move(shared)) {}

  ~Session() override { shared_->live.erase(this); }

  void start() {
    shared_->live.emplace(this, this->weak_from_this());
    if constexpr (Tls) {
      lowest().expires_after(limits().request_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec)
                                  return self->close();  // not TLS, or a failed handshake
                                self->read();
                              });
    } else {
      read();
    }
  }

  /// Answers 503 and closes: too many connections.
  void reject() {
    res_ = RequestHandler::error_response(
        http::status::service_unavailable,
        "连接数已达上限，请稍后再试（too many connections; try again later）");
    res_.set(http::field::retry_after, "1");
    write(true);
  }

  void close() override {
    beast::error_code ec;
    lowest().socket().shutdown(Protocol::socket::shutdown_both, ec);
    lowest().close();
  }

 private:
  const config::AdminConfig& limits() const { return shared_->config->admin; }
  Plain& lowest() { return beast::get_lowest_layer(stream_); }

  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits().max_header_bytes));
    parser_->body_limit(limits().max_body_bytes);
    lowest().expires_after(limits().request_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_header(ec);
                            });
  }

  /// An owner's page takes their evidence files: its body may be as large as the [web] limits
  /// allow, every other request keeps admin.max_body_bytes.
  void on_header(beast::error_code header_ec) {
    if (header_ec)
      return on_read(header_ec);
    if (parser_->get().target().starts_with("/o/")) {
      const auto& web = shared_->config->web;
      parser_->body_limit(std::max<std::uint64_t>(
          limits().max_body_bytes,
          web.evidence_max_bytes * static_cast<std::uint64_t>(web.evidence_max_files) +
              (1u << 20)));
    }
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::ssl::error::stream_truncated ||
        shared_->stopping)
      return close();
    if (ec == http::error::header_limit)
      return fail(http::status::request_header_fields_too_large,
                  "请求头超过上限 " + std::to_string(limits().max_header_bytes) +
                      " 字节（request header fields too large）");
    if (ec == http::error::body_limit) {
      res_ = shared_->handler.too_large(
          parser_->get(), "请求体超过上限 " + std::to_string(limits().max_body_bytes) +
                              " 字节（payload too large）");
      return write(true, true);
    }
    if (ec) {
      if (ec.category() == http::make_error_code(http::error::end_of_stream).category() ||
          ec == http::error::partial_message)
        return fail(http::status::bad_request, "无法解析的 HTTP 请求（bad request）");
      return close();
    }
    res_ = shared_->handler.handle(parser_->get(), peer());
    write(!res_.keep_alive());
  }

  /// The client's address, for throttling failed logins ("unix" on the unix socket).
  std::string peer() {
    if constexpr (std::is_same_v<Protocol, asio::ip::tcp>) {
      beast::error_code ec;
      auto ep = lowest().socket().remote_endpoint(ec);
      if (!ec)
        return ep.address().to_string();
      return "?";
    } else {
      return "unix";
    }
  }

  /// Answers an unreadable request and closes the connection.
  void fail(http::status status, const std::string& message) {
    res_ = RequestHandler::error_response(status, message);
    write(true);
  }

  /// `linger`: the client may still be sending a body the server will not read (a file too
  /// large); the rest is read and dropped for a moment before closing, so that the client reads
  /// the answer instead of a reset connection.
  void write(bool close_after, bool linger = false) {
    res_.keep_alive(!close_after);
    lowest().expires_after(limits().request_timeout);
    http::async_write(
        stream_, res_,
        [self = this->shared_from_this(), close_after, linger](beast::error_code ec, std::size_t) {
          if (!ec && linger && !self->shared_->stopping)
            return self->drain();
          if (ec || close_after || self->shared_->stopping)
            return self->close();
          self->read();
        });
  }

  void drain() {
    if (drained_ == 0) {
      beast::error_code ignored;
      lowest().socket().shutdown(Protocol::socket::shutdown_send, ignored);
      lowest().expires_after(std::chrono::seconds(2));
    }
    lowest().async_read_some(asio::buffer(discard_), [self = this->shared_from_this()](
                                                         beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kMaxDrained || self->shared_->stopping)
        return self->close();
      self->drain();
    });
  }

  static constexpr std::size_t kMaxDrained = 64u << 20;
  std::array<char, 16384> discard_{};
  std::size_t drained_ = 0;
  std::shared_ptr<asio::ssl::context> tls_;  ///< kept alive as long as its stream
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Response res_;
  std::shared_ptr<AdminServer::Shared> shared_;
};

}  // namespace

class AdminServer::Listener {
 public:
  virtual ~Listener() = default;
  virtual void close() = 0;
  virtual std::optional<unsigned short> port() const = 0;
};

namespace {

template <class Protocol>
class Acceptor final : public AdminServer::Listener {
 public:
  Acceptor(asio::io_context& io, std::shared_ptr<AdminServer::Shared> shared)
      : acceptor_(io), shared_(std::move(shared)) {}
  ~Acceptor() override { close(); }

  Status open(const typename Protocol::endpoint& ep, const std::string& shown) {
    beast::error_code ec;
    acceptor_.open(ep.protocol(), ec);
    if constexpr (std::is_same_v<Protocol, asio::ip::tcp>) {
      if (!ec)
        acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec)
      acceptor_.bind(ep, ec);
    if (!ec)
      acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      return Error{"admin API: cannot listen on " + shown + ": " + ec.message()};
    accept();
    return ok_status();
  }

  void close() override {
    beast::error_code ec;
    acceptor_.close(ec);
  }

  std::optional<unsigned short> port() const override {
    if constexpr (std::is_same_v<Protocol, asio::ip::tcp>) {
      beast::error_code ec;
      auto ep = acceptor_.local_endpoint(ec);
      if (!ec)
        return ep.port();
    }
    return std::nullopt;
  }

 private:
  void accept() {
    acceptor_.async_accept([this, shared = shared_](beast::error_code ec,
                                                    typename Protocol::socket socket) {
      if (ec == asio::error::operation_aborted || shared->stopping)
        return;
      if (!ec) {
        const auto max =
            static_cast<std::size_t>(std::max(1, shared->config->admin.max_connections));
        if constexpr (std::is_same_v<Protocol, asio::ip::tcp>) {
          if (shared->tls) {
            auto session =
                std::make_shared<Session<Protocol, true>>(std::move(socket), shared, shared->tls);
            if (shared->live.size() >= max)
              session->close();  // no TLS to answer 503 in before the handshake
            else
              session->start();
            return accept();
          }
        }
        auto session = std::make_shared<Session<Protocol>>(std::move(socket), shared);
        if (shared->live.size() >= max)
          session->reject();
        else
          session->start();
      } else {
        spdlog::warn("admin API: accept failed: {}", ec.message());
      }
      accept();
    });
  }

  typename Protocol::acceptor acceptor_;
  std::shared_ptr<AdminServer::Shared> shared_;
};

}  // namespace

namespace {

/// The listener's TLS context from the configured files: TLS 1.2 and later, the server's
/// cipher order. An error names the file.
Result<std::shared_ptr<asio::ssl::context>> tls_context(const config::AdminConfig& a) {
  auto chain = read_text_file(a.tls_certificate);
  if (!chain)
    return Error{"admin.tls_certificate: " + chain.error().message};
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use |
                   SSL_OP_CIPHER_SERVER_PREFERENCE);
  beast::error_code ec;
  ctx->use_certificate_chain(asio::buffer(*chain), ec);
  if (ec)
    return Error{"admin.tls_certificate: " + a.tls_certificate + ": " + ec.message()};
  const auto& key = a.tls_private_key.value;
  ctx->use_private_key(asio::buffer(key), asio::ssl::context::pem, ec);
  if (ec)
    return Error{"admin.tls_private_key (" + a.tls_private_key.source + "): " + ec.message()};
  return ctx;
}

}  // namespace

Result<ListenAddress> parse_listen_address(const std::string& text) {
  ListenAddress a;
  if (text.starts_with("unix:")) {
    a.unix_path = text.substr(5);
    if (a.unix_path.empty() || a.unix_path.front() != '/')
      return Error{
          "admin.listen: a unix socket needs an absolute path, e.g. "
          "\"unix:/run/rectifyd/admin.sock\""};
    return a;
  }
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return Error{"admin.listen: expected \"host:port\" or \"unix:/path\", got \"" + text + "\""};
  a.host = text.substr(0, colon);
  if (a.host.size() >= 2 && a.host.front() == '[' && a.host.back() == ']')
    a.host = a.host.substr(1, a.host.size() - 2);
  const std::string port = text.substr(colon + 1);
  auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), a.port);
  if (ec != std::errc{} || p != port.data() + port.size())
    return Error{"admin.listen: bad port in \"" + text + "\""};
  return a;
}

AdminServer::AdminServer(asio::io_context& io, ApiEnv env, config::Snapshot config)
    : io_(io), shared_(std::make_shared<Shared>(std::move(env), std::move(config))) {}

AdminServer::~AdminServer() {
  shared_->stopping = true;
  if (listener_)
    listener_->close();
  shared_->close_all();
}

Status AdminServer::listen() {
  auto addr = parse_listen_address(shared_->config->admin.listen);
  if (!addr)
    return addr.error();
  if (!addr->unix_path.empty()) {
    auto acceptor = std::make_unique<Acceptor<asio::local::stream_protocol>>(io_, shared_);
    // A socket file left by a previous run would make bind fail.
    ::unlink(addr->unix_path.c_str());
    const mode_t old = ::umask(0177);
    Status st = acceptor->open(asio::local::stream_protocol::endpoint(addr->unix_path),
                               "unix:" + addr->unix_path);
    ::umask(old);
    if (!st)
      return st;
    ::chmod(addr->unix_path.c_str(), 0600);
    listener_ = std::move(acceptor);
    spdlog::info("admin API listening on unix:{}", addr->unix_path);
    return ok_status();
  }
  beast::error_code ec;
  auto ip = asio::ip::make_address(addr->host, ec);
  if (ec)
    return Error{"admin.listen: \"" + addr->host + "\" is not an IP address"};
  shared_->tls.reset();
  if (shared_->config->admin.tls()) {
    auto ctx = tls_context(shared_->config->admin);
    if (!ctx)
      return ctx.error();
    shared_->tls = std::move(*ctx);
  }
  auto acceptor = std::make_unique<Acceptor<asio::ip::tcp>>(io_, shared_);
  if (auto st =
          acceptor->open(asio::ip::tcp::endpoint(ip, addr->port), shared_->config->admin.listen);
      !st)
    return st;
  listener_ = std::move(acceptor);
  spdlog::info("admin API listening on {}://{}:{}", shared_->tls ? "https" : "http", addr->host,
               *listener_->port());
  if (shared_->config->admin.token.empty() && shared_->config->admin.read_only_token.empty())
    spdlog::warn(
        "admin API: no token is configured (admin.token); every request but /healthz "
        "is refused");
  return ok_status();
}

void AdminServer::start() {
  if (listener_)
    return;  // listen() was called already
  if (auto st = listen(); !st)
    spdlog::error("{}", st.error().message);
}

void AdminServer::reconfigure(const config::Snapshot& config) {
  if (config->admin.listen != shared_->config->admin.listen)
    spdlog::warn("reload: admin.listen changed to {}; it takes effect at the next start",
                 config->admin.listen);
  const auto& now = shared_->config->admin;
  const auto& next = config->admin;
  if (next.tls() != now.tls()) {
    spdlog::warn("reload: TLS on the admin listener was {}; it takes effect at the next start",
                 next.tls() ? "turned on" : "turned off");
  } else if (next.tls() && shared_->tls) {
    // Renewed certificate files apply to the next connections.
    if (auto ctx = tls_context(next))
      shared_->tls = std::move(*ctx);
    else
      spdlog::error("reload: {}; the admin listener keeps its certificate", ctx.error().message);
  }
  shared_->config = config;
}

void AdminServer::stop(std::chrono::milliseconds, std::function<void()> done) {
  shared_->stopping = true;
  if (listener_)
    listener_->close();
  shared_->close_all();
  auto addr = parse_listen_address(shared_->config->admin.listen);
  if (addr && !addr->unix_path.empty() && listener_)
    ::unlink(addr->unix_path.c_str());
  asio::post(io_, std::move(done));
}

std::optional<unsigned short> AdminServer::port() const {
  return listener_ ? listener_->port() : std::nullopt;
}

std::size_t AdminServer::connections() const {
  return shared_->live.size();
}

}  // namespace rectifyd::admin
