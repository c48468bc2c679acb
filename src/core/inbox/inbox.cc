#include "core/inbox/inbox.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/http/url.h"

namespace lumbung::inbox {
namespace {

constexpr std::size_t kMaxMessageIdBytes = 100;
constexpr std::size_t kMaxValueNameBytes = 32;
constexpr std::size_t kMaxSourceBytes = 64;
constexpr std::size_t kMaxStateBytes = 1000;
// Far beyond any real inbox; keeps the OFFSET arithmetic small.
constexpr int kMaxPage = 1'000'000;

bool IsLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// A lowercase letter, then lowercase letters, digits and `punctuation`.
bool IsName(std::string_view name, std::size_t max_bytes, std::string_view punctuation) {
  if (name.empty() || name.size() > max_bytes || !IsLower(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) {
    return IsLower(c) || IsDigit(c) || punctuation.find(c) != std::string_view::npos;
  });
}

bool HasControlCharacters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

bool IsDedupeKey(std::string_view key) {
  return key.size() <= kMaxDedupeKeyBytes &&
         std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string ValuesJson(const std::map<std::string, std::string>& values) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [name, value] : values) object[name] = value;
  return object.dump();
}

// Tolerant of what it did not write: anything but a JSON object gives no values.
std::map<std::string, std::string> ParseValuesJson(const std::string& text) noexcept {
  std::map<std::string, std::string> values;
  try {
    const nlohmann::json object = nlohmann::json::parse(text);
    if (!object.is_object()) return values;
    for (const auto& [name, value] : object.items()) {
      values[name] = value.is_string() ? value.get<std::string>() : value.dump();
    }
  } catch (const std::exception&) {
    values.clear();
  }
  return values;
}

// Runs an UPDATE and returns how many rows it changed.
long long AffectedRows(soci::statement& statement) {
  statement.execute(true);
  return statement.get_affected_rows();
}

}  // namespace

const std::vector<std::string_view>& Categories() {
  static const std::vector<std::string_view> categories = {
      kContributions, kPayments, kClaims, kAnnouncements, kSupport, kTraining, kSecurity};
  return categories;
}

bool IsCategory(std::string_view category) {
  const auto& all = Categories();
  return std::find(all.begin(), all.end(), category) != all.end();
}

void Validate(const InboxItem& item) {
  if (item.account_id <= 0) throw std::invalid_argument("inbox: account_id must be positive");
  if (!IsCategory(item.category)) throw std::invalid_argument("inbox: unknown category");
  if (!IsName(item.message_id, kMaxMessageIdBytes, "_.")) {
    throw std::invalid_argument("inbox: message_id must be 1..100 of [a-z0-9_.]");
  }
  if (item.values.size() > kMaxValues) throw std::invalid_argument("inbox: too many values");
  for (const auto& [name, value] : item.values) {
    if (!IsName(name, kMaxValueNameBytes, "_")) {
      throw std::invalid_argument("inbox: a value name must be 1..32 of [a-z0-9_]");
    }
    if (value.size() > kMaxValueBytes || !http::IsValidUtf8(value) || HasControlCharacters(value)) {
      throw std::invalid_argument("inbox: value '" + name +
                                  "' is too long, not UTF-8 or has control characters");
    }
  }
  if (!item.link.empty() && (item.link.size() > kMaxLinkBytes || !http::IsLocalPath(item.link) ||
                             !http::IsValidUtf8(item.link) || HasControlCharacters(item.link) ||
                             item.link.find(' ') != std::string::npos)) {
    throw std::invalid_argument("inbox: link must be a local path");
  }
  if (!IsDedupeKey(item.dedupe_key)) {
    throw std::invalid_argument("inbox: dedupe_key must be up to 200 printable ASCII characters");
  }
  if (item.created_at < 0) throw std::invalid_argument("inbox: created_at must not be negative");
}

std::optional<std::int64_t> Notify(const Notifier& notify, soci::session& sql,
                                   const InboxItem& item) {
  return notify ? notify(sql, item) : Post(sql, item);
}

std::optional<std::int64_t> Post(soci::session& sql, const InboxItem& item) {
  Validate(item);
  long long account = item.account_id;
  long long created = item.created_at ? item.created_at : NowSeconds();
  const std::string values = ValuesJson(item.values);
  soci::indicator key_indicator = item.dedupe_key.empty() ? soci::i_null : soci::i_ok;
  long long id = 0;
  // ON CONFLICT DO NOTHING: a concurrent post of the same key waits for the first to commit
  // (PostgreSQL) or for the write lock (SQLite), then writes nothing and returns no row.
  sql << "INSERT INTO inbox_items (account_id, category, message_id, message_values, link,"
         " created_at, dedupe_key) VALUES (:account, :category, :message, :message_values,"
         " :link, :created, :dedupe) ON CONFLICT (account_id, dedupe_key) DO NOTHING"
         " RETURNING id",
      soci::use(account), soci::use(item.category), soci::use(item.message_id), soci::use(values),
      soci::use(item.link), soci::use(created), soci::use(item.dedupe_key, key_indicator),
      soci::into(id);
  if (!sql.got_data()) return std::nullopt;
  return static_cast<std::int64_t>(id);
}

