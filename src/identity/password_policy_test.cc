// Test names cite the requirement they check: NIST SP 800-63B §5.1.1.2 (NIST_5_1_1_2) and
// OWASP ASVS 4.0.3 V2.1 (ASVS_2_1_x).
#include "identity/password_policy.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lumbung::identity {

// Readable failures: the message id instead of the enum's bytes.
void PrintTo(PasswordProblem problem, std::ostream* os) {
  *os << PasswordProblemMessageId(problem);
}

namespace {

using ::testing::AnyOf;
using ::testing::Eq;
using ::testing::Ge;
using ::testing::HasSubstr;

std::filesystem::path ShareDir() {
  if (const char* share = std::getenv("LUMBUNG_SHARE_DIR")) return share;
  return ".";
}

const CommonPasswords& Lists() {
  static const CommonPasswords lists = CommonPasswords::LoadFile(ShareDir() / kCommonPasswordsFile,
                                                                 ShareDir() / kIndonesianWordsFile);
  return lists;
}

PasswordVerdict Check(std::string_view password, const PasswordContext& context = {},
                      const PasswordPolicy& policy = {}) {
  return CheckPassword(password, context, policy, Lists());
}

PasswordProblem ProblemOf(std::string_view password, const PasswordContext& context = {},
                          const PasswordPolicy& policy = {}) {
  return Check(password, context, policy).problem;
}

// `n` letters and digits that zxcvbn finds nothing in (a fixed pseudo-random sequence).
std::string Random(int n, unsigned seed = 12345) {
  static constexpr char kAlphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < n; ++i) {
    seed = seed * 1103515245u + 12345u;
    out.push_back(kAlphabet[(seed >> 16) % (sizeof kAlphabet - 1)]);
  }
  return out;
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Distinct 4-byte emoji from U+1F600 on.
std::string Emoji(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    const char32_t c = 0x1F600 + static_cast<char32_t>(i % 80);
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// A member as the sign-up form would describe her.
PasswordContext SitiAminah() {
  return {{"3273054508900001", "12345678901", "Siti Aminah", "Siti", "Aminah",
           "wulan.sari77@example.co.id", "wulan.sari77", "Lumbung Pekerja", "05081990",
           "05-08-1990"}};
}

TEST(PasswordLists, LoadTheShippedFiles) {
  EXPECT_GE(Lists().size(), 1000u);
  EXPECT_GE(Lists().dictionary_words().size(), 1000u);
  EXPECT_TRUE(Lists().Contains("sayang"));
  EXPECT_TRUE(Lists().Contains("123456"));
}

TEST(PasswordLists, ShippedFilesAreLowerCaseOneEntryALine) {
  for (std::string_view file : {kCommonPasswordsFile, kIndonesianWordsFile}) {
    std::ifstream in(ShareDir() / file);
    ASSERT_TRUE(in) << file;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line.front() == '#') continue;
      EXPECT_EQ(line.find_first_of(" \tABCDEFGHIJKLMNOPQRSTUVWXYZ\r"), std::string::npos)
          << file << ": " << line;
    }
  }
}

TEST(PasswordLists, MissingFileNamesThePath) {
  try {
    CommonPasswords::LoadFile("/nonexistent/common.txt", ShareDir() / kIndonesianWordsFile);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/common.txt"));
  }
}

TEST(Password, NIST_5_1_1_2_EightCharactersAreEnoughWhenStrong) {
  const PasswordVerdict verdict = Check("Tq7#mZ2k");
  EXPECT_EQ(verdict.problem, PasswordProblem::kNone);
  EXPECT_GE(verdict.score, 3);
  EXPECT_EQ(ProblemOf("Tq7#mZ2"), PasswordProblem::kTooShort);
  EXPECT_EQ(ProblemOf(""), PasswordProblem::kTooShort);
}

TEST(Password, NIST_5_1_1_2_MinimumCannotBeConfiguredBelowEight) {
  EXPECT_EQ(ProblemOf("Tq7#mZ2", {}, {.min_length = 4}), PasswordProblem::kTooShort);
}

