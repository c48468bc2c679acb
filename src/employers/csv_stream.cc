#include "employers/csv_stream.h"

#include <csv.h>

#include <algorithm>
#include <cstring>
#include <exception>

namespace lumbung::employers {
namespace {

constexpr std::size_t kPiece = 64 * 1024;
// The first line with content is looked for within this many bytes (leading empty lines
// included).
constexpr std::size_t kMaxHeaderSearch = 256 * 1024;

// True for well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool IsUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int length = 0;
    unsigned low = 0x80, high = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (end - p < length) return false;
    if (p[1] < low || p[1] > high) return false;
    for (int i = 2; i < length; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += length;
  }
  return true;
}

}  // namespace

std::string NormaliseHeader(std::string_view header) {
  std::string out;
  bool gap = false;
  for (char c : header) {
    if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '.' || c == '/' || c == ':' ||
        c == '(' || c == ')') {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  for (std::string_view unit : {" rp", " idr"}) {
    if (out.size() > unit.size() && out.ends_with(unit)) out.resize(out.size() - unit.size());
  }
  return out;
}

struct CsvStream::State {
  CsvRowCallback on_row;
  CsvLimits limits;

  csv_parser parser{};
  bool parser_ready = false;
  bool bom_checked = false;
  std::string pending;  // bytes before the first line with content is known
  char delimiter = ',';

  CsvRow row;
  std::size_t cell_count = 0;
  std::int64_t rows_seen = 0;  // rows ended so far, empty ones included
  bool pending_cr = false;     // the last row ended with CR: a following LF belongs to it
  bool delivered = false;      // a row with content went to on_row

  std::optional<CsvError> error;
  std::exception_ptr callback_exception;

  void Fail(CsvProblem problem, std::int64_t row_number) {
    if (!error) error = CsvError{problem, row_number};
  }
  std::int64_t CurrentRow() const { return rows_seen + 1; }

  static void OnCell(void* bytes, std::size_t size, void* self) {
    auto* s = static_cast<State*>(self);
    if (s->error) return;
    s->pending_cr = false;
    if (size > s->limits.max_cell_bytes) return s->Fail(CsvProblem::kCellTooLong, s->CurrentRow());
    if (s->cell_count >= s->limits.max_columns) {
      return s->Fail(CsvProblem::kTooManyColumns, s->CurrentRow());
    }
    const std::string_view cell(bytes ? static_cast<const char*>(bytes) : "", size);
    if (!IsUtf8(cell)) return s->Fail(CsvProblem::kNotUtf8, s->CurrentRow());
    auto& cells = s->row.cells;
    if (s->cell_count < cells.size()) {
      cells[s->cell_count].assign(cell);
    } else {
      cells.emplace_back(cell);
    }
    ++s->cell_count;
  }

  static void OnRowEnd(int terminator, void* self) {
    auto* s = static_cast<State*>(self);
    if (s->error) return;
    // CSV_REPALL_NL reports every line break; the LF of a CRLF is not another row.
    if (s->cell_count == 0 && terminator == CSV_LF && s->pending_cr) {
      s->pending_cr = false;
      return;
    }
    s->pending_cr = terminator == CSV_CR;
    ++s->rows_seen;
    auto& cells = s->row.cells;
    cells.resize(s->cell_count);
    s->cell_count = 0;
    if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); })) {
      return;  // an empty line: skipped, but counted
    }
    s->row.row_number = s->rows_seen;
    s->delivered = true;
    // A C library is between us and the caller: no exception may cross it.
    try {
      if (!s->on_row(s->row)) s->Fail(CsvProblem::kStopped, s->rows_seen);
    } catch (...) {
      s->callback_exception = std::current_exception();
      s->Fail(CsvProblem::kUnreadable, s->rows_seen);
    }
  }

  // Byte-order marks: UTF-8's is dropped, UTF-16's and UTF-32's refuse the file.
  void CheckBom(bool finishing) {
    if (bom_checked || (pending.size() < 3 && !finishing)) return;
    bom_checked = true;
    if (pending.starts_with("\xEF\xBB\xBF")) {
      pending.erase(0, 3);
    } else if (pending.starts_with("\xFF\xFE") || pending.starts_with("\xFE\xFF")) {
      Fail(CsvProblem::kUtf16, 0);
    }
  }

  // The delimiter of the first line with content: ';' when it has more semicolons than commas
  // outside quotes. nullopt while that line has not ended (unless finishing).
  std::optional<char> DetectDelimiter(bool finishing) const {
    bool in_quotes = false, content = false;
    std::size_t commas = 0, semicolons = 0;
    char previous = '\0';
    for (const char c : pending) {
      const bool after_quote = previous == '"';
      previous = c;
      // Text inside quotes is content too, and so is a quote inside them (written ""): a line
      // of quoted cells (a file exported with every cell quoted) is the first line with
      // content, and its delimiters are the file's.
      if (c == '"') {
        if (!in_quotes && after_quote) content = true;
        in_quotes = !in_quotes;
        continue;
      }
      if (in_quotes) {
        content = true;
        continue;
      }
      if (c == '\r' || c == '\n') {
        if (content) return semicolons > commas ? ';' : ',';
        commas = semicolons = 0;
      } else if (c == ',') {
        ++commas;
      } else if (c == ';') {
        ++semicolons;
      } else if (c != ' ' && c != '\t') {
        content = true;
      }
    }
    if (finishing) return semicolons > commas ? ';' : ',';
    return std::nullopt;
  }

  void Parse(std::string_view bytes) {
    while (!bytes.empty() && !error) {
      const std::string_view piece = bytes.substr(0, kPiece);
      bytes.remove_prefix(piece.size());
      // UTF-16 without a byte-order mark has a NUL in every ASCII character; CSV text has none.
      if (std::memchr(piece.data(), '\0', piece.size())) return Fail(CsvProblem::kUtf16, 0);
      const std::size_t parsed =
          csv_parse(&parser, piece.data(), piece.size(), &State::OnCell, &State::OnRowEnd, this);
      if (callback_exception) std::rethrow_exception(callback_exception);
      if (error) return;
      if (parsed < piece.size()) {
        return Fail(csv_error(&parser) == CSV_EPARSE ? CsvProblem::kMalformedQuotes
                                                     : CsvProblem::kCellTooLong,
                    CurrentRow());
      }
      // A cell still open (an unterminated quote) must not grow without bound.
      if (parser.entry_pos > limits.max_cell_bytes)
        return Fail(CsvProblem::kCellTooLong, CurrentRow());
    }
  }

  // Until the first line with content is known, bytes wait in `pending`.
  // `line_end`: the latest bytes hold a line break (that line may have ended).
  void Start(bool finishing, bool line_end) {
    CheckBom(finishing);
    if (error || !bom_checked) return;
    const std::optional<char> detected =
        finishing || line_end ? DetectDelimiter(finishing) : std::nullopt;
    if (!detected) {
      if (pending.size() > kMaxHeaderSearch) {
        const bool content = pending.find_first_not_of(" \t\r\n,;") != std::string::npos;
        Fail(content ? CsvProblem::kCellTooLong : CsvProblem::kEmptyFile, content ? 1 : 0);
      }
      return;
    }
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
      return Fail(CsvProblem::kUnreadable, 0);
    }
    csv_set_delim(&parser, static_cast<unsigned char>(*detected));
    delimiter = *detected;
    parser_ready = true;
    const std::string bytes = std::move(pending);
    pending.clear();
    Parse(bytes);
  }
};

