#include "core/dates.h"

#include <charconv>
#include <cstdio>

#include <date/tz.h>

namespace rectifyd {
namespace {

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size())
    return false;
  auto first = s.data() + pos;
  auto last = first + len;
  for (auto p = first; p != last; ++p) {
    if (*p < '0' || *p > '9')
      return false;
  }
  auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc{} && ptr == last;
}

}  // namespace

std::optional<LocalDate> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    return std::nullopt;
  if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, m) || !read_int(s, 8, 2, d))
    return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok())
    return std::nullopt;
  return LocalDate{ymd};
}

std::string format_date(LocalDate d) {
  return date::format("%F", d);
}

std::optional<Instant> parse_instant(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS then Z or ±HH:MM
  if (s.size() < 20)
    return std::nullopt;
  auto day = parse_date(s.substr(0, 10));
  if (!day || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!read_int(s, 11, 2, hh) || !read_int(s, 14, 2, mm) || !read_int(s, 17, 2, ss))
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 60)
    return std::nullopt;
  auto rest = s.substr(19);
  int offset_min = 0;
  if (rest == "Z") {
    offset_min = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh = 0, om = 0;
    if (!read_int(rest, 1, 2, oh) || !read_int(rest, 4, 2, om))
      return std::nullopt;
    offset_min = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  auto local = day->time_since_epoch() + std::chrono::hours{hh} + std::chrono::minutes{mm} +
               std::chrono::seconds{ss};
  return Instant{std::chrono::duration_cast<std::chrono::seconds>(local) -
                 std::chrono::minutes{offset_min}};
}

std::string format_instant_utc(Instant t) {
  return date::format("%FT%TZ", t);
}

std::string format_instant(Instant t, const date::time_zone* zone) {
  if (zone == nullptr)
    return format_instant_utc(t);
  auto info = zone->get_info(t);
  auto local = date::local_seconds{t.time_since_epoch() + info.offset};
  auto off = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
  char sign = off < 0 ? '-' : '+';
  if (off < 0)
    off = -off;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, static_cast<int>(off / 60),
                static_cast<int>(off % 60));
  return date::format("%FT%T", local) + buf;
}

std::string format_date_zh(LocalDate d) {
  static constexpr const char* kWeek[] = {"日", "一", "二", "三", "四", "五", "六"};
  date::year_month_day ymd{d};
  date::weekday wd{d};
  return std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日（周" + kWeek[wd.c_encoding()] +
         "）";
}

}  // namespace rectifyd
