#include "claims/claim_answers.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace lumbung::claims {
namespace {

using json = nlohmann::json;

constexpr std::string_view kQuestions[] = {"ground", "spell", "accident", "children"};
constexpr std::string_view kAfterQuestions[] = {"eligibility", "amount", "documents", "payout",
                                                "check"};
constexpr int kMaxChildren = 20;

json ReasonToJson(const Reason& r) {
  json j = json::object();
  j["id"] = r.id;
  j["text"] = json::object();
  for (const auto& [k, v] : r.text) j["text"][k] = v;
  j["dates"] = json::object();
  for (const auto& [k, v] : r.dates) j["dates"][k] = IsoDate(v);
  j["amounts"] = json::object();
  for (const auto& [k, v] : r.amounts) j["amounts"][k] = v;
  j["numbers"] = json::object();
  for (const auto& [k, v] : r.numbers) j["numbers"][k] = v;
  j["percents"] = json::object();
  for (const auto& [k, v] : r.percents) j["percents"][k] = v;
  return j;
}

// Throws json errors on a wrong shape; the caller treats the decision as unreadable.
Reason ReasonFromJson(const json& j) {
  Reason r;
  r.id = j.at("id").get<std::string>();
  for (const auto& [k, v] : j.at("text").items()) r.text[k] = v.get<std::string>();
  for (const auto& [k, v] : j.at("dates").items()) {
    const auto day = ParseIsoDate(v.get<std::string>());
    if (!day) throw std::invalid_argument("date");
    r.dates[k] = *day;
  }
  for (const auto& [k, v] : j.at("amounts").items()) r.amounts[k] = v.get<registry::Rupiah>();
  for (const auto& [k, v] : j.at("numbers").items()) r.numbers[k] = v.get<long long>();
  for (const auto& [k, v] : j.at("percents").items()) r.percents[k] = v.get<int>();
  return r;
}

std::optional<std::int64_t> PositiveId(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  const auto v = it->get<std::int64_t>();
  if (v <= 0) return std::nullopt;
  return v;
}

}  // namespace

std::optional<Choice> ParseChoice(std::string_view name) {
  if (name == "jkm") return Choice{ClaimType::kJkm, true};
  if (name == "jht_death") return Choice{ClaimType::kJhtFull, true};
  if (name == "jkk_death") return Choice{ClaimType::kJkk, true};
  ClaimType type;
  if (!ParseTypeName(name, &type) || type == ClaimType::kJkm) return std::nullopt;
  return Choice{type, false};
}

std::string ChoiceName(const Choice& choice) {
  if (choice.heir && choice.type == ClaimType::kJhtFull) return "jht_death";
  if (choice.heir && choice.type == ClaimType::kJkk) return "jkk_death";
  return std::string(TypeName(choice.type));
}

std::string_view GroundName(JhtGround ground) {
  switch (ground) {
    case JhtGround::kPensionAge:
      return "pension_age";
    case JhtGround::kJobEnded:
      return "job_ended";
    case JhtGround::kDeath:
      return "death";
    case JhtGround::kPermanentDisability:
      return "permanent_disability";
  }
  return "";
}

std::optional<JhtGround> ParseGround(std::string_view name) {
  for (auto g : {JhtGround::kPensionAge, JhtGround::kJobEnded, JhtGround::kDeath,
                 JhtGround::kPermanentDisability}) {
    if (GroundName(g) == name) return g;
  }
  return std::nullopt;
}

ClaimAnswers ParseAnswers(ClaimType type, std::string_view text, std::int64_t claim_id) {
  ClaimAnswers a;
  a.type = type;
  a.claim_id = claim_id > 0 ? std::optional<std::int64_t>(claim_id) : std::nullopt;
  a.children_in_school = type == ClaimType::kJkm ? -1 : 0;
  if (type == ClaimType::kJkm) a.claimant_is_heir = true;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return a;
  if (const auto it = j.find("heir"); it != j.end() && it->is_boolean()) {
    a.claimant_is_heir = it->get<bool>();
  }
  if (type == ClaimType::kJkm) a.claimant_is_heir = true;
  if (const auto it = j.find("ground"); it != j.end() && it->is_string()) {
    a.jht_ground = ParseGround(it->get<std::string>());
  }
  if (type == ClaimType::kJhtFull && a.claimant_is_heir) a.jht_ground = JhtGround::kDeath;
  if (type == ClaimType::kJhtFull && !a.claimant_is_heir && a.jht_ground == JhtGround::kDeath) {
    a.jht_ground.reset();  // only an heir claims on the member's death
  }
  a.spell_id = PositiveId(j, "spell");
  a.accident_id = PositiveId(j, "accident");
  a.children_in_school = type == ClaimType::kJkm ? -1 : 0;
  if (const auto it = j.find("children"); it != j.end() && it->is_number_integer()) {
    const auto n = it->get<long long>();
    if (n >= 0 && n <= kMaxChildren) a.children_in_school = static_cast<int>(n);
  }
  return a;
}

