// The name an uploaded file is shown and downloaded under, made from the name the browser sent
// (which is whatever the sender typed or crafted, ASVS 4.0.3 12.3.1): never a path (the part
// after the last '/' or '\' only, no ".." left), no control characters, NUL, bidirectional
// overrides or characters that file systems and headers treat specially (<>:"|?*;), valid
// UTF-8, at most `max_chars` characters, and ending with the extension of the kind the bytes
// are (file_kind.h): "../../etc/passwd" as a PDF becomes "passwd.pdf", "scan.JPEG" stays
// "scan.JPEG", "notes.txt" that is a PNG becomes "notes.txt.png". The file is never stored
// under this name (file_store.h uses random names). Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/uploads/file_kind.h"

namespace lumbung::uploads {

inline constexpr std::size_t kMaxDisplayNameChars = 80;

// `fallback_stem` is used when nothing of the name is left ("lampiran" -> "lampiran.pdf").
std::string SafeDisplayName(std::string_view uploaded, FileKind kind,
                            std::string_view fallback_stem = "file",
                            std::size_t max_chars = kMaxDisplayNameChars);

// The uploaded name cleaned the same way, extension untouched, for messages about a file that
// was refused ("scan.pdf is not a PDF, JPEG or PNG"); never empty ("?" when nothing is left).
std::string CleanUploadedName(std::string_view uploaded,
                              std::size_t max_chars = kMaxDisplayNameChars);

}  // namespace lumbung::uploads
