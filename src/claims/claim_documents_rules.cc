#include "claims/claim_documents_rules.h"

#include <algorithm>

namespace lumbung::claims {

bool IsDocumentType(std::string_view doc_type) {
  return std::find(std::begin(kDocumentTypes), std::end(kDocumentTypes), doc_type) !=
         std::end(kDocumentTypes);
}

std::vector<RequiredDocument> RequiredDocuments(ClaimType type, const ClaimAnswers& answers) {
  std::vector<RequiredDocument> required = {{"ektp", true}};
  std::vector<RequiredDocument> optional;
  const auto need = [&](const char* doc_type) { required.push_back({doc_type, true}); };
  const auto may = [&](const char* doc_type) { optional.push_back({doc_type, false}); };
  const auto heir = [&] {
    need("death_certificate");
    need("family_card");
    need("heir_statement");
  };
  switch (type) {
    case ClaimType::kJhtFull:
      switch (answers.jht_ground.value_or(JhtGround::kPensionAge)) {
        case JhtGround::kJobEnded:
          need("termination_letter");
          may("family_card");
          break;
        case JhtGround::kPermanentDisability:
          need("doctor_statement");
          may("family_card");
          break;
        case JhtGround::kDeath:
          heir();
          break;
        case JhtGround::kPensionAge:
          may("family_card");
          break;
      }
      break;
    case ClaimType::kJhtPartial10:
    case ClaimType::kJhtPartial30:
      may("family_card");
      break;
    case ClaimType::kJp:
      need("family_card");
      break;
    case ClaimType::kJkm:
      heir();
      break;
    case ClaimType::kJkk:
      need("accident_report");
      if (answers.claimant_is_heir) {
        heir();
        need("doctor_statement");
      } else {
        may("doctor_statement");
      }
      break;
    case ClaimType::kJkp:
      need("termination_letter");
      may("family_card");
      break;
  }
  need("bank_book");
  required.insert(required.end(), optional.begin(), optional.end());
  return required;
}

std::vector<std::string> MissingDocuments(const std::vector<RequiredDocument>& documents,
                                          const std::vector<std::string>& present) {
  std::vector<std::string> missing;
  for (const auto& d : documents) {
    if (!d.required) continue;
    if (std::find(present.begin(), present.end(), d.doc_type) == present.end()) {
      missing.push_back(d.doc_type);
    }
  }
  return missing;
}

}  // namespace lumbung::claims
