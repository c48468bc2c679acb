#include "core/view/mask.h"

namespace lumbung::view {

std::string MaskName(std::string_view full_name) {
  std::string out;
  bool word_start = true;
  for (std::size_t i = 0; i < full_name.size();) {
    const unsigned char lead = static_cast<unsigned char>(full_name[i]);
    std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (i + n > full_name.size()) n = full_name.size() - i;
    const char c = full_name[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      word_start = true;
    } else if (word_start) {
      if (!out.empty()) out += ' ';
      out += full_name.substr(i, n);
      out += "***";
      word_start = false;
    }
    i += n;
  }
  return out;
}

std::string MaskNik(std::string_view nik) {
  if (nik.empty()) return "";
  const std::string hidden = "•••• •••• •••• ";
  if (nik.size() < 8) return hidden + "••••";
  return hidden + std::string(nik.substr(nik.size() - 4));
}

}  // namespace lumbung::view
