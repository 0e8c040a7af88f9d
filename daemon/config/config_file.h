#pragma once
// Replacing the configuration file safely: the new text goes to a temporary file in the same
// directory, is flushed to disk, renamed over the file and the directory is flushed, so a crash
// leaves either the old file or the new one, never half of either. The previous file is kept
// beside it as "<file>.bak".

#include <string>
#include <string_view>

#include "core/atomic_file.h"
#include "core/result.h"

namespace rectifyd::config {

/// Writes `text` as the new content of `path` (keeping the old file's permission bits) and the
/// old content as `path`.bak. On error the file is unchanged.
Status replace_file_atomically(const std::string& path, std::string_view text);

/// Puts `path`.bak back as `path` (atomically, the same way).
Status restore_backup(const std::string& path);

}  // namespace rectifyd::config
