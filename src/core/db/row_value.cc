#include "core/db/row_value.h"

#include <soci/soci.h>

#include <cmath>
#include <string>
#include <typeinfo>

namespace lumbung::db {

std::int64_t RowInt(const soci::row& row, std::size_t column) {
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(column);
    case soci::dt_long_long:
      return row.get<long long>(column);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(row.get<unsigned long long>(column));
    case soci::dt_double:
      return static_cast<std::int64_t>(std::llround(row.get<double>(column)));
    case soci::dt_string:
      return std::stoll(row.get<std::string>(column));
    default:
      throw std::bad_cast();
  }
}

std::optional<std::int64_t> RowMaybeInt(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return RowInt(row, column);
}

std::string RowText(const soci::row& row, std::size_t column) {
  return row.get_indicator(column) == soci::i_null ? std::string() : row.get<std::string>(column);
}

}  // namespace lumbung::db