std::string AnswersJson(const ClaimAnswers& a) {
  json j = json::object();
  if (a.claimant_is_heir) j["heir"] = true;
  if (a.jht_ground) j["ground"] = std::string(GroundName(*a.jht_ground));
  if (a.spell_id) j["spell"] = *a.spell_id;
  if (a.accident_id) j["accident"] = *a.accident_id;
  if (a.type == ClaimType::kJkm && a.children_in_school >= 0) {
    j["children"] = a.children_in_school;
  }
  return j.dump();
}

ClaimAnswers ForTheRules(ClaimAnswers answers) {
  if (answers.children_in_school < 0) answers.children_in_school = 0;
  return answers;
}

ClaimAnswers StartingAnswers(const Choice& choice) {
  ClaimAnswers a;
  a.type = choice.type;
  a.claimant_is_heir = choice.heir || choice.type == ClaimType::kJkm;
  if (choice.type == ClaimType::kJhtFull && a.claimant_is_heir) a.jht_ground = JhtGround::kDeath;
  a.children_in_school = choice.type == ClaimType::kJkm ? -1 : 0;  // -1: not asked yet
  return a;
}

std::vector<std::string_view> JourneyPages(const ClaimAnswers& a) {
  std::vector<std::string_view> pages;
  switch (a.type) {
    case ClaimType::kJhtFull:
      if (!a.claimant_is_heir) {
        pages.push_back("ground");
        if (a.jht_ground == JhtGround::kJobEnded) pages.push_back("spell");
      }
      break;
    case ClaimType::kJkp:
      pages.push_back("spell");
      break;
    case ClaimType::kJkk:
      pages.push_back("accident");
      break;
    case ClaimType::kJkm:
      pages.push_back("children");
      break;
    case ClaimType::kJhtPartial10:
    case ClaimType::kJhtPartial30:
    case ClaimType::kJp:
      break;
  }
  pages.insert(pages.end(), std::begin(kAfterQuestions), std::end(kAfterQuestions));
  return pages;
}

bool IsQuestionPage(std::string_view page) {
  return std::find(std::begin(kQuestions), std::end(kQuestions), page) != std::end(kQuestions);
}

bool IsAnswered(std::string_view page, const ClaimAnswers& a) {
  if (page == "ground") return a.jht_ground.has_value();
  if (page == "spell") return a.spell_id.has_value();
  if (page == "accident") return a.accident_id.has_value();
  if (page == "children") return a.children_in_school >= 0;
  return true;
}

std::string_view ContinuePage(const ClaimAnswers& a) {
  for (auto page : JourneyPages(a)) {
    if (!IsAnswered(page, a)) return page;
  }
  return "eligibility";
}

std::string_view PreviousPage(const ClaimAnswers& a, std::string_view page) {
  const auto pages = JourneyPages(a);
  const auto it = std::find(pages.begin(), pages.end(), page);
  if (it == pages.end() || it == pages.begin()) return "";
  return *(it - 1);
}

std::string_view NextPage(const ClaimAnswers& a, std::string_view page) {
  const auto pages = JourneyPages(a);
  const auto it = std::find(pages.begin(), pages.end(), page);
  if (it == pages.end() || it + 1 == pages.end()) return "";
  return *(it + 1);
}

std::string DecisionJson(const Eligibility& e, const std::optional<BenefitAmount>& amount) {
  json j = json::object();
  j["eligible"] = e.eligible;
  if (e.eligible_from) j["eligible_from"] = IsoDate(*e.eligible_from);
  j["reasons"] = json::array();
  for (const auto& r : e.reasons) j["reasons"].push_back(ReasonToJson(r));
  if (amount) {
    j["total"] = amount->total;
    j["monthly"] = amount->monthly;
    j["lines"] = json::array();
    for (const auto& line : amount->lines) {
      j["lines"].push_back(
          {{"label", ReasonToJson(line.label)}, {"amount", line.amount}, {"up_to", line.up_to}});
    }
  }
  return j.dump();
}

std::optional<StoredDecision> ParseDecision(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("eligible")) return std::nullopt;
  try {
    StoredDecision d;
    d.eligibility.eligible = j.at("eligible").get<bool>();
    if (j.contains("eligible_from")) {
      d.eligibility.eligible_from = ParseIsoDate(j.at("eligible_from").get<std::string>());
      if (!d.eligibility.eligible_from) return std::nullopt;
    }
    for (const auto& r : j.at("reasons")) d.eligibility.reasons.push_back(ReasonFromJson(r));
    if (j.contains("total")) {
      BenefitAmount a;
      a.total = j.at("total").get<registry::Rupiah>();
      a.monthly = j.at("monthly").get<bool>();
      for (const auto& l : j.at("lines")) {
        a.lines.push_back({ReasonFromJson(l.at("label")), l.at("amount").get<registry::Rupiah>(),
                           l.at("up_to").get<bool>()});
      }
      d.amount = std::move(a);
    }
    return d;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace lumbung::claims