TEST(Password, ASVS_2_1_1_LongerMinimumIsAConfigOption) {
  // ASVS 2.1.1 asks for 12; the fund may ask 15 of accounts without a second factor.
  EXPECT_EQ(ProblemOf(Random(11), {}, {.min_length = 12}), PasswordProblem::kTooShort);
  EXPECT_EQ(ProblemOf(Random(12), {}, {.min_length = 12}), PasswordProblem::kNone);
  EXPECT_EQ(ProblemOf(Random(14), {}, {.min_length = 15}), PasswordProblem::kTooShort);
  EXPECT_EQ(ProblemOf(Random(15), {}, {.min_length = 15}), PasswordProblem::kNone);
  // Even a bad configuration leaves 64 characters allowed.
  EXPECT_EQ(ProblemOf(Random(64), {}, {.min_length = 100}), PasswordProblem::kNone);
}

TEST(Password, ASVS_2_1_2_SixtyFourAndUpTo256CodePointsAllowed) {
  EXPECT_EQ(ProblemOf(Random(64)), PasswordProblem::kNone);
  EXPECT_EQ(ProblemOf(Random(256)), PasswordProblem::kNone);
  EXPECT_EQ(ProblemOf(Random(257)), PasswordProblem::kTooLong);
  // A configured maximum below 64 is raised to 64; above 256 is lowered to 256.
  EXPECT_EQ(ProblemOf(Random(64), {}, {.max_length = 20}), PasswordProblem::kNone);
  EXPECT_EQ(ProblemOf(Random(65), {}, {.max_length = 20}), PasswordProblem::kTooLong);
  EXPECT_EQ(ProblemOf(Random(257), {}, {.max_length = 10000}), PasswordProblem::kTooLong);
  // ASVS 2.1.2 also denies more than 128: a configuration away.
  EXPECT_EQ(ProblemOf(Random(129), {}, {.max_length = 128}), PasswordProblem::kTooLong);
}

TEST(Password, ASVS_2_1_2_LengthIsCountedInCodePointsNotBytes) {
  // 256 four-byte emoji are 1024 bytes: the most allowed both ways.
  EXPECT_EQ(ProblemOf(Emoji(256)), PasswordProblem::kNone);
  EXPECT_EQ(ProblemOf(Emoji(257)), PasswordProblem::kTooLong);
  EXPECT_EQ(ProblemOf(Emoji(7)), PasswordProblem::kTooShort);  // 28 bytes, 7 characters
  EXPECT_EQ(ProblemOf(Emoji(8)), PasswordProblem::kNone);
}

TEST(Password, HugeInputIsRefusedAsTooLong) {
  EXPECT_EQ(ProblemOf(std::string(1'000'000, 'a')), PasswordProblem::kTooLong);
  EXPECT_EQ(ProblemOf(Repeat("\xEF\xB7\xBA", 2000)), PasswordProblem::kTooLong);  // grows in NFKC
  EXPECT_EQ(ProblemOf(Repeat("\xEF\xB7\xBA", 20)), PasswordProblem::kTooLong);    // 20 -> 360
}

TEST(Password, ASVS_2_1_4_EmojiAndLocalScriptsAreAccepted) {
  EXPECT_EQ(ProblemOf("🐓🍚🌶🥥🍌🐟🍵🌴"), PasswordProblem::kNone);
  // Family (4 people joined by 3 zero-width joiners) + house: 8 code points, 2 on screen.
  EXPECT_EQ(ProblemOf("👨‍👩‍👧‍👦🏠"), PasswordProblem::kNone);
  EXPECT_EQ(ProblemOf("👨‍👩‍👧‍👦"), PasswordProblem::kTooShort);  // 7 code points
  // Javanese script (aksara Jawa): "hanacaraka datasawala".
  EXPECT_EQ(ProblemOf("ꦲꦤꦕꦫꦏ ꦢꦠꦱꦮꦭ"), PasswordProblem::kNone);
  EXPECT_EQ(ProblemOf("ꦲꦤꦕꦫꦏꦢꦠ"), PasswordProblem::kTooShort);  // 7 code points, 21 bytes
  EXPECT_EQ(ProblemOf("kafé di pojok jalan braga"), PasswordProblem::kNone);
}

TEST(Password, ASVS_2_1_4_SpacesAreAllowedAnywhere) {
  EXPECT_EQ(ProblemOf("kopi tubruk di pinggir kali ciliwung"), PasswordProblem::kNone);
  EXPECT_EQ(ProblemOf(" kopi tubruk di pinggir kali ciliwung  "), PasswordProblem::kNone);
}

