// Who may join a training programme's session: the programme's requirements against what the
// registry and the member say, each requirement answered with a reason in plain words (catalog
// id and values), met or not, so the page explains every one. Pure: no I/O.
//
// The requirements (all optional):
//   - an age range, counted on the session's first day (min_age, max_age; 0: no limit);
//   - active membership (the registry's members.status is 'active');
//   - a least education level the member states when applying (sd < smp < sma < d3 < s1 < s2);
//   - JKP recipients first: not a condition but an order. Members receiving the job-loss
//     benefit go ahead of everyone else on the session's waiting list (`priority`).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::training {

// Education levels, lowest first; "" is "none stated" and below every level.
const std::vector<std::string_view>& EducationLevels();
bool IsEducationLevel(std::string_view level);
// Position in EducationLevels() (0 for sd); -1 for "" or an unknown word.
int EducationRank(std::string_view level);

struct Requirements {
  int min_age = 0;  // 0: no lower limit
  int max_age = 0;  // 0: no upper limit
  bool needs_active_membership = false;
  std::string min_education;  // "": none
  bool jkp_first = false;
};

struct MemberFacts {
  std::chrono::year_month_day birth_date{};
  bool active_member = false;  // members.status = 'active'
  bool jkp_recipient = false;  // a JKP claim approved or paid
  std::string education;       // as stated on the application; "" when not asked
};

struct Reason {
  std::string id;                             // catalog id, training.rule.*
  std::map<std::string, std::string> values;  // its {{placeholders}}
  bool met = true;
};

struct Decision {
  bool eligible = true;
  bool priority = false;        // goes ahead on the waiting list
  std::vector<Reason> reasons;  // one per requirement the programme has, in the order above
};

// Whole years of age on `on` (a birthday on 29 February counts from 1 March in other years).
int AgeOn(std::chrono::year_month_day birth, std::chrono::year_month_day on);

// The decision for a session starting on `starts_on`.
Decision Decide(const Requirements& requirements, const MemberFacts& facts,
                std::chrono::year_month_day starts_on);

}  // namespace lumbung::training