std::int64_t UnreadCount(soci::session& sql, std::int64_t account_id) {
  long long account = account_id, count = 0;
  sql << "SELECT COUNT(*) FROM inbox_items WHERE account_id = :account AND read_at IS NULL",
      soci::use(account), soci::into(count);
  return count;
}

ItemPage List(soci::session& sql, std::int64_t account_id, int page, int page_size) {
  ItemPage result;
  page = std::clamp(page, 1, kMaxPage);
  page_size = std::clamp(page_size, 1, kMaxPageSize);
  long long account = account_id, total = 0;
  sql << "SELECT COUNT(*) FROM inbox_items WHERE account_id = :account", soci::use(account),
      soci::into(total);
  result.total = total;
  result.has_newer = page > 1;
  result.has_older = total > static_cast<long long>(page) * page_size;

  long long offset = static_cast<long long>(page - 1) * page_size, limit = page_size;
  long long id = 0, created = 0, read = 0;
  std::string category, message, values, link, dedupe;
  soci::indicator read_indicator = soci::i_null, dedupe_indicator = soci::i_null;
  // The index (account_id, created_at, id) serves both the filter and the order.
  soci::statement select =
      (sql.prepare << "SELECT id, category, message_id, message_values, link, created_at,"
                      " read_at, dedupe_key FROM inbox_items WHERE account_id = :account"
                      " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset",
       soci::use(account), soci::use(limit), soci::use(offset), soci::into(id),
       soci::into(category), soci::into(message), soci::into(values), soci::into(link),
       soci::into(created), soci::into(read, read_indicator), soci::into(dedupe, dedupe_indicator));
  select.execute();
  while (select.fetch()) {
    InboxItem& item = result.items.emplace_back();
    item.id = id;
    item.account_id = account_id;
    item.category = category;
    item.message_id = message;
    item.values = ParseValuesJson(values);
    item.link = link;
    item.created_at = created;
    if (read_indicator == soci::i_ok) item.read_at = read;
    if (dedupe_indicator == soci::i_ok) item.dedupe_key = dedupe;
  }
  return result;
}

bool MarkRead(soci::session& sql, std::int64_t account_id, std::int64_t item_id, std::int64_t now) {
  long long account = account_id, id = item_id, at = now;
  soci::statement update =
      (sql.prepare << "UPDATE inbox_items SET read_at = :now WHERE id = :id AND"
                      " account_id = :account AND read_at IS NULL",
       soci::use(at), soci::use(id), soci::use(account));
  if (AffectedRows(update) > 0) return true;
  // Already read, another account's, or none at all: only the first is the caller's.
  long long found = 0;
  sql << "SELECT COUNT(*) FROM inbox_items WHERE id = :id AND account_id = :account", soci::use(id),
      soci::use(account), soci::into(found);
  return found > 0;
}

int MarkAllRead(soci::session& sql, std::int64_t account_id, std::int64_t now) {
  long long account = account_id, at = now;
  soci::statement update =
      (sql.prepare << "UPDATE inbox_items SET read_at = :now WHERE account_id = :account AND"
                      " read_at IS NULL",
       soci::use(at), soci::use(account));
  return static_cast<int>(AffectedRows(update));
}

std::optional<std::string> LoadMark(soci::session& sql, std::int64_t account_id,
                                    std::string_view source) {
  long long account = account_id;
  const std::string name(source);
  std::string state;
  sql << "SELECT state FROM inbox_marks WHERE account_id = :account AND source = :source",
      soci::use(account), soci::use(name), soci::into(state);
  if (!sql.got_data()) return std::nullopt;
  return state;
}

void SaveMark(soci::session& sql, std::int64_t account_id, std::string_view source,
              std::string_view state, std::int64_t now) {
  if (account_id <= 0) throw std::invalid_argument("inbox: account_id must be positive");
  if (!IsName(source, kMaxSourceBytes, "_.-")) {
    throw std::invalid_argument("inbox: mark source must be 1..64 of [a-z0-9_.-]");
  }
  if (state.size() > kMaxStateBytes || !http::IsValidUtf8(state)) {
    throw std::invalid_argument("inbox: mark state must be UTF-8, up to 1000 bytes");
  }
  long long account = account_id, at = now;
  const std::string name(source), text(state);
  sql << "INSERT INTO inbox_marks (account_id, source, state, updated_at) VALUES (:account,"
         " :source, :state, :now) ON CONFLICT (account_id, source) DO UPDATE SET"
         " state = excluded.state, updated_at = excluded.updated_at",
      soci::use(account), soci::use(name), soci::use(text), soci::use(at);
}

}  // namespace lumbung::inbox
