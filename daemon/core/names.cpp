#include "core/names.h"

#include <array>
#include <string>
#include <utility>

namespace rectifyd {
namespace {

constexpr std::array<std::pair<MeasureStatus, std::string_view>, 6> kStatus{{
    {MeasureStatus::open, "open"},
    {MeasureStatus::in_progress, "in_progress"},
    {MeasureStatus::done_reported, "done_reported"},
    {MeasureStatus::closed, "closed"},
    {MeasureStatus::ongoing, "ongoing"},
    {MeasureStatus::not_applicable, "not_applicable"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoles{{
    {Role::owner, "owner"},
    {Role::leader, "leader"},
    {Role::chief, "chief"},
    {Role::office, "office"},
}};

}  // namespace

std::string_view to_string(MeasureStatus s) {
  for (const auto& [v, n] : kStatus) {
    if (v == s)
      return n;
  }
  return "open";
}

std::optional<MeasureStatus> parse_measure_status(std::string_view s) {
  for (const auto& [v, n] : kStatus) {
    if (n == s)
      return v;
  }
  return std::nullopt;
}

std::string_view label_zh(MeasureStatus s) {
  switch (s) {
    case MeasureStatus::open:
      return "未开始";
    case MeasureStatus::in_progress:
      return "整改中";
    case MeasureStatus::done_reported:
      return "已报完成";
    case MeasureStatus::closed:
      return "已销号";
    case MeasureStatus::ongoing:
      return "长期坚持";
    case MeasureStatus::not_applicable:
      return "无需整改";
  }
  return "未开始";
}

std::string_view to_string(ExtensionState s) {
  switch (s) {
    case ExtensionState::pending:
      return "pending";
    case ExtensionState::approved:
      return "approved";
    case ExtensionState::rejected:
      return "rejected";
  }
  return "pending";
}

std::optional<ExtensionState> parse_extension_state(std::string_view s) {
  if (s == "pending")
    return ExtensionState::pending;
  if (s == "approved")
    return ExtensionState::approved;
  if (s == "rejected")
    return ExtensionState::rejected;
  return std::nullopt;
}

std::string_view to_string(Role r) {
  for (const auto& [v, n] : kRoles) {
    if (v == r)
      return n;
  }
  return "owner";
}

std::optional<Role> parse_role(std::string_view s) {
  for (const auto& [v, n] : kRoles) {
    if (n == s)
      return v;
  }
  return std::nullopt;
}

std::string roles_to_string(Roles r) {
  std::string out;
  for (const auto& [v, n] : kRoles) {
    if (!r.has(v))
      continue;
    if (!out.empty())
      out += ',';
    out += n;
  }
  return out;
}

std::optional<Roles> parse_roles(std::string_view s) {
  Roles roles;
  while (!s.empty()) {
    auto comma = s.find_first_of(",;| ");
    auto word = s.substr(0, comma);
    s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
    if (word.empty())
      continue;
    auto r = parse_role(word);
    if (!r)
      return std::nullopt;
    roles.add(*r);
  }
  return roles;
}

}  // namespace rectifyd
