#pragma once
// Files replaced whole: the new content goes to a temporary file in the same directory, is
// flushed to disk, renamed over the file, and the directory is flushed, so a crash leaves the
// old file or the new one, never half of either.

#include <sys/types.h>

#include <string>
#include <string_view>

#include "core/result.h"

namespace rectifyd {

/// Reads the whole file; the error names it.
Result<std::string> read_text_file(const std::string& path);

/// Makes `text` the content of `path` with permission bits `mode`. On error the file is as it
/// was and no temporary file is left.
Status write_file_atomically(const std::string& path, std::string_view text, mode_t mode = 0644);

}  // namespace rectifyd
