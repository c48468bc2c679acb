#include "core/uploads/image_sanitizer.h"

#include <vips/vips.h>

#include <mutex>
#include <stdexcept>

namespace lumbung::uploads {
namespace {

// One reference to a libvips image, released at the end of its scope.
class Image {
 public:
  Image() = default;
  explicit Image(VipsImage* image) : image_(image) {}
  ~Image() {
    if (image_) g_object_unref(image_);
  }
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;
  VipsImage* get() const { return image_; }
  VipsImage** out() { return &image_; }
  // Takes `next` in place of the image held now.
  void Replace(VipsImage* next) {
    if (image_) g_object_unref(image_);
    image_ = next;
  }

 private:
  VipsImage* image_ = nullptr;
};

// libvips keeps the last errors in one buffer for the process: what went wrong with one
// member's file must not turn up in the next message.
SanitizedImage Refuse(ImageProblem problem) {
  vips_error_clear();
  SanitizedImage out;
  out.problem = problem;
  return out;
}

// Header only: libvips loaders read the size and metadata when made and decode the pixels when
// someone first asks for them.
bool Load(std::string_view bytes, FileKind kind, Image* image) {
  void* data = const_cast<char*>(bytes.data());  // libvips reads it, never writes
  const int rc =
      kind == FileKind::kJpeg
          ? vips_jpegload_buffer(data, bytes.size(), image->out(), "fail_on", VIPS_FAIL_ON_ERROR,
                                 "access", VIPS_ACCESS_RANDOM, "memory", TRUE, nullptr)
          : vips_pngload_buffer(data, bytes.size(), image->out(), "fail_on", VIPS_FAIL_ON_ERROR,
                                "access", VIPS_ACCESS_RANDOM, "memory", TRUE, nullptr);
  return rc == 0 && image->get() != nullptr;
}

// Pixels in sRGB when the colours depended on a profile or were printing inks: the profile is
// dropped with the rest of the metadata, and staff's browsers show CMYK JPEGs badly.
bool ToDisplayColours(Image* image) {
  VipsImage* in = image->get();
  VipsImage* next = nullptr;
  if (vips_icc_present() && vips_image_get_typeof(in, VIPS_META_ICC_NAME) != 0) {
    if (vips_icc_transform(in, &next, "srgb", "embedded", TRUE, nullptr) == 0) {
      image->Replace(next);
      return true;
    }
    vips_error_clear();  // a broken profile: fall back to the plain conversion below
  }
  if (vips_image_get_interpretation(in) == VIPS_INTERPRETATION_CMYK) {
    if (vips_colourspace(in, &next, VIPS_INTERPRETATION_sRGB, nullptr) != 0) return false;
    image->Replace(next);
  }
  return true;
}

}  // namespace

void EnsureImageLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("lumbung") != 0) {
      const std::string why = vips_error_buffer();
      vips_error_clear();
      throw std::runtime_error("uploads: libvips did not start: " + why);
    }
    // libvips' warnings are about one member's file ("corrupt profile"); the verdict says what
    // matters, and the server's log is no place for them.
    g_log_set_handler(
        "VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE),
        [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
    // Requests run in parallel already; each image gets one thread and is seen once, so the
    // operation cache would only hold memory.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    // Only the two loaders used here, from memory: everything else libvips could read (and
    // the loaders libvips itself marks as unsafe for untrusted input) is off in this process.
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    vips_operation_block_set("VipsForeignLoadJpegBuffer", FALSE);
    vips_operation_block_set("VipsForeignLoadPngBuffer", FALSE);
  });
}

SanitizedImage SanitizeImage(std::string_view bytes, FileKind kind, const ImageLimits& limits,
                             int jpeg_quality) {
  if (kind == FileKind::kPdf) throw std::invalid_argument("uploads: SanitizeImage on a PDF");
  EnsureImageLibrary();
  if (bytes.empty()) return Refuse(ImageProblem::kDamaged);

  Image image;
  if (!Load(bytes, kind, &image)) return Refuse(ImageProblem::kDamaged);
  const std::int64_t width = vips_image_get_width(image.get());
  const std::int64_t height = vips_image_get_height(image.get());
  if (width <= 0 || height <= 0) return Refuse(ImageProblem::kDamaged);
  if (width > limits.max_width || height > limits.max_height ||
      width * height > limits.max_pixels) {
    return Refuse(ImageProblem::kTooManyPixels);
  }

  // The orientation the phone recorded goes into the pixels before the EXIF that held it goes.
  VipsImage* rotated = nullptr;
  if (vips_autorot(image.get(), &rotated, nullptr) != 0) return Refuse(ImageProblem::kDamaged);
  image.Replace(rotated);
  if (!ToDisplayColours(&image)) return Refuse(ImageProblem::kDamaged);

  // Every pixel decoded now: a decoder's complaint means a damaged file, not a failed save.
  VipsImage* decoded = vips_image_copy_memory(image.get());
  if (!decoded) return Refuse(ImageProblem::kDamaged);
  image.Replace(decoded);

  void* buffer = nullptr;
  std::size_t length = 0;
  const int quality = jpeg_quality < 1 ? 1 : jpeg_quality > 100 ? 100 : jpeg_quality;
  const int rc = kind == FileKind::kJpeg
                     ? vips_jpegsave_buffer(image.get(), &buffer, &length, "Q", quality, "strip",
                                            TRUE, "optimize_coding", TRUE, nullptr)
                     : vips_pngsave_buffer(image.get(), &buffer, &length, "strip", TRUE,
                                           "compression", 6, nullptr);
  if (rc != 0 || !buffer) {
    const std::string why = vips_error_buffer();
    vips_error_clear();
    g_free(buffer);
    throw std::runtime_error("uploads: cannot encode the image again: " + why);
  }
  SanitizedImage out;
  out.bytes.assign(static_cast<const char*>(buffer), length);
  g_free(buffer);
  out.width = vips_image_get_width(image.get());
  out.height = vips_image_get_height(image.get());
  return out;
}

std::string_view ImageProblemName(ImageProblem problem) {
  switch (problem) {
    case ImageProblem::kNone:
      return "";
    case ImageProblem::kDamaged:
      return "damaged";
    case ImageProblem::kTooManyPixels:
      return "too_many_pixels";
  }
  return "";
}

}  // namespace lumbung::uploads