TEST(Password, ASVS_2_1_9_NoCompositionRules) {
  // Lower case only, no digit, no symbol.
  const PasswordVerdict verdict = Check("kopi tubruk di pinggir kali ciliwung");
  EXPECT_EQ(verdict.problem, PasswordProblem::kNone);
  EXPECT_GE(verdict.score, 3);
  EXPECT_EQ(ProblemOf("sapi makan rumput di sawah pak lurah"), PasswordProblem::kNone);
  EXPECT_EQ(ProblemOf("839201746159372"), PasswordProblem::kNone);  // digits only
  EXPECT_EQ(ProblemOf("BATIK TULIS DARI LASEM"), PasswordProblem::kNone);
}

TEST(Password, NfkcMakesLookAlikeTextTheSamePassword) {
  EXPECT_EQ(NormalizeNfkc("ｐａｓｓｗｏｒｄ"), "password");
  EXPECT_EQ(ProblemOf("ｐａｓｓｗｏｒｄ"), PasswordProblem::kCommon);
  EXPECT_EQ(NormalizeNfkc("kafe\xCC\x81"), "kaf\xC3\xA9");  // e + combining acute = é
  EXPECT_EQ(NormalizeNfkc("\xEF\xAC\x81le"), "file");       // the "ﬁ" ligature
  EXPECT_EQ(NormalizeNfkc(""), "");
}

TEST(Password, CaseIsKeptInWhatIsHashed) {
  EXPECT_EQ(NormalizeNfkc("KoPi TuBRuK"), "KoPi TuBRuK");
  EXPECT_NE(NormalizeNfkc("Tq7#mZ2k"), NormalizeNfkc("tq7#mz2k"));
}

TEST(Password, NormalizeRefusesInvalidUtf8) {
  EXPECT_EQ(NormalizeNfkc("\xC3\x28"), std::nullopt);
}

TEST(Password, ASVS_2_1_7_CommonPasswordsAreRefused) {
  for (const char* password :
       {"password",     "PASSWORD",       "12345678",
        "qwertyuiop",   "Sayang123",      "sayangku",
        "b1sm1llah",    "Bismillah123!",  "P@ssw0rd!",
        "pa$$word",     "Indonesia2045!", "i love you",
        "rahasia123",   "katasandi",      "merdeka45",
        "17081945",     "Persib1933",     "manchesterunited",
        "Jakarta123!!", "Doraemon",       "1qaz2wsx",
        "garuda!!!",    "anjing123",      "sa\xE2\x80\x8Byang123" /* zero-width space */}) {
    EXPECT_EQ(ProblemOf(password), PasswordProblem::kCommon) << password;
  }
}

TEST(Password, ASVS_2_1_7_CommonCheckComesBeforeContext) {
  EXPECT_EQ(ProblemOf("bismillah123", {{"bismillah"}}), PasswordProblem::kCommon);
}

TEST(Password, NIST_5_1_1_2_MemberNikIsRefused) {
  const PasswordVerdict verdict = Check("pagi cerah 450890", SitiAminah());
  EXPECT_EQ(verdict.problem, PasswordProblem::kContainsContext);
  EXPECT_EQ(verdict.matched_context, "450890");
  EXPECT_EQ(ProblemOf("3273054508900001", SitiAminah()), PasswordProblem::kContainsContext);
  EXPECT_EQ(ProblemOf("nomor 900001 saya", SitiAminah()), PasswordProblem::kContainsContext);
  // KPJ (membership card number).
  EXPECT_EQ(ProblemOf("kartu 345678 hilang", SitiAminah()), PasswordProblem::kContainsContext);
  // Five digits of it are not enough to refuse.
  EXPECT_EQ(ProblemOf("kartu 45678 hilang lagi", SitiAminah()), PasswordProblem::kNone);
}

