#include "subsidy/eligibility.h"

#include <algorithm>
#include <cstdio>

#include "core/i18n/day_text.h"
#include "core/i18n/rupiah.h"
#include "registry/nik.h"

namespace lumbung::subsidy {
namespace {

// Builds a Reason with its placeholder values.
class Because {
 public:
  Because(std::string code, bool blocks) {
    reason_.code = std::move(code);
    reason_.blocks = blocks;
  }
  Because& Text(const std::string& key, std::string value) {
    reason_.text[key] = std::move(value);
    return *this;
  }
  Because& On(const std::string& key, Date value) {
    reason_.dates[key] = value;
    return *this;
  }
  Because& Amount(const std::string& key, Rupiah value) {
    reason_.amounts[key] = value;
    return *this;
  }
  Because& Number(const std::string& key, long long value) {
    reason_.numbers[key] = value;
    return *this;
  }
  operator Reason() const { return reason_; }

 private:
  Reason reason_;
};

std::string IsoText(Date day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace

bool SubsidyDecision::Has(std::string_view code) const {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const Reason& r) { return r.code == code; });
}

std::vector<std::string> SubsidyDecision::Codes() const {
  std::vector<std::string> codes;
  for (const Reason& r : reasons) codes.push_back(r.code);
  return codes;
}

bool ActiveOn(const Job& job, Date day) {
  return job.start <= day && (!job.end || *job.end >= day);
}

SubsidyDecision Decide(const Program& program, const SubsidyFacts& facts,
                       const MinimumWages& minimum_wages) {
  SubsidyDecision d;
  d.year = program.year;
  auto add = [&](Reason reason, std::initializer_list<std::string_view> fields = {}) {
    // A rule whose figure or wording has no primary source makes the decision unverified.
    for (std::string_view field : fields) {
      if (!program.IsVerified(field)) d.verified = false;
    }
    d.reasons.push_back(std::move(reason));
  };

  if (program.citizens_only) {
    const bool citizen = registry::CheckNikStructure(facts.nik) == registry::NikProblem::kNone;
    add(Because(citizen ? "citizen" : "not_citizen", !citizen), {"citizens_only"});
  }

  if (program.wage_earners_only) {
    add(Because(facts.wage_earner ? "wage_earner" : "not_wage_earner", !facts.wage_earner),
        {"wage_earners_only"});
  }

  std::vector<const Job*> active;
  for (const Job& job : facts.jobs) {
    if (ActiveOn(job, program.cutoff)) active.push_back(&job);
  }
  d.active_jobs = static_cast<int>(active.size());
  if (active.empty()) {
    add(Because("not_active_on_cutoff", true).On("cutoff", program.cutoff), {"cutoff"});
  } else {
    add(Because("active_on_cutoff", false)
            .On("cutoff", program.cutoff)
            .Number("jobs", static_cast<long long>(active.size())),
        {"cutoff"});

    bool all_reported = true;
    for (const Job* job : active) {
      if (!job->cutoff_month_wage) {
        all_reported = false;
        add(Because("no_wage_reported", true)
                .Text("employer", job->employer_name)
                .On("cutoff", program.cutoff));
      }
    }
    // The highest limit among the places the member works (see the header for why).
    WageLimit limit;
    bool first = true;
    for (const Job* job : active) {
      WageLimit here = EffectiveWageLimit(program, job->workplace, minimum_wages);
      if (first || here.amount > limit.amount) limit = here;
      first = false;
      if (here.minimum_wage_unknown && !d.Has("minimum_wage_unknown")) {
        add(Because("minimum_wage_unknown", false).Amount("ceiling", program.wage_ceiling));
      }
    }
    d.wage_limit = limit.amount;
    if (!limit.verified) d.verified = false;
    if (all_reported) {
      Rupiah wage = 0;
      for (const Job* job : active) wage += *job->cutoff_month_wage;
      d.wage = wage;
      if (active.size() > 1) {
        add(Because("wages_summed", false)
                .Number("jobs", static_cast<long long>(active.size()))
                .Amount("wage", wage));
      }
      const bool within = WithinLimit(program, wage, limit.amount);
      add(Because(within ? "wage_within_limit" : "wage_above_limit", !within)
              .Amount("wage", wage)
              .Amount("limit", limit.amount),
          {"wage_ceiling", "wage_compare"});
    }
  }

  if (!program.exclusions.empty()) {
    bool excluded = false;
    for (const std::string& list : program.exclusions) {
      if (std::find(facts.lists.begin(), facts.lists.end(), list) != facts.lists.end()) {
        excluded = true;
        add(Because("excluded_" + list, true), {"exclusions"});
      }
    }
    if (!excluded) add(Because("not_on_exclusion_lists", false), {"exclusions"});
  }

  // Where the member works is known only from an active job.
  if (!program.areas.empty() && !active.empty()) {
    const bool covered = std::any_of(active.begin(), active.end(), [&](const Job* job) {
      return program.Covers(job->workplace);
    });
    add(Because(covered ? "area_covered" : "area_not_covered", !covered), {"areas"});
  }

  const bool required = program.bank_account_required;
  switch (facts.bank_account) {
    case BankAccountState::kValid:
      add(Because("bank_account_valid", false));
      break;
    case BankAccountState::kNone:
      add(Because("no_bank_account", required), {"bank_account_required"});
      break;
    case BankAccountState::kShared:
      add(Because("bank_account_shared", required), {"bank_account_required"});
      break;
    case BankAccountState::kFlagged:
      add(Because("bank_account_flagged", required), {"bank_account_required"});
      break;
  }
  d.account_problem = facts.bank_account != BankAccountState::kValid;

  d.eligible =
      std::none_of(d.reasons.begin(), d.reasons.end(), [](const Reason& r) { return r.blocks; });
  return d;
}

std::vector<std::string> ReasonCodes(const Program& program) {
  std::vector<std::string> codes = {
      "citizen",          "not_citizen",          "wage_earner",          "not_wage_earner",
      "active_on_cutoff", "not_active_on_cutoff", "no_wage_reported",     "wage_within_limit",
      "wage_above_limit", "wages_summed",         "minimum_wage_unknown", "not_on_exclusion_lists"};
  for (const std::string& list : program.exclusions) codes.push_back("excluded_" + list);
  for (const char* code : {"area_covered", "area_not_covered", "bank_account_valid",
                           "no_bank_account", "bank_account_shared", "bank_account_flagged"}) {
    codes.push_back(code);
  }
  return codes;
}

std::string ExplainReason(const Reason& reason, const i18n::Catalogs& catalogs,
                          std::string_view lang) {
  std::map<std::string, std::string> values = reason.text;
  for (const auto& [key, day] : reason.dates) {
    values[key] = i18n::DayText(catalogs, lang, IsoText(day));
  }
  for (const auto& [key, amount] : reason.amounts) values[key] = i18n::FormatRupiah(amount, lang);
  for (const auto& [key, number] : reason.numbers) values[key] = std::to_string(number);
  return catalogs.Format(lang, reason.MessageId(), values);
}

}  // namespace lumbung::subsidy
