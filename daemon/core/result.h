#pragma once
// Expected failures are values: a Result holds either a T or an Error that says what went wrong
// and where (file:line:column, CSV row, JSON pointer), ready to show to a person.

#include <concepts>
#include <string>
#include <utility>
#include <variant>

namespace rectifyd {

/// What kind of failure an Error is, so each front end can answer it its own way (an HTTP
/// status, an exit status) without reading the message.
enum class ErrorKind {
  invalid,    ///< the input is wrong: fix it and try again (the default)
  not_found,  ///< what the request names does not exist
  conflict,   ///< the request is well formed but the current state does not allow it
  forbidden,  ///< the person may not do this
  internal,   ///< the store or the system failed; nothing was changed
};

struct Error {
  std::string message;
  ErrorKind kind = ErrorKind::invalid;
  /// Where the problem is, when one place can be named: "file:line:column", "row 3, column
  /// due", a JSON pointer ("/due"). Empty when the message says it or there is no place.
  std::string location = {};
};

/// "invalid", "not_found", "conflict", "forbidden", "internal": as the API's error.kind.
inline const char* to_string(ErrorKind k) {
  switch (k) {
    case ErrorKind::invalid:
      return "invalid";
    case ErrorKind::not_found:
      return "not_found";
    case ErrorKind::conflict:
      return "conflict";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error e) : v_(std::move(e)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// A Result with nothing to return on success.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() {
  return Ok{};
}

/// True for Result<T> (and Status): what Database::write rolls back on when it holds an Error.
template <class R>
concept ResultLike = requires(const R& r) {
  { r.ok() } -> std::same_as<bool>;
  r.error();
};

}  // namespace rectifyd