TEST(Password, NIST_5_1_1_2_MemberNameIsRefused) {
  const PasswordVerdict verdict = Check("aminah2024!", SitiAminah());
  EXPECT_EQ(verdict.problem, PasswordProblem::kContainsContext);
  EXPECT_EQ(verdict.matched_context, "aminah");
  EXPECT_EQ(ProblemOf("Kopi Pagi AMINAH", SitiAminah()), PasswordProblem::kContainsContext);
  EXPECT_EQ(ProblemOf("4min4h suka kopi", SitiAminah()), PasswordProblem::kContainsContext);
  EXPECT_EQ(ProblemOf("sitiaminah ke pasar", SitiAminah()), PasswordProblem::kContainsContext);
  // The full name given as one word still yields its parts.
  EXPECT_EQ(ProblemOf("rumah aminah di gang", {{"Siti Aminah"}}),
            PasswordProblem::kContainsContext);
}

TEST(Password, NIST_5_1_1_2_EmailAndFundNameAreRefused) {
  EXPECT_EQ(ProblemOf("wulan.sari77 senang sekali", SitiAminah()),
            PasswordProblem::kContainsContext);
  EXPECT_EQ(ProblemOf("langit sore wulan pergi", SitiAminah()), PasswordProblem::kContainsContext);
  const PasswordVerdict fund = Check("Lumbung Kita Aman Sekali", SitiAminah());
  EXPECT_EQ(fund.problem, PasswordProblem::kContainsContext);
  EXPECT_EQ(fund.matched_context, "lumbung");
}

TEST(Password, NIST_5_1_1_2_BirthDateIsRefused) {
  EXPECT_EQ(ProblemOf("lahir 05-08-1990 ya", SitiAminah()), PasswordProblem::kContainsContext);
  EXPECT_EQ(ProblemOf("tanggal 05081990 ya", SitiAminah()), PasswordProblem::kContainsContext);
}

TEST(Password, ShortContextWordsDoNotRefuseOnTheirOwn) {
  // "Ani" has 3 letters: a substring of too many passwords to refuse them all.
  EXPECT_EQ(ProblemOf("ani suka kopi tubruk pahit", {{"Ani", "Ani Lestari"}}),
            PasswordProblem::kNone);
}

TEST(Password, NIST_5_1_1_2_WeakPasswordsAreRefused) {
  EXPECT_THAT(ProblemOf("jakarta2020"),
              AnyOf(Eq(PasswordProblem::kCommon), Eq(PasswordProblem::kTooWeak)));
  const PasswordVerdict weak = Check("rumah makan");
  EXPECT_EQ(weak.problem, PasswordProblem::kTooWeak);
  EXPECT_LT(weak.score, 3);
  EXPECT_EQ(ProblemOf("abcabcabcabc"), PasswordProblem::kTooWeak);
  EXPECT_EQ(ProblemOf("aaaaaaaaaaaaaaaaaaaa"), PasswordProblem::kTooWeak);
}

TEST(Password, RepeatingAShortPhraseDoesNotMakeItStrong) {
  // zxcvbn-c alone passes all of these: it prices a repeat as random text, reads 100 bytes and
  // counts 27 bits for every emoji.
  EXPECT_EQ(ProblemOf(Repeat("kopi ", 51)), PasswordProblem::kTooWeak);
  EXPECT_EQ(ProblemOf(Repeat("Kopi kopi ", 25)), PasswordProblem::kTooWeak);
  EXPECT_EQ(ProblemOf(Repeat("\xF0\x9F\x98\x80", 256)), PasswordProblem::kTooWeak);  // U+1F600
  EXPECT_EQ(ProblemOf("😀😀😀😀😀😀😀😀"), PasswordProblem::kTooWeak);
  EXPECT_EQ(ProblemOf("ꦲꦲꦲꦲꦲꦲꦲꦲꦲꦲ"), PasswordProblem::kTooWeak);
  // A strong phrase said twice stays strong.
  EXPECT_EQ(ProblemOf(Repeat("kopi tubruk di pinggir kali ciliwung ", 2)), PasswordProblem::kNone);
}

TEST(Password, IndonesianWordsCountAsDictionaryWords) {
  // zxcvbn alone knows English only: this phrase would pass as strong.
  const CommonPasswords english_only;
  EXPECT_EQ(CheckPassword("bismillahirrahmanirrahim", {}, {}, english_only).problem,
            PasswordProblem::kNone);
  const CommonPasswords with_word({}, {"bismillahirrahmanirrahim"});
  EXPECT_EQ(CheckPassword("bismillahirrahmanirrahim", {}, {}, with_word).problem,
            PasswordProblem::kTooWeak);
  EXPECT_NE(ProblemOf("bismillahirrahmanirrahim"), PasswordProblem::kNone);
}

