#include "profile/holder_name.h"

#include <algorithm>
#include <iterator>

namespace lumbung::profile {
namespace {

// Written before a name (lower case, without full stops).
constexpr std::string_view kHonorifics[] = {
    "bapak", "bpk",  "pak", "ibu",    "bu", "sdr",  "sdri", "sdra", "saudara", "saudari",
    "tn",    "tuan", "ny",  "nyonya", "nn", "nona", "mr",   "mrs",  "ms",      "miss",
    "h",     "hj",   "kh",  "prof",   "dr", "drs",  "dra",  "ir"};

// Written after a name (lower case, without full stops).
constexpr std::string_view kDegrees[] = {
    // Diplomas
    "amd", "amdkeb", "amdkep", "amdkom", "amdak", "amdfarm", "amdgz", "amdtra", "amdpar",
    // Bachelor's
    "st", "skom", "se", "sh", "ssi", "spd", "spdi", "ssos", "sip", "sag", "sked", "skm", "sfarm",
    "spsi", "sikom", "ss", "shum", "stp", "spt", "skg", "skep", "sgz", "sst", "str", "ssn", "sds",
    "shi", "sei", "sthi", "sak", "sp", "ssy", "sth", "sars", "bsc", "ba",
    // Master's and doctorates
    "mm", "mt", "msi", "mkom", "mpd", "mpdi", "mh", "mba", "mkes", "msc", "ma", "mhum", "mag", "me",
    "mkn", "mars", "mpsi", "mfarm", "mkm", "phd",
    // Medical and pharmacy
    "spog", "sppd", "spa", "apt", "ners"};

// Shortenings and spellings of a name part, and the word they stand for.
struct Spelling {
  std::string_view written, word;
};
constexpr Spelling kSpellings[] = {
    {"mohammad", "muhammad"}, {"mohamad", "muhammad"},  {"muhamad", "muhammad"},
    {"mohammed", "muhammad"}, {"muhammed", "muhammad"}, {"mochammad", "muhammad"},
    {"mochamad", "muhammad"}, {"moh", "muhammad"},      {"moch", "muhammad"},
    {"muh", "muhammad"},      {"much", "muhammad"},     {"mhd", "muhammad"},
    {"mohd", "muhammad"},     {"abd", "abdul"},         {"abdoel", "abdul"},
};

template <std::size_t N>
bool IsOneOf(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

std::vector<std::string> SplitWords(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  const auto end_word = [&]() {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == ' ' || c == '\t' || c == ',' || c == '-' || c == '\n' || c == '\r') {
      end_word();
    } else if (c == '.' || c == '\'') {
      // Inside a word: "S.Kom." and "Nur'aini" are one word each.
    } else if (name.substr(i, 3) == "\xE2\x80\x99") {
      i += 2;  // a typographic apostrophe, like '
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else {
      word += c;
    }
  }
  end_word();
  return words;
}

bool WordsMatch(const std::string& a, const std::string& b, std::size_t position,
                std::size_t count) {
  if (a == b) return true;
  if ((a == "m" && b == "muhammad") || (b == "m" && a == "muhammad")) return true;
  const bool middle = position > 0 && position + 1 < count;
  if (!middle) return false;
  const auto initial_of = [](const std::string& letter, const std::string& word) {
    return letter.size() == 1 && letter[0] >= 'a' && letter[0] <= 'z' && word.size() > 1 &&
           word[0] == letter[0];
  };
  return initial_of(a, b) || initial_of(b, a);
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += w;
  return out;
}

}  // namespace

std::vector<std::string> ComparableNameWords(std::string_view name) {
  std::vector<std::string> words = SplitWords(name);
  std::size_t first = 0;
  while (words.size() - first > 1 && IsOneOf(kHonorifics, words[first])) ++first;
  words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(first));
  while (words.size() > 1 && IsOneOf(kDegrees, words.back())) words.pop_back();
  for (auto& w : words) {
    for (const auto& s : kSpellings) {
      if (w == s.written) w = std::string(s.word);
    }
  }
  return words;
}

bool IsSameHolderName(std::string_view registry_name, std::string_view holder_name) {
  const auto registry = ComparableNameWords(registry_name);
  const auto holder = ComparableNameWords(holder_name);
  if (registry.empty() || holder.empty()) return false;
  if (registry.size() == holder.size()) {
    bool all = true;
    for (std::size_t i = 0; i < registry.size() && all; ++i) {
      all = WordsMatch(registry[i], holder[i], i, registry.size());
    }
    if (all) return true;
  }
  return Joined(registry) == Joined(holder);
}

}  // namespace lumbung::profile
