// The employer's workers as a wage report for one month is checked against them: every member
// who ever had a spell at this employer, by NIK and by KPJ, with whether a spell covers the month
// and the programs they are enrolled in there. Read once per upload (one query), then asked
// once per row without touching the database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "employers/report_validation.h"

namespace soci {
class session;
}

namespace lumbung::employers {

// "jht,jkp" -> only those programs; unknown words are ignored. The column
// employment_spells.programs holds this form.
Enrolment ParseEnrolment(std::string_view programs);
std::string EnrolmentText(const Enrolment& programs);

class WorkerDirectory {
 public:
  WorkerDirectory() = default;
  WorkerDirectory(WorkerDirectory&&) = default;  // the views stay valid: the buffer moves
  WorkerDirectory& operator=(WorkerDirectory&&) = default;
  WorkerDirectory(const WorkerDirectory&) = delete;
  WorkerDirectory& operator=(const WorkerDirectory&) = delete;

  static WorkerDirectory Load(soci::session& sql, std::int64_t employer_id, Month month);

  // The context for a ReportValidator; valid while this directory lives.
  ValidationContext Context(Rupiah regional_minimum_wage = 0) const;
  const KnownWorker* ById(WorkerId id) const;
  // Workers with a spell at this employer covering the month.
  std::vector<const KnownWorker*> EmployedInMonth() const;
  std::size_t size() const { return workers_.size(); }

 private:
  // Every worker's NIK, KPJ and name, one after the other in one buffer (written while the rows
  // are read, never after): the views of workers_ and the maps point into it.
  std::vector<char> text_;
  std::vector<KnownWorker> workers_;  // by member id (ById searches it)

  // Workers by NIK or by KPJ: open addressing over their positions in workers_ (4 bytes a
  // slot, no node per worker: a directory of a million workers is read per upload).
  class Lookup {
   public:
    void Build(const std::vector<KnownWorker>& workers, std::string_view KnownWorker::*key);
    // nullptr when no worker has `value`; the first one read when several have.
    const KnownWorker* Find(const std::vector<KnownWorker>& workers,
                            std::string_view KnownWorker::*key, std::string_view value) const;

   private:
    std::vector<std::uint32_t> slots_;  // position + 1; 0 is empty
  };
  Lookup by_nik_, by_kpj_;
};

}  // namespace lumbung::employers
