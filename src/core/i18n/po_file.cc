#include "core/i18n/po_file.h"

#include <sstream>
#include <vector>

namespace lumbung::i18n {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::map<std::string, std::string> ParsePo(std::string_view text, const std::string& name) {
  std::map<std::string, std::string> out;
  enum class Field { kNone, kId, kStr } field = Field::kNone;
  std::string id, str;
  bool have_id = false, have_str = false;
  int line_no = 0, entry_line = 0;

  auto fail = [&](const std::string& why) -> void {
    throw PoError(name + ":" + std::to_string(line_no) + ": " + why);
  };
  auto unquote = [&](std::string_view s) {
    s = Trim(s);
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') fail("expected a quoted string");
    std::string value;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      char c = s[i];
      if (c == '"') fail("unescaped quote");
      if (c != '\\') {
        value += c;
        continue;
      }
      if (++i + 1 > s.size() - 1) fail("dangling backslash");
      switch (s[i]) {
        case 'n':
          value += '\n';
          break;
        case 't':
          value += '\t';
          break;
        case '"':
          value += '"';
          break;
        case '\\':
          value += '\\';
          break;
        default:
          fail(std::string("unknown escape \\") + s[i]);
      }
    }
    return value;
  };
  auto flush = [&]() {
    if (!have_id && !have_str) return;
    if (!have_id || !have_str) {
      line_no = entry_line;
      fail("entry needs both msgid and msgstr");
    }
    if (!id.empty()) {
      if (str.empty()) {
        line_no = entry_line;
        fail("msgid \"" + id + "\" has no translation");
      }
      if (!out.emplace(id, str).second) {
        line_no = entry_line;
        fail("duplicate msgid \"" + id + "\"");
      }
    }
    id.clear();
    str.clear();
    have_id = have_str = false;
    field = Field::kNone;
  };

  std::istringstream in{std::string(text)};
  std::string raw;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string_view line = Trim(raw);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.front() == '#') continue;
    if (line.rfind("msgid ", 0) == 0) {
      flush();
      entry_line = line_no;
      id = unquote(line.substr(6));
      have_id = true;
      field = Field::kId;
    } else if (line.rfind("msgstr ", 0) == 0) {
      if (!have_id || have_str) fail("msgstr without msgid");
      str = unquote(line.substr(7));
      have_str = true;
      field = Field::kStr;
    } else if (line.front() == '"') {
      if (field == Field::kId) {
        id += unquote(line);
      } else if (field == Field::kStr) {
        str += unquote(line);
      } else {
        fail("string continuation outside an entry");
      }
    } else {
      fail("unsupported line (plurals and contexts are not used)");
    }
  }
  flush();
  return out;
}

}  // namespace lumbung::i18n
