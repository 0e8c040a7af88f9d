#include "render/config_text.h"

#include <sstream>
#include <vector>

#include <date/tz.h>

#include "core/dates.h"
#include "time/zone.h"

namespace rectifyd::render {

Message reload_refused_message(const std::string& config_path, const std::string& errors,
                               Instant at, const date::time_zone* zone) {
  std::vector<std::string> lines;
  std::istringstream in(errors);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty())
      lines.push_back(line);
  }
  std::string when = zone != nullptr ? format_date_zh(local_date(zone, at)) + " " +
                                           date::format("%H:%M", zone->to_local(at))
                                     : format_instant_utc(at);

  Message m;
  m.kind = "config_error";
  m.subject = "配置重新加载失败，仍按原配置运行";
  m.text = when + "重新加载配置文件 " + config_path + " 失败，服务仍按原配置运行。请修正以下 " +
           std::to_string(lines.size()) +
           " 处错误，并用 rectifyctl config validate 检查通过后重新加载（systemctl reload "
           "rectifyd）：";
  for (std::size_t i = 0; i < lines.size() && i < kListedErrors; ++i)
    m.text += "\n" + std::to_string(i + 1) + ". " + lines[i];
  if (lines.size() > kListedErrors)
    m.text += "\n……另有 " + std::to_string(lines.size() - kListedErrors) + " 处，详见服务日志。";
  return m;
}

}  // namespace rectifyd::render
