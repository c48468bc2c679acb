#include "employers/payment_routes.h"

#include <soci/soci.h>

#include <memory>
#include <sstream>

#include "core/db/row_value.h"
#include "core/http/access.h"
#include "core/http/multipart.h"
#include "core/i18n/day_text.h"
#include "core/i18n/rupiah.h"
#include "core/view/page.h"
#include "employers/payments.h"

namespace lumbung::employers {
namespace {

using view::mustache::data;

constexpr std::size_t kIssuesShown = 100;
constexpr int kWaitingShown = 50;

// "code-check-digit" -> "code_check_digit": the catalog id's last part.
std::string CatalogName(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

std::string FileProblemName(PaymentFileProblem problem) {
  switch (problem) {
    case PaymentFileProblem::kNone:
      return "none";
    case PaymentFileProblem::kEmptyFile:
      return "empty";
    case PaymentFileProblem::kUtf16:
      return "utf16";
    case PaymentFileProblem::kNotUtf8:
      return "not_utf8";
    case PaymentFileProblem::kMalformedQuotes:
      return "malformed_quotes";
    case PaymentFileProblem::kUnterminatedQuote:
      return "unterminated_quote";
    case PaymentFileProblem::kCellTooLong:
      return "cell_too_long";
    case PaymentFileProblem::kTooManyColumns:
      return "too_many_columns";
    case PaymentFileProblem::kMissingColumn:
      return "missing_column";
    case PaymentFileProblem::kDuplicateColumn:
      return "duplicate_column";
    case PaymentFileProblem::kUnreadable:
      return "unreadable";
  }
  return "unreadable";
}

struct Context {
  db::Database& database;
  const view::Views& views;
};

// The payments no bill has taken yet, newest first.
data Waiting(const Context& c, soci::session& sql, const std::string& lang) {
  data list{data::type::list};
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT payment_code, amount, CAST(paid_on AS TEXT), bank_reference FROM "
                      "bank_payments WHERE bill_id IS NULL ORDER BY id DESC LIMIT :l",
       soci::use(kWaitingShown, "l"));
  for (const auto& row : rows) {
    data item;
    item.set("code", row.get<std::string>(0));
    item.set("amount", i18n::FormatRupiah(db::RowInt(row, 1), lang));
    item.set("paid_on", i18n::DayText(c.views.catalogs(), lang, row.get<std::string>(2)));
    item.set("reference", row.get<std::string>(3));
    list.push_back(item);
  }
  return list;
}

http::Response FormPage(const Context& c, const http::Request& request, data page,
                        int status = 200) {
  auto lease = c.database.Acquire();
  const data waiting = Waiting(c, *lease, request.lang);
  page.set("waiting", waiting);
  page.set("has_waiting", !waiting.is_empty_list());
  page.set("action", std::string(kPaymentUploadPath));
  return view::Page(request, c.views, "employers/payments_import", "employers.payments.title", page,
                    status);
}

http::Response Refuse(const Context& c, const http::Request& request, const std::string& message) {
  data page;
  page.set("has_file_error", true);
  page.set("file_error", message);
  return FormPage(c, request, page, 422);
}

http::Response ImportPost(const Context& c, http::Request& request) {
  const auto& t = c.views.catalogs();
  const std::string& lang = request.lang;
  const auto form = http::ParseMultipart(request);
  if (!form) return http::Response::Error(400);
  const http::UploadedFile* file = form->File("payments");
  if (!file) return Refuse(c, request, t.Get(lang, "employers.payments.no_file"));
  std::istringstream in(file->content);
  ImportOptions options;
  options.ip = request.remote_ip;
  options.user_agent = std::string(request.Header("user-agent"));
  options.keep_issues = kIssuesShown;
  const ImportSummary summary =
      ImportPaymentFile(c.database, in, {}, request.visitor.account_id, options);
  if (summary.file_error && summary.rows == 0) {
    const auto& e = *summary.file_error;
    return Refuse(c, request,
                  t.Format(lang, "employers.payments.file." + FileProblemName(e.problem),
                           {{"row", std::to_string(e.row_number)}, {"header", e.detail}}));
  }
  data page;
  page.set("imported", true);
  page.set("file_name", file->filename);
  const auto count = [](std::int64_t n) { return std::to_string(n); };
  page.set("rows", count(summary.rows));
  page.set("applied", count(summary.applied));
  page.set("paid_in_full", count(summary.paid_in_full));
  page.set("duplicates", count(summary.duplicates));
  page.set("unknown_codes", count(summary.unknown_codes));
  page.set("bad_rows", count(summary.bad_rows));
  page.set("credits", count(summary.credits));
  page.set("amount_applied", i18n::FormatRupiah(summary.amount_applied, lang));
  page.set("amount_credited", i18n::FormatRupiah(summary.amount_credited, lang));
  page.set("amount_unknown", i18n::FormatRupiah(summary.amount_unknown, lang));
  if (summary.file_error) {
    const auto& e = *summary.file_error;
    page.set("stopped",
             t.Format(lang, "employers.payments.stopped", {{"row", std::to_string(e.row_number)}}));
  }
  data issues{data::type::list};
  for (const auto& issue : summary.issues) {
    data item;
    item.set("row", std::to_string(issue.row_number));
    item.set("code", issue.payment.payment_code);
    item.set("reference", issue.payment.bank_reference);
    std::string message;
    switch (issue.kind) {
      case ImportIssue::Kind::kUnknownCode:
        message = t.Get(lang, "employers.payments.issue.unknown_code");
        break;
      case ImportIssue::Kind::kDuplicateDiffers:
        message = t.Get(lang, "employers.payments.issue.duplicate_differs");
        break;
      case ImportIssue::Kind::kBadRow:
        for (const auto& problem : issue.problems) {
          if (!message.empty()) message += "; ";
          message += t.Format(
              lang,
              "employers.payments.problem." + CatalogName(PaymentProblemName(problem.problem)),
              {{"cell", problem.cell}});
        }
        break;
    }
    item.set("message", message);
    issues.push_back(item);
  }
  page.set("issues", issues);
  page.set("has_issues", !issues.is_empty_list());
  page.set("more_issues", summary.issues_total > static_cast<std::int64_t>(summary.issues.size()));
  return FormPage(c, request, page);
}

}  // namespace

void AddPaymentRoutes(http::Router& router, db::Database& database, const view::Views& views) {
  auto c = std::make_shared<Context>(Context{database, views});
  router.Get(kPaymentUploadPath, http::StaffOnly({"finance"}, [c](http::Request& request) {
               return FormPage(*c, request, data{data::type::object});
             }));
  router.Post(kPaymentUploadPath, http::StaffOnly({"finance"}, [c](http::Request& request) {
                return ImportPost(*c, request);
              }));
}

}  // namespace lumbung::employers