TEST(Password, ContextWordsCountAsDictionaryWordsToo) {
  // Too short to refuse as context, but zxcvbn prices them as known words.
  const CommonPasswords english_only;
  EXPECT_EQ(CheckPassword("ani&tri&ida", {}, {}, english_only).problem, PasswordProblem::kNone);
  EXPECT_EQ(CheckPassword("ani&tri&ida", {{"Ani", "Tri", "Ida"}}, {}, english_only).problem,
            PasswordProblem::kTooWeak);
}

TEST(Password, ControlCharactersAreRefused) {
  using namespace std::string_literals;
  for (const std::string& password :
       {"kopi\ttubruk pahit"s, "kopi tubruk pahit\n"s, "kopi\0tubruk pahit"s,
        "kopi\x7Ftubruk pahit"s, "kopi\xC2\x85tubruk pahit"s /* U+0085 */}) {
    EXPECT_EQ(ProblemOf(password), PasswordProblem::kInvalidText) << password;
  }
}

TEST(Password, UnassignedCodePointsAreRefused) {
  // NIST asks for the normalisation of "stabilized strings": text without unassigned code
  // points, whose NFKC form a later Unicode version could change.
  EXPECT_EQ(ProblemOf("kopi tubruk \xCD\xB8 pahit"), PasswordProblem::kInvalidText);      // U+0378
  EXPECT_EQ(ProblemOf("kopi tubruk \xEF\xBF\xBF pahit"), PasswordProblem::kInvalidText);  // U+FFFF
}

TEST(Password, InvalidUtf8IsRefused) {
  for (const char* password : {
           "kopi tubruk \xC3\x28 pahit",          // bad continuation byte
           "kopi tubruk \xC0\xAF pahit",          // overlong "/"
           "kopi tubruk \xE0\x80\xAF pahit",      // overlong, 3 bytes
           "kopi tubruk \xED\xA0\x80 pahit",      // UTF-16 surrogate
           "kopi tubruk \xF4\x90\x80\x80 pahit",  // above U+10FFFF
           "kopi tubruk \x80 pahit",              // lone continuation byte
           "kopi tubruk \xFF pahit",              // never in UTF-8
           "kopi tubruk pahit \xE2\x82",          // truncated at the end
       }) {
    EXPECT_EQ(ProblemOf(password), PasswordProblem::kInvalidText) << password;
  }
  EXPECT_EQ(ProblemOf("\xFF"), PasswordProblem::kInvalidText);  // before "too short"
}

TEST(Password, InvalidContextWordsAreIgnored) {
  EXPECT_EQ(ProblemOf("kopi tubruk di pinggir kali ciliwung", {{"\xC3\x28\xFF", ""}}),
            PasswordProblem::kNone);
}

TEST(Password, ScoreFollowsZxcvbnGuessThresholds) {
  EXPECT_EQ(ScoreFromEntropyBits(0), 0);
  EXPECT_EQ(ScoreFromEntropyBits(9.9), 0);   // < 10^3 guesses
  EXPECT_EQ(ScoreFromEntropyBits(10.0), 1);  // 1024
  EXPECT_EQ(ScoreFromEntropyBits(19.9), 1);  // < 10^6
  EXPECT_EQ(ScoreFromEntropyBits(20.0), 2);
  EXPECT_EQ(ScoreFromEntropyBits(26.5), 2);  // < 10^8
  EXPECT_EQ(ScoreFromEntropyBits(26.6), 3);
  EXPECT_EQ(ScoreFromEntropyBits(33.2), 3);  // < 10^10
  EXPECT_EQ(ScoreFromEntropyBits(33.3), 4);
  EXPECT_EQ(ScoreFromEntropyBits(500), 4);
}

TEST(Password, RefusedEarlyMeansScoreZero) {
  EXPECT_EQ(Check("password").score, 0);
  EXPECT_EQ(Check("short").score, 0);
  EXPECT_THAT(Check(Random(30)).score, Ge(3));
}

}  // namespace
}  // namespace lumbung::identity
