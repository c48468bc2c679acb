// The fund staff's member look-up and record (staff_member_routes.cc), the pure parts: what one
// search field was asked for (a NIK, a KPJ, an e-mail address or a name), how a person is shown
// in a result list (masked: enough to tell two people apart with the member on the phone, not
// enough to copy down who they are, ASVS 8.3.x), and the checks of the free texts staff write
// (the reason for opening a record, the note on how a member's identity was checked).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::identity {

enum class MemberQueryKind { kNik, kKpj, kEmail, kName };

// "nik", "kpj", "email", "name": as audited and in catalog ids.
std::string_view MemberQueryKindName(MemberQueryKind kind);

struct MemberQuery {
  MemberQueryKind kind = MemberQueryKind::kName;
  // NIK and KPJ: digits only; e-mail: NormaliseEmail's form; name: spaces tidied, ASCII letters
  // lower-cased (the search compares LOWER(full_name)).
  std::string value;
};

// The search field decided by its shape: 16 digits a NIK and 11 a KPJ (spaces, dots and dashes
// between groups allowed, as printed on cards); anything with '@' an e-mail address (searched
// exactly, never by part: no listing of addresses); anything else a part of a name (2 to 100
// characters). `problem` names what is wrong (the catalog id's last part: empty, too_long,
// digits, email, name_short, characters) when there is no query.
struct MemberQueryCheck {
  std::optional<MemberQuery> query;
  std::string problem;
};
MemberQueryCheck ClassifyMemberQuery(std::string_view typed);

inline constexpr std::size_t kMaxQueryChars = 100;

// `value` for a LIKE pattern that finds it anywhere: "%" + value with %, _ and \ escaped + "%",
// used with ESCAPE '\'.
std::string LikeContains(std::string_view value);

// "siti.rahayu@contoh.co.id" -> "s•••@contoh.co.id": the first character of the local part
// (whole, also beyond ASCII) and the domain. Something without '@' gives "•••".
std::string MaskEmail(std::string_view email);

// A KPJ masked in the middle: "12345678901" -> "123•••••901". Shorter than 8 characters: all
// dots, so an odd stored value never shows whole.
std::string MaskKpj(std::string_view kpj);

// "1990-08-05" -> "1990"; "" when the text does not start with a year.
std::string BirthYear(std::string_view iso_date);

// Free text staff write into a record (the reason for opening it; the note on an identity
// check): 5 to 500 characters after trimming, line breaks and tabs allowed, no other control
// characters. The problem's catalog id part (missing, too_short, too_long, characters), or ""
// when it may be stored; `*cleaned` is the trimmed text.
inline constexpr std::size_t kMinStaffTextChars = 5;
inline constexpr std::size_t kMaxStaffTextChars = 500;
std::string CheckStaffText(std::string_view typed, std::string* cleaned);

// The first support conversation reference ("S-" and digits, e.g. S-000123) in a reason, or "".
// It is stored beside the reason so that the audit can be searched by conversation.
std::string SupportReferenceIn(std::string_view reason);

// How staff checked who a member is before resetting their second factors.
inline constexpr std::string_view kIdentityChecks[] = {"video_call", "branch_visit",
                                                       "phone_callback"};
bool IsIdentityCheck(std::string_view method);

// How long opening a record lets the staff session see it and act on it.
inline constexpr std::int64_t kRecordGrantSeconds = 30 * 60;

}  // namespace lumbung::identity
