#include "ledger_io/people_csv.h"

#include <algorithm>
#include <map>

#include <date/tz.h>

#include "core/dates.h"
#include "core/names.h"
#include "ledger_io/csv_table.h"
#include "ledger_io/utf8.h"

namespace rectifyd::ledger_io {
namespace {

enum Column : std::size_t {
  kName,
  kTitle,
  kDepartment,
  kEmail,
  kMobile,
  kWecom,
  kDingtalk,
  kFeishu,
  kRoles,
  kTimeZone
};

/// local@domain.tld: one '@', something on each side, a dot inside the domain, no spaces.
bool email_shaped(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos)
    return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos)
    return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == ',' || c == ';' || c == '<' || c == '>' ||
           static_cast<unsigned char>(c) < 0x20;
  });
}

/// Digits with an optional leading '+', and the usual separators.
bool mobile_shaped(std::string_view s) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == '-' || c == ' ' || (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 5 && digits <= 20;
}

std::optional<Role> role_word(std::string_view w) {
  if (auto r = parse_role(w))
    return r;
  static const std::map<std::string_view, Role> kZh = {
      {"责任人", Role::owner},     {"责任领导", Role::leader}, {"分管领导", Role::leader},
      {"第一责任人", Role::chief}, {"办公室", Role::office},   {"领导小组办公室", Role::office},
  };
  if (auto it = kZh.find(w); it != kZh.end())
    return it->second;
  return std::nullopt;
}

}  // namespace

std::string roles_to_csv(Roles roles) {
  std::string s = roles_to_string(roles);
  std::replace(s.begin(), s.end(), ',', ';');
  return s;
}

std::optional<Roles> roles_from_csv(std::string_view text, std::string* bad_word) {
  std::string normalised(text);
  for (std::string_view sep : {"；", "，", "、"}) {
    for (auto p = normalised.find(sep); p != std::string::npos; p = normalised.find(sep))
      normalised.replace(p, sep.size(), ";");
  }
  Roles roles;
  std::string_view rest = normalised;
  while (!rest.empty()) {
    auto cut = rest.find_first_of(";,| ");
    auto word = trim(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
    if (word.empty())
      continue;
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    auto r = role_word(lower);
    if (!r) {
      if (bad_word != nullptr)
        *bad_word = std::string(word);
      return std::nullopt;
    }
    roles.add(*r);
  }
  return roles;
}

Result<std::vector<Person>> parse_people_csv(std::string_view text, const std::string& source) {
  auto records = read_csv(text, source);
  if (!records)
    return records.error();
  ErrorList errors(source);
  std::size_t first = 0;
  while (first < records->size() && blank_record((*records)[first]))
    ++first;
  if (first == records->size()) {
    errors.add("the file is empty; the first row must be the header");
    return errors.error();
  }
  auto header = Header::read((*records)[first], kPeopleColumns, source);
  if (!header)
    return header.error();

  std::vector<Person> people;
  std::map<std::string, std::size_t, std::less<>> seen;  // name → row
  for (std::size_t i = first + 1; i < records->size(); ++i) {
    const auto& rec = (*records)[i];
    if (blank_record(rec))
      continue;
    if (rec.fields.size() != header->width()) {
      errors.add(rec.row, "expected " + std::to_string(header->width()) + " fields, found " +
                              std::to_string(rec.fields.size()));
      continue;
    }
    auto get = [&](Column c) { return std::string(trim(header->field(rec, c))); };
    Person p;
    p.name = get(kName);
    p.title = get(kTitle);
    p.department = get(kDepartment);
    p.email = get(kEmail);
    p.mobile = get(kMobile);
    p.wecom_id = get(kWecom);
    p.dingtalk_id = get(kDingtalk);
    p.feishu_id = get(kFeishu);
    p.time_zone = get(kTimeZone);
    if (p.name.empty()) {
      errors.add(rec.row, "name", "a name is required");
    } else if (auto [it, fresh] = seen.emplace(p.name, rec.row); !fresh) {
      errors.add(
          rec.row, "name",
          "'" + p.name + "' appears again (first on row " + std::to_string(it->second) + ")");
    }
    if (!p.email.empty() && !email_shaped(p.email))
      errors.add(rec.row, "email",
                 "expected an address like name@example.org, got '" + p.email + "'");
    if (!p.mobile.empty() && !mobile_shaped(p.mobile))
      errors.add(rec.row, "mobile",
                 "expected a phone number like 13800001234, got '" + p.mobile + "'");
    std::string bad;
    if (auto roles = roles_from_csv(get(kRoles), &bad)) {
      p.roles = *roles;
    } else {
      errors.add(rec.row, "roles",
                 "unknown role '" + bad +
                     "' (use owner, leader, chief or office, e.g. "
                     "owner;leader)");
    }
    if (!p.time_zone.empty()) {
      try {
        date::locate_zone(p.time_zone);
      } catch (const std::exception&) {
        errors.add(rec.row, "time_zone",
                   "unknown time zone '" + p.time_zone +
                       "' (use a name like Asia/Shanghai, or leave it empty)");
      }
    }
    people.push_back(std::move(p));
  }
  if (!errors.empty())
    return errors.error();
  return people;
}

PeopleCsvWriter::PeopleCsvWriter(std::ostream& out) : out_(out) {
  std::vector<std::string> row(kPeopleColumns.begin(), kPeopleColumns.end());
  write_csv_record(out_, row);
}

void PeopleCsvWriter::write(std::span<std::string> fields) {
  if (auto roles = parse_roles(fields[kRoles]))
    fields[kRoles] = roles_to_csv(*roles);
  write_csv_record(out_, fields);
}

}  // namespace rectifyd::ledger_io
