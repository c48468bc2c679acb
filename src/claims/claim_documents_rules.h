// Which documents a claim needs, by its type and the claimant's answers. Pure; the journey's
// documents page lists them and the submission refuses a claim that lacks a required one.
//
// Every claim: the claimant's e-KTP and the bank book page of the payout account. Then:
// - JHT in full: job ended: the termination letter or the employer's statement; permanent
//   disability: the doctor's statement; death: the death certificate, the family card and the
//   heir statement; at the JHT age nothing more. The family card is otherwise optional.
// - JHT in part (10% or 30%): the family card, optional.
// - JP: the family card (spouse and children who may inherit the pension).
// - JKM: the death certificate, the family card and the heir statement.
// - JKK: the employer's accident report; the doctor's statement, optional (required when an heir
//   claims a fatal accident, with the death certificate, family card and heir statement).
// - JKP: the termination letter or the employer's statement; the family card, optional.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "claims/eligibility.h"

namespace lumbung::claims {

// The kinds of document stored in claim_documents.doc_type.
inline constexpr std::string_view kDocumentTypes[] = {
    "ektp",           "family_card",     "termination_letter", "bank_book", "death_certificate",
    "heir_statement", "accident_report", "doctor_statement",   "other"};

bool IsDocumentType(std::string_view doc_type);

struct RequiredDocument {
  std::string doc_type;
  bool required = true;  // false: optional, it helps staff but the claim goes without it
  friend bool operator==(const RequiredDocument&, const RequiredDocument&) = default;
};

// The documents of a claim of `answers.type`, required ones first, in the order the member
// is asked for them.
std::vector<RequiredDocument> RequiredDocuments(ClaimType type, const ClaimAnswers& answers);

// The required document types missing from `present` (the types of the claim's current,
// not refused documents), in the order of `documents`.
std::vector<std::string> MissingDocuments(const std::vector<RequiredDocument>& documents,
                                          const std::vector<std::string>& present);

}  // namespace lumbung::claims
