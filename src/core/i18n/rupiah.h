// Rupiah amounts as people read them: "Rp 1.234.567" (id) and "Rp 1,234,567" (en).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lumbung::i18n {

// Negative amounts read "-Rp 1.234". Unknown languages format as Indonesian.
std::string FormatRupiah(std::int64_t amount, std::string_view lang);

}  // namespace lumbung::i18n
