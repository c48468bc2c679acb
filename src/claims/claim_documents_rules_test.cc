#include "claims/claim_documents_rules.h"

#include <gtest/gtest.h>

namespace lumbung::claims {
namespace {

std::vector<std::string> Types(const std::vector<RequiredDocument>& docs, bool required) {
  std::vector<std::string> out;
  for (const auto& d : docs) {
    if (d.required == required) out.push_back(d.doc_type);
  }
  return out;
}

ClaimAnswers Answers(ClaimType type) {
  ClaimAnswers a;
  a.type = type;
  return a;
}

TEST(RequiredDocuments, JhtAfterTheJobEndedNeedsTheTerminationLetter) {
  auto a = Answers(ClaimType::kJhtFull);
  a.jht_ground = JhtGround::kJobEnded;
  const auto docs = RequiredDocuments(a.type, a);
  EXPECT_EQ(Types(docs, true),
            (std::vector<std::string>{"ektp", "termination_letter", "bank_book"}));
  EXPECT_EQ(Types(docs, false), (std::vector<std::string>{"family_card"}));
  // Required first, then optional.
  EXPECT_TRUE(docs.front().required);
  EXPECT_FALSE(docs.back().required);
}

TEST(RequiredDocuments, EachGroundOfJhtInFull) {
  auto a = Answers(ClaimType::kJhtFull);
  a.jht_ground = JhtGround::kPermanentDisability;
  EXPECT_EQ(Types(RequiredDocuments(a.type, a), true),
            (std::vector<std::string>{"ektp", "doctor_statement", "bank_book"}));
  a.jht_ground = JhtGround::kDeath;
  a.claimant_is_heir = true;
  EXPECT_EQ(Types(RequiredDocuments(a.type, a), true),
            (std::vector<std::string>{"ektp", "death_certificate", "family_card", "heir_statement",
                                      "bank_book"}));
  a.jht_ground = JhtGround::kPensionAge;
  EXPECT_EQ(Types(RequiredDocuments(a.type, a), true),
            (std::vector<std::string>{"ektp", "bank_book"}));
}

TEST(RequiredDocuments, OtherTypes) {
  EXPECT_EQ(Types(RequiredDocuments(ClaimType::kJkm, Answers(ClaimType::kJkm)), true),
            (std::vector<std::string>{"ektp", "death_certificate", "family_card", "heir_statement",
                                      "bank_book"}));
  EXPECT_EQ(Types(RequiredDocuments(ClaimType::kJp, Answers(ClaimType::kJp)), true),
            (std::vector<std::string>{"ektp", "family_card", "bank_book"}));
  EXPECT_EQ(Types(RequiredDocuments(ClaimType::kJkp, Answers(ClaimType::kJkp)), true),
            (std::vector<std::string>{"ektp", "termination_letter", "bank_book"}));
  for (auto t : {ClaimType::kJhtPartial10, ClaimType::kJhtPartial30}) {
    EXPECT_EQ(Types(RequiredDocuments(t, Answers(t)), true),
              (std::vector<std::string>{"ektp", "bank_book"}));
    EXPECT_EQ(Types(RequiredDocuments(t, Answers(t)), false),
              (std::vector<std::string>{"family_card"}));
  }
}

TEST(RequiredDocuments, JkkByTheMemberOrByAnHeir) {
  auto a = Answers(ClaimType::kJkk);
  EXPECT_EQ(Types(RequiredDocuments(a.type, a), true),
            (std::vector<std::string>{"ektp", "accident_report", "bank_book"}));
  EXPECT_EQ(Types(RequiredDocuments(a.type, a), false),
            (std::vector<std::string>{"doctor_statement"}));
  a.claimant_is_heir = true;
  EXPECT_EQ(Types(RequiredDocuments(a.type, a), true),
            (std::vector<std::string>{"ektp", "accident_report", "death_certificate", "family_card",
                                      "heir_statement", "doctor_statement", "bank_book"}));
  EXPECT_TRUE(Types(RequiredDocuments(a.type, a), false).empty());
}

TEST(RequiredDocuments, EveryTypeIsAStoredDocumentType) {
  for (auto t : kAllClaimTypes) {
    for (bool heir : {false, true}) {
      auto a = Answers(t);
      a.claimant_is_heir = heir;
      for (const auto& d : RequiredDocuments(t, a)) EXPECT_TRUE(IsDocumentType(d.doc_type));
    }
  }
  EXPECT_FALSE(IsDocumentType("passport"));
  EXPECT_FALSE(IsDocumentType(""));
}

TEST(MissingDocuments, OnlyRequiredOnesCount) {
  auto a = Answers(ClaimType::kJkp);
  const auto docs = RequiredDocuments(a.type, a);
  EXPECT_EQ(MissingDocuments(docs, {}),
            (std::vector<std::string>{"ektp", "termination_letter", "bank_book"}));
  EXPECT_EQ(MissingDocuments(docs, {"bank_book", "family_card", "ektp"}),
            (std::vector<std::string>{"termination_letter"}));
  EXPECT_TRUE(MissingDocuments(docs, {"termination_letter", "bank_book", "ektp"}).empty());
}

}  // namespace
}  // namespace lumbung::claims
