#include "store/evidence_store.h"

#include <fcntl.h>
#include <magic.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "ledger_io/utf8.h"

namespace rectifyd::store {
namespace {

struct MagicCloser {
  void operator()(magic_t m) const { magic_close(m); }
};

}  // namespace

std::string human_size(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
    return std::to_string(bytes >> 20) + " MB";
  if (bytes >= 1024)
    return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " 字节";
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

std::string sniff_media_type(std::string_view content) {
  // One cookie per call: uploads are rare and a cookie is not to be shared between threads.
  std::unique_ptr<struct magic_set, MagicCloser> m(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR));
  if (!m || magic_load(m.get(), nullptr) != 0)
    return {};
  const char* t = magic_buffer(m.get(), content.data(), content.size());
  return t ? std::string(t) : std::string();
}

bool evidence_type_allowed(std::string_view t) {
  static constexpr std::array<std::string_view, 16> kAllowed = {
      "image/jpeg",
      "image/png",
      "image/gif",
      "image/webp",
      "image/heic",
      "image/heif",
      "image/bmp",
      "image/tiff",
      "application/pdf",
      "application/msword",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      // WPS's own .wps / .et files and older Office files are OLE compound documents.
      "application/vnd.ms-office",
      "application/x-ole-storage",
      "application/CDFV2",
  };
  for (auto a : kAllowed) {
    if (t == a)
      return true;
  }
  return false;
}

std::string clean_file_name(std::string_view name) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
    name.remove_prefix(slash + 1);
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f)
      continue;
    out += static_cast<char>(c);
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' '))
    out.erase(out.begin());
  if (out.size() > 120) {
    std::size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
      --cut;
    out.resize(cut);
  }
  if (out.empty())
    return "附件";
  return ledger_io::replace_invalid_utf8(out);
}

Result<std::vector<CheckedFile>> check_uploads(const std::vector<Upload>& uploads,
                                               const EvidenceLimits& limits) {
  std::vector<CheckedFile> out;
  std::size_t counted = 0;
  for (const auto& u : uploads) {
    if (!u.file_name.empty() || !u.content.empty())
      ++counted;
  }
  if (counted > static_cast<std::size_t>(limits.max_files))
    return Error{"一次最多上传 " + std::to_string(limits.max_files) + " 个文件，本次选了 " +
                     std::to_string(counted) + " 个",
                 ErrorKind::invalid, "/files"};
  int index = 0;
  for (const auto& u : uploads) {
    if (u.file_name.empty() && u.content.empty())
      continue;  // the empty file input of a form sent without a file
    ++index;
    const std::string where = "/files/" + std::to_string(index);
    const std::string name = clean_file_name(u.file_name);
    if (u.content.empty())
      return Error{"文件“" + name + "”是空的", ErrorKind::invalid, where};
    if (u.content.size() > limits.max_bytes)
      return Error{"文件“" + name + "”超过 " + human_size(limits.max_bytes) + " 的上限",
                   ErrorKind::invalid, where};
    std::string type = sniff_media_type(u.content);
    if (!evidence_type_allowed(type))
      return Error{"文件“" + name + "”不是照片、PDF 或 Word / Excel / WPS 文档（按内容识别为 " +
                       (type.empty() ? std::string("未知类型") : type) + "），未保存",
                   ErrorKind::invalid, where};
    out.push_back(CheckedFile{name, std::move(type), sha256_hex(u.content), &u.content});
  }
  return out;
}

Status EvidenceStore::put(const CheckedFile& f) {
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  if (ec)
    return Error{"无法创建佐证材料目录 " + folder_.string() + "：" + ec.message(),
                 ErrorKind::internal};
  const auto target = folder_ / f.sha256;
  if (std::filesystem::exists(target, ec))
    return ok_status();
  const auto tmp = folder_ / (f.sha256 + ".part");
  {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0)
      return Error{"无法写入佐证材料：" + std::string(std::strerror(errno)), ErrorKind::internal};
    const std::string& data = *f.content;
    std::size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n < 0) {
        if (errno == EINTR)
          continue;
        const std::string why = std::strerror(errno);
        ::close(fd);
        std::filesystem::remove(tmp, ec);
        return Error{"无法写入佐证材料：" + why, ErrorKind::internal};
      }
      done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
      std::filesystem::remove(tmp, ec);
      return Error{"无法写入佐证材料：" + std::string(std::strerror(errno)), ErrorKind::internal};
    }
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec)
    return Error{"无法保存佐证材料：" + ec.message(), ErrorKind::internal};
  return ok_status();
}

Result<std::string> EvidenceStore::read(std::string_view sha256) const {
  if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
    return Error{"没有这个文件", ErrorKind::not_found};
  std::ifstream in(folder_ / std::string(sha256), std::ios::binary);
  if (!in)
    return Error{"没有这个文件", ErrorKind::not_found};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace rectifyd::store
