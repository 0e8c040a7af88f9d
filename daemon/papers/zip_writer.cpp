#include "papers/zip_writer.h"

#include <cstdio>
#include <filesystem>

#include <zip.h>

namespace rectifyd::papers {

void ZipWriter::add(std::string name, std::string content) {
  parts_.emplace_back(std::move(name), std::move(content));
}

Status ZipWriter::write(const std::string& path) const {
  const std::string tmp = path + ".tmp";
  int err = 0;
  zip_t* z = zip_open(tmp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr)
    return Error{"无法写入文件 " + path + "（cannot write " + path + "）"};
  auto fail = [&](const std::string& why) {
    zip_discard(z);
    std::remove(tmp.c_str());
    return Error{"写入文件 " + path + " 时出错（" + why + "）"};
  };
  for (const auto& [name, content] : parts_) {
    // The buffers stay alive in parts_ until zip_close has read them.
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    if (src == nullptr)
      return fail(zip_strerror(z));
    if (zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(src);
      return fail(zip_strerror(z));
    }
  }
  if (zip_close(z) != 0) {
    std::string why = zip_strerror(z);
    zip_discard(z);
    std::remove(tmp.c_str());
    return Error{"写入文件 " + path + " 时出错（" + why + "）"};
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return Error{"无法写入文件 " + path + "：" + ec.message()};
  }
  return ok_status();
}

}  // namespace rectifyd::papers
