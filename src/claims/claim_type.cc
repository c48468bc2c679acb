#include "claims/claim_type.h"

namespace lumbung::claims {

std::string_view TypeName(ClaimType type) {
  switch (type) {
    case ClaimType::kJhtFull:
      return "jht_full";
    case ClaimType::kJhtPartial10:
      return "jht_partial_10";
    case ClaimType::kJhtPartial30:
      return "jht_partial_30";
    case ClaimType::kJp:
      return "jp";
    case ClaimType::kJkm:
      return "jkm";
    case ClaimType::kJkk:
      return "jkk";
    case ClaimType::kJkp:
      return "jkp";
  }
  return "";
}

bool ParseTypeName(std::string_view name, ClaimType* type) {
  for (ClaimType candidate : kAllClaimTypes) {
    if (TypeName(candidate) == name) {
      *type = candidate;
      return true;
    }
  }
  return false;
}

std::string_view ProgramOf(ClaimType type) {
  switch (type) {
    case ClaimType::kJhtFull:
    case ClaimType::kJhtPartial10:
    case ClaimType::kJhtPartial30:
      return "JHT";
    case ClaimType::kJp:
      return "JP";
    case ClaimType::kJkm:
      return "JKM";
    case ClaimType::kJkk:
      return "JKK";
    case ClaimType::kJkp:
      return "JKP";
  }
  return "";
}

}  // namespace lumbung::claims
