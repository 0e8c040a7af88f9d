#pragma once
// Evidence files owners upload with a report of done: checked against the configured size and
// count limits, their type read from their content (libmagic, never from the name or the
// browser's claim) and allowed only for photos, PDF and Word / Excel / WPS documents, then
// kept in the evidence folder under the lower-case hex SHA-256 of their content. The name they
// were uploaded with is kept only as a label (cleaned: no folders, no control characters), so
// nothing a sender writes can place a file anywhere but that folder.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rectifyd::store {

struct Upload {
  std::string file_name;  ///< as the browser sent it
  std::string content;
};

struct EvidenceLimits {
  std::size_t max_bytes = 10 << 20;
  int max_files = 5;
};

struct CheckedFile {
  std::string name;                      ///< cleaned original name
  std::string media_type;                ///< as sniffed: "image/jpeg", "application/pdf"…
  std::string sha256;                    ///< hex
  const std::string* content = nullptr;  ///< the upload's bytes: the uploads must outlive this
};

/// The media type libmagic reads from the bytes ("text/html", "image/png"…); empty when it
/// cannot say.
std::string sniff_media_type(std::string_view content);

/// True for the kinds of evidence accepted: images, PDF, Word, Excel and WPS documents.
bool evidence_type_allowed(std::string_view media_type);

/// The name as a label: the part after the last / or \, without control characters, at most
/// 120 bytes of whole UTF-8 characters; "附件" when nothing is left.
std::string clean_file_name(std::string_view name);

/// Checks every upload (the count, each size and type) and says which file is refused and why,
/// naming the form field ("/files/2"); all or nothing.
Result<std::vector<CheckedFile>> check_uploads(const std::vector<Upload>& uploads,
                                               const EvidenceLimits& limits);

class EvidenceStore {
 public:
  explicit EvidenceStore(std::filesystem::path folder) : folder_(std::move(folder)) {}

  /// Writes the content as <folder>/<sha256> (written whole to a temporary name, then renamed;
  /// a file already there with that name has that content and is kept).
  Status put(const CheckedFile& f);
  /// The file of a hash; an error for anything that is not 64 hex digits or not stored.
  Result<std::string> read(std::string_view sha256) const;
  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_;
};

/// The hex SHA-256 of bytes.
std::string sha256_hex(std::string_view bytes);

/// "10 MB", "4 KB", "512 字节": a file limit as people read it.
std::string human_size(std::size_t bytes);

}  // namespace rectifyd::store
