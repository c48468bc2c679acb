// Whole numbers out of a soci::row, whichever integer type the backend reports for the column:
// SQLite and PostgreSQL differ (INTEGER, BIGINT, SMALLINT, COUNT(*), expressions), and
// soci::row::get<T> throws std::bad_cast unless T is exactly that type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace soci {
class row;
}

namespace lumbung::db {

// The column's value as a 64-bit integer; throws std::bad_cast for a non-numeric column.
std::int64_t RowInt(const soci::row& row, std::size_t column);
// The same, nullopt for NULL.
std::optional<std::int64_t> RowMaybeInt(const soci::row& row, std::size_t column);
// The column's text, "" for NULL.
std::string RowText(const soci::row& row, std::size_t column);

}  // namespace lumbung::db
