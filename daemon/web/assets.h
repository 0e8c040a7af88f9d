#pragma once
// The console's static files, compiled into the binary at build time (embed_assets.cmake): the
// pages, their script and style, and Debian's Bootstrap. Each is served at its path with its
// content type, gzip-encoded to a browser that accepts it when that is smaller.

#include <optional>
#include <span>
#include <string_view>

namespace rectifyd::web {

struct EmbeddedFile {
  std::string_view path;  ///< "/index.html", "/js/core.js", "/vendor/bootstrap.min.css"
  std::string_view body;
  std::string_view gzip;  ///< empty when gzip would not help
};

std::span<const EmbeddedFile> embedded_files();

struct Asset {
  const EmbeddedFile* file = nullptr;
  std::string_view content_type;
};

/// The file served at `path` ("/" is /index.html); nullopt when there is none.
std::optional<Asset> find_asset(std::string_view path);

/// The content type of a file by its extension.
std::string_view content_type_of(std::string_view path);

}  // namespace rectifyd::web
