// Photos and scans people upload (e-KTP, family card, bank book page) are decoded and written
// again before anything keeps them, so what is stored is only pixels (ASVS 4.0.3 12.2.1,
// 8.3.8):
//   - no metadata survives: EXIF (with the phone's GPS position, its owner's name, the camera's
//     serial number), XMP, IPTC, ICC profiles, comments and PNG text chunks are all dropped;
//   - nothing hidden after the image (a script appended to a JPEG, a ZIP behind a PNG) and no
//     crafted segment that could trouble a viewer reaches staff's screens;
//   - the phone's orientation is applied to the pixels first, so a photo taken sideways still
//     shows upright once its EXIF orientation is gone.
// A JPEG stays a JPEG (at `jpeg_quality`) and a PNG stays a PNG.
//
// Sizes are checked from the header, before a single pixel is decoded: a "decompression bomb"
// (a few kilobytes of PNG that would decode to 20000 x 20000 pixels) is refused without the
// gigabytes it would take. Only libvips' JPEG and PNG loaders are ever used, on the kind the
// caller already judged by content (file_kind.h); every other libvips loader is switched off in
// this process, so no other format can be reached through these bytes.
//
// Thread-safe: libvips is set up once per process (one worker thread per image, no operation
// cache: a server handles many small images, each once).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/uploads/file_kind.h"

namespace lumbung::uploads {

// Largest image accepted (configuration: uploads.image_max_width, uploads.image_max_height,
// uploads.image_max_pixels). Decoding takes about width x height x 4 bytes of memory.
struct ImageLimits {
  std::int64_t max_width = 10000;
  std::int64_t max_height = 10000;
  std::int64_t max_pixels = 50'000'000;
};

enum class ImageProblem {
  kNone,
  kDamaged,        // the decoder refused it (truncated, corrupt data, not really this kind)
  kTooManyPixels,  // wider, taller or larger than the limits (decided from the header)
};

struct SanitizedImage {
  ImageProblem problem = ImageProblem::kNone;
  std::string bytes;  // the re-encoded image when ok()
  int width = 0;      // as stored (after the orientation was applied)
  int height = 0;
  bool ok() const { return problem == ImageProblem::kNone; }
};

// Decodes `bytes` as `kind` (kJpeg or kPng; kPdf throws std::invalid_argument) within `limits`
// and encodes it again without metadata. `jpeg_quality` is 1..100 (configuration:
// uploads.jpeg_quality). Throws std::runtime_error only when libvips cannot start or cannot
// encode an image it decoded.
SanitizedImage SanitizeImage(std::string_view bytes, FileKind kind, const ImageLimits& limits,
                             int jpeg_quality);

// "damaged", "too_many_pixels" ("" for kNone): for catalog ids (uploads.problem_<name>).
std::string_view ImageProblemName(ImageProblem problem);

// Sets libvips up for this process if it is not yet (also done by SanitizeImage). Throws
// std::runtime_error when it cannot start.
void EnsureImageLibrary();

}  // namespace lumbung::uploads
