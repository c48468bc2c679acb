#include "core/jobs/jobs.h"

#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>

namespace lumbung::jobs {
namespace {

constexpr std::size_t kMaxPayloadBytes = 64 * 1024;
constexpr std::size_t kMaxKindBytes = 64;
constexpr std::size_t kMaxDedupeKeyBytes = 200;

const char* const kColumns =
    "SELECT id, kind, payload, state, cursor, done, total, attempts, claimed_by, lease_until, "
    "heartbeat_at, run_after, created_at, started_at, finished_at, last_error FROM jobs ";

std::optional<std::int64_t> OptionalInt(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return row.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<std::int64_t>(row.get<double>(i));
    default:
      return std::stoll(row.get<std::string>(i));
  }
}

std::string OptionalText(const soci::row& row, std::size_t i) {
  return row.get_indicator(i) == soci::i_null ? std::string() : row.get<std::string>(i);
}

Job FromRow(const soci::row& row) {
  Job job;
  job.id = *OptionalInt(row, 0);
  job.kind = row.get<std::string>(1);
  job.payload = row.get<std::string>(2);
  job.state = row.get<std::string>(3);
  job.cursor = OptionalText(row, 4);
  job.done = OptionalInt(row, 5).value_or(0);
  job.total = OptionalInt(row, 6);
  job.attempts = static_cast<int>(OptionalInt(row, 7).value_or(0));
  job.claimed_by = OptionalText(row, 8);
  job.lease_until = OptionalInt(row, 9);
  job.heartbeat_at = OptionalInt(row, 10);
  job.run_after = OptionalInt(row, 11).value_or(0);
  job.created_at = OptionalInt(row, 12).value_or(0);
  job.started_at = OptionalInt(row, 13);
  job.finished_at = OptionalInt(row, 14);
  job.last_error = OptionalText(row, 15);
  return job;
}

}  // namespace

void Validate(const NewJob& job) {
  if (job.kind.empty() || job.kind.size() > kMaxKindBytes ||
      !std::all_of(job.kind.begin(), job.kind.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      })) {
    throw std::invalid_argument("jobs: kind must be 1..64 of [a-z0-9_.-]");
  }
  if (job.payload.empty() || job.payload.size() > kMaxPayloadBytes) {
    throw std::invalid_argument("jobs: payload must be 1 byte to 64 KiB of JSON");
  }
  if (job.dedupe_key.size() > kMaxDedupeKeyBytes ||
      !std::all_of(job.dedupe_key.begin(), job.dedupe_key.end(),
                   [](char c) { return c > 0x20 && c < 0x7f; })) {
    throw std::invalid_argument("jobs: dedupe_key must be up to 200 printable ASCII characters");
  }
}

std::int64_t Enqueue(soci::session& sql, const NewJob& job, std::int64_t now) {
  Validate(job);
  if (!job.dedupe_key.empty()) {
    if (auto existing = FindByKey(sql, job.dedupe_key)) return existing->id;
  }
  const std::string queued(kQueued);
  const long long now_value = now;
  soci::indicator key_indicator = job.dedupe_key.empty() ? soci::i_null : soci::i_ok;
  long long id = 0;
  soci::indicator id_indicator = soci::i_null;
  // ON CONFLICT: two requests enqueueing the same key at once leave one row on both databases.
  sql << "INSERT INTO jobs (kind, payload, state, run_after, created_at, dedupe_key) "
         "VALUES (:kind, :payload, :state, :run_after, :created_at, :dedupe_key) "
         "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
      soci::use(job.kind), soci::use(job.payload), soci::use(queued), soci::use(now_value),
      soci::use(now_value), soci::use(job.dedupe_key, key_indicator), soci::into(id, id_indicator);
  if (sql.got_data() && id_indicator == soci::i_ok) return id;
  if (auto existing = FindByKey(sql, job.dedupe_key)) return existing->id;
  throw std::runtime_error("jobs: enqueued job not found");
}

std::optional<Job> Find(soci::session& sql, std::int64_t id) {
  const long long id_value = id;
  soci::row row;
  sql << std::string(kColumns) + "WHERE id = :id", soci::use(id_value), soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  return FromRow(row);
}

std::optional<Job> FindByKey(soci::session& sql, std::string_view dedupe_key) {
  const std::string key(dedupe_key);
  soci::row row;
  sql << std::string(kColumns) + "WHERE dedupe_key = :key", soci::use(key), soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  return FromRow(row);
}

std::optional<int> PercentDone(const Job& job) {
  if (!job.total) return std::nullopt;
  if (*job.total <= 0) return 100;
  const std::int64_t done = std::clamp<std::int64_t>(job.done, 0, *job.total);
  return static_cast<int>(done * 100 / *job.total);
}

AfterFailure DecideAfterFailure(int attempts, int max_attempts) {
  if (attempts >= max_attempts) return {kFailed, 0};
  std::int64_t delay = 30;
  for (int i = 1; i < attempts && delay < 3600; ++i) delay *= 4;
  return {kQueued, std::min<std::int64_t>(delay, 3600)};
}

}  // namespace lumbung::jobs
