#include "support/routes.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/attachment.h"
#include "core/http/multipart.h"
#include "core/http/url.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/typed_text.h"
#include "core/i18n/wib_time.h"
#include "core/i18n/working_days.h"
#include "core/uploads/display_name.h"
#include "core/uploads/file_kind.h"
#include "core/uploads/file_store.h"
#include "core/view/page.h"
#include "support/conversation_state.h"
#include "support/reference.h"
#include "support/support_store.h"
#include "support/topics.h"

#ifdef LUMBUNG_HAVE_HELP_SUGGEST
#include "help/suggest.h"
#endif

namespace lumbung::support {
namespace {

using view::mustache::data;

constexpr std::size_t kMaxSubjectChars = 120;
constexpr std::size_t kMaxBodyChars = 5000;
constexpr int kSuggestions = 3;
const std::vector<uploads::FileKind> kAllowedKinds = {
    uploads::FileKind::kPdf, uploads::FileKind::kJpeg, uploads::FileKind::kPng};

struct Context {
  db::Database& database;
  const view::Views& views;
  uploads::FileStore files;
  inbox::Notifier notify;
  int target_working_days;
  std::size_t max_file_bytes;
  int max_files;
};
using Ctx = std::shared_ptr<const Context>;

const i18n::Catalogs& T(const Context& c) {
  return c.views.catalogs();
}

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::size_t Chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

std::string Field(const http::Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// What a message form carries

struct Draft {
  std::string topic, subject, body;
  // Catalog texts by field ("topic", "subject", "body", "attachments").
  std::map<std::string, std::string> errors;
  std::vector<std::string> file_errors;  // each refused file, already formatted
};

// Checks the text fields of `draft` (as typed) in place: tidied values, errors by field.
void CheckText(const Context& c, const std::string& lang, Draft& d, bool with_topic) {
  const auto& t = T(c);
  if (with_topic && !IsTopic(d.topic)) d.errors["topic"] = t.Get(lang, "support.error.topic");
  if (with_topic) {
    std::string subject;
    if (!i18n::TidyTypedText(d.subject, false, &subject)) {
      d.errors["subject"] = t.Get(lang, "support.error.characters");
    } else if (subject.empty()) {
      d.errors["subject"] = t.Get(lang, "support.error.subject_missing");
    } else if (Chars(subject) > kMaxSubjectChars) {
      d.errors["subject"] = t.Get(lang, "support.error.subject_too_long");
    }
    d.subject = subject.empty() ? d.subject : subject;
  }
  std::string body;
  if (!i18n::TidyTypedText(d.body, true, &body)) {
    d.errors["body"] = t.Get(lang, "support.error.characters");
  } else if (body.empty()) {
    d.errors["body"] = t.Get(lang, "support.error.body_missing");
  } else if (Chars(body) > kMaxBodyChars) {
    d.errors["body"] = t.Get(lang, "support.error.body_too_long");
  }
  if (!body.empty()) d.body = body;
}

struct CheckedFile {
  const http::UploadedFile* file;
  uploads::FileKind kind;
};

// Checks every attached file by its content; refused ones become errors of "attachments".
std::vector<CheckedFile> CheckFiles(const Context& c, const std::string& lang,
                                    const http::MultipartForm& form, Draft& d) {
  const auto& t = T(c);
  std::vector<CheckedFile> ok;
  std::vector<const http::UploadedFile*> files;
  for (const auto& f : form.files) {
    if (f.field == "attachments") files.push_back(&f);
  }
  if (static_cast<int>(files.size()) > c.max_files) {
    d.file_errors.push_back(
        t.Format(lang, "support.error.too_many_files", {{"max", std::to_string(c.max_files)}}));
    return {};
  }
  for (const auto* f : files) {
    const auto verdict = uploads::CheckUpload(f->content, kAllowedKinds, c.max_file_bytes);
    if (!verdict.ok()) {
      d.file_errors.push_back(
          t.Format(lang, "support.error.file_" + std::string(uploads::ProblemName(verdict.problem)),
                   {{"name", uploads::CleanUploadedName(f->filename)},
                    {"max", std::to_string(c.max_file_bytes / (1024 * 1024))}}));
      continue;
    }
    ok.push_back({f, verdict.kind});
  }
  return ok;
}

// Puts the checked files in the store; the caller removes them again if the message is not
// saved after all.
std::vector<NewAttachment> StoreFiles(const Context& c, const std::vector<CheckedFile>& files,
                                      const std::string& fallback) {
  std::vector<NewAttachment> saved;
  try {
    for (const auto& f : files) {
      NewAttachment a;
      a.kind = f.kind;
      a.display_name = uploads::SafeDisplayName(f.file->filename, f.kind, fallback);
      a.size_bytes = static_cast<std::int64_t>(f.file->content.size());
      a.file_id = c.files.Save(f.file->content);
      saved.push_back(std::move(a));
    }
  } catch (...) {
    for (const auto& a : saved) c.files.Remove(a.file_id);
    throw;
  }
  return saved;
}

void RemoveFiles(const Context& c, const std::vector<NewAttachment>& saved) {
  for (const auto& a : saved) c.files.Remove(a.file_id);
}

// The error summary and per-field errors for a template.
void PutErrors(const Draft& d, data& page) {
  data list{data::type::list};
  const std::pair<const char*, const char*> order[] = {
      {"topic", "#f-topic-account"}, {"subject", "#f-subject"}, {"body", "#f-body"}};
  for (const auto& [field, href] : order) {
    auto it = d.errors.find(field);
    if (it == d.errors.end()) continue;
    data e{data::type::object};
    e.set("href", std::string(href));
    e.set("message", it->second);
    list.push_back(e);
    page.set(std::string(field) + "_error", it->second);
  }
  if (!d.file_errors.empty()) {
    data errors{data::type::list};
    for (const auto& m : d.file_errors) {
      data e{data::type::object};
      e.set("href", std::string("#f-attachments"));
      e.set("message", m);
      list.push_back(e);
      errors.push_back(data(m));
    }
    page.set("attachments_errors", errors);
    page.set("attachments_error", true);
  }
  page.set("has_errors", !list.is_empty_list());
  page.set("errors", list);
}

bool HasProblems(const Draft& d) {
  return !d.errors.empty() || !d.file_errors.empty();
}

std::string FileHint(const Context& c, const std::string& lang) {
  return T(c).Format(lang, "support.form.attachments_hint",
                     {{"max_files", std::to_string(c.max_files)},
                      {"max_mb", std::to_string(c.max_file_bytes / (1024 * 1024))}});
}

audit::Event AuditEvent(const http::Request& request, std::string action,
                        const Conversation& conversation) {
  audit::Event e;
  e.actor_user_id = request.visitor.account_id;
  e.subject_user_id = conversation.account_id;
  e.action = std::move(action);
  e.ip = request.remote_ip;
  e.user_agent = std::string(request.Header("user-agent"));
  e.details = {{"conversation", FormatReference(conversation.id)}};
  return e;
}

Author AuthorOf(const http::Request& request) {
  return {request.visitor.account_id, request.visitor.display_name, request.visitor.role};
}

// ---------------------------------------------------------------------------------------------
// Shared pieces of the pages

std::string StateText(const Context& c, const std::string& lang, State s) {
  return T(c).Get(lang, "support.state." + std::string(StateName(s)));
}

std::string StateTag(State s) {
  switch (s) {
    case State::kNew:
      return "warning";
    case State::kWaitingForStaff:
      return "warning";
    case State::kWaitingForMember:
      return "success";
    case State::kClosed:
      return "done";
  }
  return "";
}

std::string Iso(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

data TopicChoices(const Context& c, const std::string& lang, const std::string& chosen) {
  data list{data::type::list};
  for (auto topic : Topics()) {
    data item{data::type::object};
    item.set("value", std::string(topic));
    item.set("label", T(c).Get(lang, "support.topic." + std::string(topic)));
    item.set("checked", chosen == topic);
    list.push_back(item);
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// The member's pages

// Opening, step 1 (no files yet) and step 2 ("check your message": suggestions, files, send).
http::Response ComposePage(const Context& c, const http::Request& request, const Draft& d,
                           bool check, int status = 200) {
  const std::string& lang = request.lang;
  data page{data::type::object};
  page.set("check", check);
  page.set("topics", TopicChoices(c, lang, d.topic));
  page.set("subject", d.subject);
  page.set("body", d.body);
  page.set("max_subject", std::to_string(kMaxSubjectChars));
  page.set("attachments_hint", FileHint(c, lang));
  PutErrors(d, page);
  if (check) {
    data suggestions{data::type::list};
#ifdef LUMBUNG_HAVE_HELP_SUGGEST
    {
      auto lease = c.database.Acquire();
      for (const auto& a :
           help::SuggestArticles(*lease, d.subject + " " + d.body, lang, kSuggestions)) {
        data item{data::type::object};
        item.set("title", a.title);
        item.set("href", a.href);
        item.set("summary", a.summary);
        suggestions.push_back(item);
      }
    }
#endif
    page.set("has_suggestions", !suggestions.is_empty_list());
    page.set("suggestions", suggestions);
    page.set("files_again", status != 200);
  }
  return view::Page(request, c.views, "support/compose",
                    check ? "support.check.title" : "support.new.title", page, status);
}

data ConversationRowData(const Context& c, const std::string& lang, const Conversation& conv,
                         const std::string& base) {
  data row{data::type::object};
  row.set("reference", FormatReference(conv.id));
  row.set("href", base + FormatReference(conv.id));
  row.set("subject", conv.subject);
  row.set("topic", T(c).Get(lang, "support.topic." + conv.topic));
  row.set("state", StateText(c, lang, conv.state));
  row.set("tag", StateTag(conv.state));
  row.set("last_activity", i18n::FormatWibTime(conv.last_activity_at, lang, T(c)));
  return row;
}

http::Response ListGet(const Context& c, http::Request& request) {
  std::vector<Conversation> conversations;
  {
    auto lease = c.database.Acquire();
    conversations = ConversationsOf(*lease, request.visitor.account_id);
  }
  data rows{data::type::list};
  for (const auto& conv : conversations) {
    rows.push_back(ConversationRowData(c, request.lang, conv, "/support/"));
  }
  data page{data::type::object};
  page.set("rows", rows);
  page.set("has_rows", !conversations.empty());
  return view::Page(request, c.views, "support/list", "support.list.title", page);
}

http::Response NewGet(const Context& c, http::Request& request) {
  return ComposePage(c, request, Draft{}, false);
}

http::Response CheckPost(const Context& c, http::Request& request) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  Draft d{Field(*fields, "topic"), Field(*fields, "subject"), Field(*fields, "body"), {}, {}};
  CheckText(c, request.lang, d, true);
  if (HasProblems(d)) return ComposePage(c, request, d, false, 422);
  return ComposePage(c, request, d, true);
}

http::Response OpenPost(const Context& c, http::Request& request) {
  const auto form = http::ParseMultipart(request);
  if (!form) return http::Response::Error(400);
  Draft d{form->Get("topic"), form->Get("subject"), form->Get("body"), {}, {}};
  CheckText(c, request.lang, d, true);
  const auto files = CheckFiles(c, request.lang, *form, d);
  if (HasProblems(d)) return ComposePage(c, request, d, true, 422);
  const auto saved = StoreFiles(c, files, T(c).Get(request.lang, "support.file_fallback"));
  std::int64_t id = 0;
  try {
    auto lease = c.database.Acquire();
    auto tx = db::Transaction::ForWriting(*lease);
    const Opened opened =
        OpenConversation(*lease, AuthorOf(request), {d.topic, d.subject, d.body}, saved, Now());
    id = opened.conversation_id;
    Conversation conv;
    conv.id = id;
    conv.account_id = request.visitor.account_id;
    audit::Event e = AuditEvent(request, "", conv);
    e.action = "support.conversation_opened";
    e.details["attachments"] = std::to_string(saved.size());
    audit::Append(*lease, e);  // last before the commit (audit_log.h)
    tx.Commit();
  } catch (...) {
    RemoveFiles(c, saved);
    throw;
  }
  return http::Response::Redirect("/support/" + FormatReference(id) + "?notice=sent");
}

// The conversation of the URL's reference, when the visitor may see it; nullopt: 404.
std::optional<Conversation> OwnConversation(soci::session& sql, const http::Request& request) {
  const auto id = ParseReference(request.params.at("ref"));
  if (!id) return std::nullopt;
  return FindOwnConversation(sql, *id, request.visitor.account_id);
}

std::optional<Conversation> AnyConversation(soci::session& sql, const http::Request& request) {
  const auto id = ParseReference(request.params.at("ref"));
  if (!id) return std::nullopt;
  return FindConversation(sql, *id);
}

// The conversation page, for its owner (`staff` false) or for staff.
http::Response ConversationPage(const Context& c, const http::Request& request, soci::session& sql,
                                const Conversation& conv, bool staff, const Draft& reply,
                                int status = 200) {
  const std::string& lang = request.lang;
  const std::string base = (staff ? "/staff/support/" : "/support/") + FormatReference(conv.id);
  data page{data::type::object};
  page.set("staff", staff);
  page.set("reference", FormatReference(conv.id));
  page.set("subject", conv.subject);
  page.set("topic", T(c).Get(lang, "support.topic." + conv.topic));
  page.set("state", StateText(c, lang, conv.state));
  page.set("tag", StateTag(conv.state));
  page.set("open", conv.state != State::kClosed);
  page.set("opened_at", i18n::FormatWibTime(conv.created_at, lang, T(c)));
  page.set("owner_name", conv.owner_name);
  page.set("owner_role", T(c).Get(lang, "support.role." + conv.owner_role));
  page.set("assigned_name", conv.assigned_name);
  page.set("assigned", conv.assigned_to.has_value());
  page.set("assigned_to_me", conv.assigned_to == request.visitor.account_id);
  page.set("base", base);
  page.set("list_href", staff ? std::string("/staff/support") : std::string("/support"));
  if (staff && AwaitsStaff(conv.state)) {
    const auto clock =
        i18n::ClockOf(i18n::FundDay(conv.waiting_since), i18n::FundToday(), c.target_working_days);
    page.set("clock", true);
    page.set("due", i18n::DayText(T(c), lang, Iso(clock.due)));
    page.set("overdue", clock.overdue);
  }
  data messages{data::type::list};
  for (const Message& m : MessagesOf(sql, conv.id)) {
    data item{data::type::object};
    const bool mine = !staff && !m.from_staff;
    item.set("from_staff", m.from_staff);
    item.set("author", mine ? T(c).Get(lang, "support.conversation.you")
                       : m.from_staff
                           ? (staff ? m.author_name + " (" +
                                          T(c).Get(lang, "support.conversation.fund_staff") + ")"
                                    : T(c).Get(lang, "support.conversation.fund_staff"))
                           : m.author_name);
    item.set("at", i18n::FormatWibTime(m.created_at, lang, T(c)));
    data paragraphs{data::type::list};
    std::size_t start = 0;
    while (start <= m.body.size()) {
      const auto end = m.body.find("\n\n", start);
      const std::string p =
          m.body.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!p.empty()) paragraphs.push_back(data(p));
      if (end == std::string::npos) break;
      start = end + 2;
    }
    item.set("paragraphs", paragraphs);
    data files{data::type::list};
    for (const auto& a : m.attachments) {
      data f{data::type::object};
      f.set("name", a.display_name);
      f.set("href", base + "/files/" + std::to_string(a.id));
      f.set("kind", std::string(uploads::KindName(a.kind)) == "jpeg"  ? std::string("JPEG")
                    : std::string(uploads::KindName(a.kind)) == "png" ? std::string("PNG")
                                                                      : std::string("PDF"));
      f.set("size", std::to_string((a.size_bytes + 1023) / 1024) + " KB");
      files.push_back(f);
    }
    item.set("files", files);
    item.set("has_files", !m.attachments.empty());
    messages.push_back(item);
  }
  page.set("messages", messages);
  page.set("body", reply.body);
  page.set("attachments_hint", FileHint(c, lang));
  PutErrors(reply, page);
  const std::string notice = request.Query("notice").value_or("");
  if (status == 200 &&
      (notice == "sent" || notice == "replied" || notice == "closed" || notice == "assigned")) {
    page.set("notice", T(c).Get(lang, "support.notice." + notice));
  }
  return view::Page(request, c.views, "support/conversation", "support.conversation.title", page,
                    status);
}

http::Response ConversationGet(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto conv = OwnConversation(*lease, request);
  if (!conv) return http::Response::Error(404);
  return ConversationPage(c, request, *lease, *conv, false, Draft{});
}

// A reply by the owner or by staff; `staff` decides the event and who is notified.
http::Response ReplyPost(const Context& c, http::Request& request, bool staff) {
  const auto form = http::ParseMultipart(request);
  if (!form) return http::Response::Error(400);
  std::optional<Conversation> conv;
  {
    auto lease = c.database.Acquire();
    conv = staff ? AnyConversation(*lease, request) : OwnConversation(*lease, request);
  }
  if (!conv) return http::Response::Error(404);
  Draft d{"", "", form->Get("body"), {}, {}};
  CheckText(c, request.lang, d, false);
  const auto files = CheckFiles(c, request.lang, *form, d);
  if (conv->state == State::kClosed)
    d.errors["body"] = T(c).Get(request.lang, "support.error.closed");
  if (HasProblems(d)) {
    auto lease = c.database.Acquire();
    return ConversationPage(c, request, *lease, *conv, staff, d, 422);
  }
  const auto saved = StoreFiles(c, files, T(c).Get(request.lang, "support.file_fallback"));
  std::optional<Added> added;
  try {
    auto lease = c.database.Acquire();
    auto tx = db::Transaction::ForWriting(*lease);
    added = AddMessage(*lease, *conv, AuthorOf(request), staff, d.body, saved, Now());
    if (added) {
      if (staff) {
        // The member learns there is a reply, never what it says (the mail is read elsewhere).
        inbox::Notify(c.notify, *lease,
                      {.account_id = conv->account_id,
                       .category = std::string(inbox::kSupport),
                       .message_id = "support.inbox.reply",
                       .values = {{"reference", FormatReference(conv->id)}},
                       .link = "/support/" + FormatReference(conv->id),
                       .dedupe_key = "support.reply:" + std::to_string(added->message_id),
                       .mail_subject_id = "support.mail.subject"});
      }
      audit::Event e = AuditEvent(request, "", *conv);
      e.action = "support.message_sent";
      e.details["by"] = staff ? "staff" : "owner";
      e.details["attachments"] = std::to_string(saved.size());
      audit::Append(*lease, e);  // last before the commit (audit_log.h)
      tx.Commit();
    }
  } catch (...) {
    RemoveFiles(c, saved);
    throw;
  }
  if (!added) {
    // Closed or answered meanwhile: nothing saved; the page shows what is there now.
    RemoveFiles(c, saved);
    auto lease = c.database.Acquire();
    const auto now = FindConversation(*lease, conv->id);
    d.errors["body"] =
        T(c).Get(request.lang, now && now->state == State::kClosed ? "support.error.closed"
                                                                   : "support.error.changed");
    return ConversationPage(c, request, *lease, now.value_or(*conv), staff, d, 409);
  }
  return http::Response::Redirect((staff ? "/staff/support/" : "/support/") +
                                  FormatReference(conv->id) + "?notice=replied");
}

http::Response ClosePost(const Context& c, http::Request& request, bool staff) {
  auto lease = c.database.Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const auto conv = staff ? AnyConversation(*lease, request) : OwnConversation(*lease, request);
  if (!conv) return http::Response::Error(404);
  const std::string back =
      (staff ? "/staff/support/" : "/support/") + FormatReference(conv->id) + "?notice=closed";
  if (!Close(*lease, conv->id, Now())) return http::Response::Redirect(back);
  audit::Event e = AuditEvent(request, "", *conv);
  e.action = "support.conversation_closed";
  e.details["by"] = staff ? "staff" : "owner";
  audit::Append(*lease, e);
  tx.Commit();
  return http::Response::Redirect(back);
}

// An attachment as a download: never shown inline, its type the one the content proved.
http::Response FileGet(const Context& c, http::Request& request, bool staff) {
  const auto attachment_id = http::PathId(request, "id");
  if (!attachment_id) return http::Response::Error(404);
  const std::string aid = std::to_string(*attachment_id);
  std::optional<Attachment> attachment;
  {
    auto lease = c.database.Acquire();
    const auto conv = staff ? AnyConversation(*lease, request) : OwnConversation(*lease, request);
    if (!conv) return http::Response::Error(404);
    attachment = FindAttachment(*lease, conv->id, *attachment_id);
    if (!attachment) return http::Response::Error(404);
    if (staff) {
      audit::Event e = AuditEvent(request, "", *conv);
      e.action = "support.attachment_downloaded";
      e.details["attachment"] = aid;
      audit::Append(*lease, e);
    }
  }
  const auto bytes = c.files.Read(attachment->file_id);
  if (!bytes) return http::Response::Error(404);
  return http::Attachment(*bytes, uploads::ContentType(attachment->kind), attachment->display_name);
}

// ---------------------------------------------------------------------------------------------
// Staff

const std::vector<std::string>& QueueFilters() {
  static const std::vector<std::string> filters = {"open", "new", "waiting_for_staff",
                                                   "waiting_for_member", "closed"};
  return filters;
}

http::Response QueueGet(const Context& c, http::Request& request) {
  const std::string& lang = request.lang;
  std::string filter = request.Query("state").value_or("open");
  if (std::find(QueueFilters().begin(), QueueFilters().end(), filter) == QueueFilters().end()) {
    filter = "open";
  }
  std::vector<State> states;
  if (filter != "open") states.push_back(*ParseState(filter));
  std::vector<Conversation> queue;
  {
    auto lease = c.database.Acquire();
    queue = Queue(*lease, states);
  }
  const auto today = i18n::FundToday();
  data rows{data::type::list};
  int overdue = 0;
  for (const auto& conv : queue) {
    data row = ConversationRowData(c, lang, conv, "/staff/support/");
    row.set("owner", conv.owner_name);
    row.set("owner_role", T(c).Get(lang, "support.role." + conv.owner_role));
    row.set("assigned_name", conv.assigned_name);
    const int age = i18n::WorkingDaysBetween(i18n::FundDay(conv.created_at), today);
    row.set("age", T(c).Format(lang, "support.queue.working_days", {{"n", std::to_string(age)}}));
    if (AwaitsStaff(conv.state)) {
      const auto clock =
          i18n::ClockOf(i18n::FundDay(conv.waiting_since), today, c.target_working_days);
      row.set("due", i18n::DayText(T(c), lang, Iso(clock.due)));
      row.set("overdue", clock.overdue);
      overdue += clock.overdue ? 1 : 0;
    }
    rows.push_back(row);
  }
  data filters{data::type::list};
  for (const auto& f : QueueFilters()) {
    data item{data::type::object};
    item.set("value", f);
    item.set("label", T(c).Get(lang, "support.queue.filter." + f));
    item.set("selected", f == filter);
    filters.push_back(item);
  }
  data page{data::type::object};
  page.set("filters", filters);
  page.set("rows", rows);
  page.set("has_rows", !queue.empty());
  page.set("count", T(c).Format(lang, "support.queue.count",
                                {{"n", std::to_string(queue.size())},
                                 {"overdue", std::to_string(overdue)}}));
  page.set("target", T(c).Format(lang, "support.queue.target",
                                 {{"n", std::to_string(c.target_working_days)}}));
  return view::Page(request, c.views, "support/queue", "support.queue.title", page);
}

http::Response StaffConversationGet(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  const auto conv = AnyConversation(*lease, request);
  if (!conv) return http::Response::Error(404);
  // Every staff look at a member's conversation is on record, and in their recent activity.
  audit::Event e = AuditEvent(request, "", *conv);
  e.action = "support.conversation_viewed";
  audit::Append(*lease, e);
  return ConversationPage(c, request, *lease, *conv, true, Draft{});
}

http::Response AssignPost(const Context& c, http::Request& request) {
  auto lease = c.database.Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const auto conv = AnyConversation(*lease, request);
  if (!conv) return http::Response::Error(404);
  const std::string back = "/staff/support/" + FormatReference(conv->id) + "?notice=assigned";
  if (!Assign(*lease, conv->id, AuthorOf(request))) return http::Response::Redirect(back);
  audit::Event e = AuditEvent(request, "", *conv);
  e.action = "support.conversation_assigned";
  audit::Append(*lease, e);
  tx.Commit();
  return http::Response::Redirect(back);
}

}  // namespace

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config, inbox::Notifier notifier) {
  auto c = std::make_shared<const Context>(
      Context{database, views, uploads::FileStore(config.String("uploads.dir")),
              std::move(notifier), static_cast<int>(config.Int("support.target_working_days")),
              static_cast<std::size_t>(config.Int("support.max_file_bytes")),
              static_cast<int>(config.Int("support.max_files"))});
  const auto bind = [c](http::Response (*f)(const Context&, http::Request&)) {
    return [c, f](http::Request& request) { return f(*c, request); };
  };
  const auto bind_side = [c](http::Response (*f)(const Context&, http::Request&, bool),
                             bool staff) {
    return [c, f, staff](http::Request& request) { return f(*c, request, staff); };
  };
  const auto member = [](http::Handler h) {
    return http::OnlyRoles({"member", "employer_admin", "employer_staff"}, std::move(h));
  };
  const auto staff = [](http::Handler h) {
    return http::StaffOnly({"member_services"}, std::move(h));
  };
  router.Get("/support", member(bind(ListGet)));
  router.Get("/support/new", member(bind(NewGet)));
  router.Post("/support/new/check", member(bind(CheckPost)));
  router.Post("/support/new", member(bind(OpenPost)));
  router.Get("/support/{ref}", member(bind(ConversationGet)));
  router.Post("/support/{ref}/reply", member(bind_side(ReplyPost, false)));
  router.Post("/support/{ref}/close", member(bind_side(ClosePost, false)));
  router.Get("/support/{ref}/files/{id}", member(bind_side(FileGet, false)));
  router.Get("/staff/support", staff(bind(QueueGet)));
  router.Get("/staff/support/{ref}", staff(bind(StaffConversationGet)));
  router.Post("/staff/support/{ref}/assign", staff(bind(AssignPost)));
  router.Post("/staff/support/{ref}/reply", staff(bind_side(ReplyPost, true)));
  router.Post("/staff/support/{ref}/close", staff(bind_side(ClosePost, true)));
  router.Get("/staff/support/{ref}/files/{id}", staff(bind_side(FileGet, true)));
}

}  // namespace lumbung::support