CsvStream::CsvStream(CsvRowCallback on_row, CsvLimits limits) : state_(std::make_unique<State>()) {
  state_->on_row = std::move(on_row);
  state_->limits = limits;
}

CsvStream::~CsvStream() {
  if (state_->parser_ready) csv_free(&state_->parser);
}

bool CsvStream::Feed(std::string_view bytes) {
  State& s = *state_;
  if (s.error) return false;
  if (s.parser_ready) {
    s.Parse(bytes);
  } else {
    s.pending.append(bytes);
    s.Start(false, bytes.find_first_of("\r\n") != std::string_view::npos);
  }
  return !s.error;
}

std::optional<CsvError> CsvStream::Finish() {
  State& s = *state_;
  if (!s.error && !s.parser_ready) s.Start(true, true);
  if (!s.error && s.parser_ready) {
    const int ended = csv_fini(&s.parser, &State::OnCell, &State::OnRowEnd, &s);
    if (s.callback_exception) std::rethrow_exception(s.callback_exception);
    if (ended != 0 && !s.error) s.Fail(CsvProblem::kUnterminatedQuote, s.CurrentRow());
  }
  if (!s.error && !s.delivered) s.Fail(CsvProblem::kEmptyFile, 0);
  return s.error;
}

const std::optional<CsvError>& CsvStream::error() const {
  return state_->error;
}

char CsvStream::delimiter() const {
  return state_->delimiter;
}

}  // namespace lumbung::employers
