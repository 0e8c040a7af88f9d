#include "web/assets.h"

namespace rectifyd::web {

std::string_view content_type_of(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html"))
    return "text/html; charset=utf-8";
  if (ends(".css"))
    return "text/css; charset=utf-8";
  if (ends(".js"))
    return "text/javascript; charset=utf-8";
  if (ends(".svg"))
    return "image/svg+xml";
  if (ends(".png"))
    return "image/png";
  if (ends(".ico"))
    return "image/x-icon";
  return "application/octet-stream";
}

std::optional<Asset> find_asset(std::string_view path) {
  if (path == "/")
    path = "/index.html";
  for (const EmbeddedFile& f : embedded_files()) {
    if (f.path == path)
      return Asset{&f, content_type_of(path)};
  }
  return std::nullopt;
}

}  // namespace rectifyd::web
