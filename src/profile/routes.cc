#include "profile/routes.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "core/mail/outbox.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "identity/account_mail.h"
#include "identity/report_link.h"
#include "membership/summary.h"
#include "profile/bank.h"
#include "profile/beneficiaries.h"
#include "profile/contact.h"
#include "profile/holder_name.h"
#include "profile/payout_account.h"
#include "profile/profile_store.h"
#include "registry/nik.h"

namespace lumbung::profile {
namespace {

using view::mustache::data;

struct Settings {
  std::string public_url, fund_name, web_address, fund_phone, message_id_domain;
  std::string seal_key;         // for account numbers (bank.h)
  std::string fingerprint_key;  // for the accounts' fingerprints (bank.h AccountFingerprint)
  std::vector<Bank> banks;
};

Settings SettingsFrom(const config::Config& c) {
  Settings s;
  s.public_url = c.String("public.url");
  while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
  s.fund_name = c.String("fund.name");
  s.web_address =
      c.String("fund.web_address").empty() ? c.String("public.url") : c.String("fund.web_address");
  s.fund_phone = c.String("fund.phone");
  s.message_id_domain = mail::MessageIdDomain(c.String("smtp.from"));
  s.seal_key = PayoutAccountKey(c);
  s.fingerprint_key = AccountFingerprintKey(c);
  s.banks = LoadBankList(c.SharePath(c.String("profile.banks_file")));
  return s;
}

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The notices /profile shows after a change (?notice=...).
constexpr std::string_view kNotices[] = {"contact_changed", "bank_changed",
                                         "bank_changed_other_holder", "beneficiaries_changed",
                                         "unchanged"};

// The submitted form; nullopt when malformed (the page answers 400).
std::optional<http::Fields> FormOf(const http::Request& request) {
  return http::ParseUrlEncoded(request.body);
}

std::string Value(const http::Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return "";
}

// "1986-01-25" -> "25 Januari 1986" / "25 January 1986"; the text itself when malformed.
std::string FormatDate(const std::string& iso, const std::string& lang, const i18n::Catalogs& t) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  const int month = std::atoi(iso.substr(5, 2).c_str());
  const int day = std::atoi(iso.substr(8, 2).c_str());
  if (month < 1 || month > 12 || day < 1) return iso;
  return std::to_string(day) + " " + t.Get(lang, "date.months." + std::to_string(month)) + " " +
         iso.substr(0, 4);
}

std::string ProvinceName(int code) {
  for (const auto& p : registry::Provinces()) {
    if (p.code == code) return p.name;
  }
  return std::to_string(code);
}

std::string BankName(const Settings& s, const std::string& code) {
  const Bank* bank = FindBank(s.banks, code);
  return bank ? bank->name : code;
}

// The error summary at the top of a form page (core/view/form.h's pattern): each message a link
// to its field.
class Errors {
 public:
  void Add(const std::string& field_id, const std::string& message) {
    data e{data::type::object};
    e.set("href", "#" + field_id);
    e.set("message", message);
    list_.push_back(e);
    ++count_;
  }
  bool any() const { return count_ > 0; }
  void Into(data& page) const {
    page.set("has_errors", any());
    page.set("errors", list_);
  }

 private:
  data list_{data::type::list};
  int count_ = 0;
};

// A text field's template data: its value and, when there is one, its error.
data FieldData(const std::string& value, const std::string& error) {
  data f{data::type::object};
  f.set("value", value);
  if (!error.empty()) f.set("error", error);
  return f;
}

// What a change tells the member and the audit log. The mail goes to the account's address in
// its language (transactional outbox: it exists if and only if the change commits); the audit
// row is appended last (core/audit/audit_log.h). Neither holds the new values.
struct Change {
  std::string action;     // profile.contact_changed, ...
  std::string mail_kind;  // profile_contact_changed, ...
  std::function<std::map<std::string, std::string>(const std::string& lang)> mail_values;
  audit::Details details;
};

void Record(soci::session& sql, const http::Request& request, const Settings& s,
            const i18n::Catalogs& t, const Change& change) {
  if (auto account = LoadAccountAddress(sql, request.visitor.account_id)) {
    identity::AccountMail m;
    m.kind = change.mail_kind;
    m.to = account->email;
    m.lang = t.Supports(account->lang) ? account->lang : "id";
    m.name = account->display_name;
    m.values =
        change.mail_values ? change.mail_values(m.lang) : std::map<std::string, std::string>{};
    m.values["time"] = i18n::FormatWibTime(Now(), m.lang, t);
    m.values["phone"] = s.fund_phone;
    m.link = s.public_url + "/profile";
    // A changed bank account is what a thief who has the password would do first.
    m.report_link =
        identity::IssueReportLink(sql, s.public_url, request.visitor.account_id, change.mail_kind);
    mail::Enqueue(sql, identity::ComposeAccountMail(t, s.fund_name, s.web_address, m),
                  s.message_id_domain);
  }
  audit::Event event;
  event.actor_user_id = request.visitor.account_id;
  event.subject_user_id = request.visitor.account_id;
  event.action = change.action;
  event.ip = request.remote_ip;
  event.user_agent = std::string(request.Header("user-agent"));
  event.details = change.details;
  audit::Append(sql, event);
}

// A refused attempt, for the audit log only (ASVS 7.2.2: failed access decisions are logged).
void RecordRefusal(soci::session& sql, const http::Request& request, const std::string& action,
                   const std::string& reason) {
  audit::Event event;
  event.actor_user_id = request.visitor.account_id;
  event.subject_user_id = request.visitor.account_id;
  event.action = action;
  event.result = audit::Result::kDenied;
  event.ip = request.remote_ip;
  event.user_agent = std::string(request.Header("user-agent"));
  event.details = {{"reason", reason}};
  audit::Append(sql, event);
}

// ---------------------------------------------------------------------------------------------
// /profile

http::Response ProfilePage(http::Request& request, db::Database& database, const view::Views& views,
                           const Settings& s) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  const auto profile = LoadRegistryProfile(sql, request.visitor.member_id);
  if (!profile) return http::Response::Error(404);
  data page{data::type::object};
  const std::string notice = request.Query("notice").value_or("");
  for (auto known : kNotices) {
    if (notice == known) page.set("notice", t.Get(lang, "profile.notice." + notice));
  }
  page.set("full_name", profile->full_name);
  page.set("nik", view::MaskNik(profile->nik));
  page.set("kpj", profile->kpj);
  page.set("birth_date", FormatDate(profile->birth_date, lang, t));
  page.set("sex", t.Get(lang, "profile.sex." + profile->sex));
  page.set("province", ProvinceName(profile->province_code));
  page.set("address",
           profile->address.empty() ? t.Get(lang, "profile.not_given") : profile->address);
  page.set("phone",
           profile->phone ? DisplayPhone(*profile->phone) : t.Get(lang, "profile.not_given"));
  page.set("marital_status", t.Get(lang, "profile.marital." + profile->marital_status));
  page.set("registered_on", FormatDate(profile->registered_on, lang, t));
  page.set("status", t.Get(lang, "membership.status." + profile->status));
  const auto summary = membership::LoadSummary(sql, request.visitor.member_id);
  page.set("employer", summary && !summary->current_employer.empty()
                           ? summary->current_employer
                           : t.Get(lang, "profile.no_employer"));
  if (auto account = LoadAccountAddress(sql, request.visitor.account_id)) {
    page.set("email", account->email);
  }
  if (auto bank = LoadBankAccount(sql, request.visitor.member_id)) {
    data b{data::type::object};
    b.set("bank", BankName(s, bank->bank_code));
    b.set("ending", t.Format(lang, "profile.account_ending", {{"last4", bank->account_last4}}));
    b.set("holder", bank->holder_name);
    b.set("other_holder", IsOtherHolder(*bank, profile->full_name));
    page.set("bank", b);
  }
  const auto beneficiaries = LoadBeneficiaries(sql, request.visitor.member_id);
  data rows{data::type::list};
  for (const auto& b : beneficiaries) {
    data row{data::type::object};
    row.set("name", b.full_name);
    row.set("relation", t.Get(lang, "profile.relation." + b.relation));
    row.set("share", std::to_string(b.share_percent) + "%");
    rows.push_back(row);
  }
  page.set("has_beneficiaries", !beneficiaries.empty());
  page.set("beneficiaries", rows);
  return view::Page(request, views, "profile/profile", "profile.title", page);
}

// ---------------------------------------------------------------------------------------------
// /profile/contact

struct ContactForm {
  std::string address, phone, marital_status;
  std::string address_error, phone_error, marital_error;
};

http::Response ContactPage(const http::Request& request, const view::Views& views,
                           const ContactForm& form, int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  Errors errors;
  if (!form.address_error.empty()) errors.Add("f-address", form.address_error);
  if (!form.phone_error.empty()) errors.Add("f-phone", form.phone_error);
  if (!form.marital_error.empty()) {
    errors.Add("f-marital_status-" + std::string(MaritalStatuses().front()), form.marital_error);
  }
  errors.Into(page);
  const std::string address_max = std::to_string(kMaxAddressChars);
  data address = FieldData(form.address, form.address_error);
  // The limit in the hint and on the field itself (the server checks it again).
  address.set("max", address_max);
  address.set("hint", t.Format(lang, "profile.contact.address_hint", {{"max", address_max}}));
  page.set("address", address);
  page.set("phone", FieldData(form.phone, form.phone_error));
  data options{data::type::list};
  for (auto status_value : MaritalStatuses()) {
    data o{data::type::object};
    o.set("value", std::string(status_value));
    o.set("label", t.Get(lang, "profile.marital." + std::string(status_value)));
    o.set("checked", form.marital_status == status_value);
    options.push_back(o);
  }
  page.set("marital", options);
  if (!form.marital_error.empty()) page.set("marital_error", form.marital_error);
  return view::Page(request, views, "profile/contact", "profile.contact.title", page, status);
}

http::Response ContactGet(http::Request& request, db::Database& database,
                          const view::Views& views) {
  auto lease = database.Acquire();
  const auto profile = LoadRegistryProfile(lease.session(), request.visitor.member_id);
  if (!profile) return http::Response::Error(404);
  ContactForm form;
  form.address = profile->address;
  form.phone = profile->phone ? DisplayPhone(*profile->phone) : "";
  form.marital_status = profile->marital_status;
  return ContactPage(request, views, form);
}

http::Response ContactPost(http::Request& request, db::Database& database, const view::Views& views,
                           const Settings& s) {
  const auto fields = FormOf(request);
  if (!fields) return http::Response::Error(400);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  ContactForm form;
  form.address = Value(*fields, "address");
  form.phone = Value(*fields, "phone");
  form.marital_status = Value(*fields, "marital_status");
  Contact contact;
  const LineCheck address = CheckAddress(form.address);
  switch (address.problem) {
    case LineProblem::kNone:
      contact.address = address.text;
      break;
    case LineProblem::kEmpty:
      form.address_error = t.Get(lang, "profile.error.address_empty");
      break;
    case LineProblem::kTooLong:
      form.address_error = t.Format(lang, "profile.error.address_too_long",
                                    {{"max", std::to_string(kMaxAddressChars)}});
      break;
    case LineProblem::kControlCharacter:
      form.address_error = t.Get(lang, "profile.error.address_characters");
      break;
  }
  const PhoneCheck phone = NormalisePhone(form.phone);
  switch (phone.problem) {
    case PhoneProblem::kNone:
      if (!phone.e164.empty()) contact.phone = phone.e164;
      break;
    case PhoneProblem::kCharacters:
      form.phone_error = t.Get(lang, "profile.error.phone_characters");
      break;
    case PhoneProblem::kNotIndonesian:
      form.phone_error = t.Get(lang, "profile.error.phone_country");
      break;
    case PhoneProblem::kLength:
      form.phone_error = t.Get(lang, "profile.error.phone_length");
      break;
  }
  if (IsMaritalStatus(form.marital_status)) {
    contact.marital_status = form.marital_status;
  } else {
    form.marital_status.clear();
    form.marital_error = t.Get(lang, "profile.error.marital_status");
  }
  if (!form.address_error.empty() || !form.phone_error.empty() || !form.marital_error.empty()) {
    return ContactPage(request, views, form, 422);
  }

  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  auto tx = db::Transaction::ForWriting(sql);
  const auto profile = LoadRegistryProfile(sql, request.visitor.member_id);
  if (!profile) return http::Response::Error(404);
  // Which fields changed: named in the mail and the audit row (names only, never values). The
  // registry may hold a number as the employer reported it ("0812-..."): the same number in
  // E.164 form is not a change.
  std::optional<std::string> stored_phone = profile->phone;
  if (stored_phone) {
    const PhoneCheck normalised = NormalisePhone(*stored_phone);
    if (normalised.problem == PhoneProblem::kNone && !normalised.e164.empty()) {
      stored_phone = normalised.e164;
    }
  }
  std::vector<std::string> changed;
  if (contact.address != profile->address) changed.push_back("address");
  if (contact.phone != stored_phone) changed.push_back("phone");
  if (contact.marital_status != profile->marital_status) changed.push_back("marital_status");
  if (changed.empty()) return http::Response::Redirect("/profile?notice=unchanged");
  UpdateContact(sql, request.visitor.member_id, contact);
  std::string names;
  for (const auto& f : changed) names += (names.empty() ? "" : ",") + f;
  Change change;
  change.action = "profile.contact_changed";
  change.mail_kind = "profile_contact_changed";
  change.mail_values = [&t, changed](const std::string& mail_lang) {
    std::string list;
    for (const auto& f : changed) {
      list += (list.empty() ? "" : ", ") + t.Get(mail_lang, "profile.field." + f);
    }
    return std::map<std::string, std::string>{{"fields", list}};
  };
  change.details = {{"fields", names}};
  Record(sql, request, s, t, change);
  tx.Commit();
  return http::Response::Redirect("/profile?notice=contact_changed");
}

// ---------------------------------------------------------------------------------------------
// /profile/bank

struct BankForm {
  std::string bank, account_number, holder_name;
  std::string bank_error, account_error, holder_error;
  // The holder is not the member's registry name: the page says so and asks for a tick.
  std::string other_holder_warning, other_holder_error;
  bool other_holder_confirmed = false;
};

http::Response BankPage(const http::Request& request, soci::session& sql, const view::Views& views,
                        const Settings& s, const BankForm& form, int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  Errors errors;
  if (!form.bank_error.empty()) errors.Add("f-bank", form.bank_error);
  if (!form.account_error.empty()) errors.Add("f-account_number", form.account_error);
  if (!form.holder_error.empty()) errors.Add("f-holder_name", form.holder_error);
  if (!form.other_holder_error.empty()) {
    errors.Add("f-confirm_other_holder", form.other_holder_error);
  }
  errors.Into(page);
  if (auto current = LoadBankAccount(sql, request.visitor.member_id)) {
    const auto member = LoadRegistryProfile(sql, request.visitor.member_id);
    data c{data::type::object};
    c.set("bank", BankName(s, current->bank_code));
    c.set("ending", t.Format(lang, "profile.account_ending", {{"last4", current->account_last4}}));
    c.set("holder", current->holder_name);
    c.set("other_holder", IsOtherHolder(*current, member ? member->full_name : ""));
    page.set("current", c);
  }
  data banks{data::type::list};
  for (const auto& bank : s.banks) {
    data b{data::type::object};
    b.set("value", bank.code);
    b.set("name", bank.name);
    b.set("selected", bank.code == form.bank);
    banks.push_back(b);
  }
  page.set("banks", banks);
  page.set("bank", FieldData(form.bank, form.bank_error));
  page.set("account_number", FieldData(form.account_number, form.account_error));
  page.set("holder_name", FieldData(form.holder_name, form.holder_error));
  if (!form.other_holder_warning.empty()) {
    data other{data::type::object};
    other.set("warning", form.other_holder_warning);
    other.set("checked", form.other_holder_confirmed);
    if (!form.other_holder_error.empty()) other.set("error", form.other_holder_error);
    page.set("other_holder", other);
  }
  return view::Page(request, views, "profile/bank", "profile.bank.title", page, status);
}

http::Response BankGet(http::Request& request, db::Database& database, const view::Views& views,
                       const Settings& s) {
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  BankForm form;
  // The bank and holder of the current account are offered again; the number never is.
  if (auto current = LoadBankAccount(sql, request.visitor.member_id)) {
    form.bank = current->bank_code;
    form.holder_name = current->holder_name;
  } else if (auto profile = LoadRegistryProfile(sql, request.visitor.member_id)) {
    form.holder_name = profile->full_name;
  }
  return BankPage(request, sql, views, s, form);
}

http::Response BankPost(http::Request& request, db::Database& database, const view::Views& views,
                        const Settings& s) {
  const auto fields = FormOf(request);
  if (!fields) return http::Response::Error(400);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  BankForm form;
  form.bank = Value(*fields, "bank");
  form.account_number = Value(*fields, "account_number");
  form.holder_name = Value(*fields, "holder_name");
  const Bank* bank = FindBank(s.banks, form.bank);
  if (!bank) {
    form.bank.clear();
    form.bank_error = t.Get(lang, "profile.error.bank");
  }
  const AccountNumberCheck number = CheckAccountNumber(form.account_number);
  switch (number.problem) {
    case AccountNumberProblem::kNone:
      break;
    case AccountNumberProblem::kEmpty:
      form.account_error = t.Get(lang, "profile.error.account_empty");
      break;
    case AccountNumberProblem::kNotDigits:
      form.account_error = t.Get(lang, "profile.error.account_digits");
      break;
    case AccountNumberProblem::kLength:
      form.account_error = t.Get(lang, "profile.error.account_length");
      break;
  }
  const NameCheck holder = CheckPersonName(form.holder_name);
  switch (holder.problem) {
    case NameProblem::kNone:
      break;
    case NameProblem::kEmpty:
      form.holder_error = t.Get(lang, "profile.error.holder_empty");
      break;
    case NameProblem::kTooLong:
      form.holder_error = t.Get(lang, "profile.error.name_too_long");
      break;
    case NameProblem::kCharacters:
      form.holder_error = t.Get(lang, "profile.error.name_characters");
      break;
  }
  const std::int64_t member = request.visitor.member_id;
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  const auto profile = LoadRegistryProfile(sql, member);
  if (!profile) return http::Response::Error(404);
  // Payouts belong in the member's own account. Another person's name is not refused (a member
  // may have good reason), but it is never saved unnoticed: the member ticks a box, the account
  // is marked, and every payout to it waits for staff (payout_account.h).
  const bool other_holder =
      holder.problem == NameProblem::kNone && !IsSameHolderName(profile->full_name, holder.name);
  form.other_holder_confirmed = Value(*fields, "confirm_other_holder") == "1";
  if (other_holder) {
    form.other_holder_warning = t.Format(lang, "profile.bank.other_holder_warning",
                                         {{"holder", holder.name}, {"name", profile->full_name}});
    if (!form.other_holder_confirmed) {
      form.other_holder_error = t.Get(lang, "profile.error.confirm_other_holder");
    }
  }
  if (!form.bank_error.empty() || !form.account_error.empty() || !form.holder_error.empty() ||
      !form.other_holder_error.empty()) {
    return BankPage(request, sql, views, s, form, 422);
  }
  auto tx = db::Transaction::ForWriting(sql);
  const auto current = LoadBankAccount(sql, member);
  if (current && current->bank_code == bank->code && current->holder_name == holder.name &&
      current->holder_mismatch == other_holder && !current->account_fingerprint.empty() &&
      OpenAccountNumber(s.seal_key, member, current->account_sealed) == number.digits) {
    return http::Response::Redirect("/profile?notice=unchanged");
  }
  BankAccount account;
  account.bank_code = bank->code;
  account.account_sealed = SealAccountNumber(s.seal_key, member, number.digits);
  account.account_last4 = LastFour(number.digits);
  account.holder_name = holder.name;
  account.updated_at = Now();
  account.holder_mismatch = other_holder;
  // Only the keyed fingerprint is new: the number itself stays sealed as before.
  account.account_fingerprint = AccountFingerprint(s.fingerprint_key, bank->code, number.digits);
  SaveBankAccount(sql, member, account);
  Change change;
  // An account in another person's name has its own audit action and mail, so staff can find
  // every such account and the member reads plainly what was saved.
  change.action = other_holder ? "profile.bank_holder_mismatch" : "profile.bank_changed";
  change.mail_kind = other_holder ? "profile_bank_holder_mismatch" : "profile_bank_changed";
  const std::string bank_name = bank->name, last4 = account.account_last4;
  const std::string holder_name = holder.name;
  change.mail_values = [bank_name, last4, holder_name](const std::string&) {
    return std::map<std::string, std::string>{
        {"bank", bank_name}, {"last4", last4}, {"holder", holder_name}};
  };
  change.details = {{"change", current ? "replaced" : "added"}};
  Record(sql, request, s, t, change);
  tx.Commit();
  return http::Response::Redirect(other_holder ? "/profile?notice=bank_changed_other_holder"
                                               : "/profile?notice=bank_changed");
}

// ---------------------------------------------------------------------------------------------
// /profile/beneficiaries

// A row of the form as shown: what was stored or typed, and its errors by field.
struct ShownRow {
  BeneficiaryRow row;
  bool stored = false;
  std::map<std::string, std::string> errors;  // field -> message
};

http::Response BeneficiariesPage(const http::Request& request, const view::Views& views,
                                 const std::vector<ShownRow>& rows, const std::string& list_error,
                                 int total, int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  Errors errors;
  if (!list_error.empty()) {
    // The shares' total is about every row: the summary leads to the first share field.
    errors.Add(rows.empty() ? "f-b1_name" : "f-b1_share", list_error);
    page.set("list_error", list_error);
  }
  data shown{data::type::list};
  int new_rows = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ShownRow& r = rows[i];
    const std::string n = std::to_string(i + 1);
    const std::string prefix = "f-b" + n + "_";
    for (const char* field : {"full_name", "relation", "nik", "share"}) {
      if (auto it = r.errors.find(field); it != r.errors.end()) {
        errors.Add(prefix + (std::string(field) == "full_name" ? "name" : field), it->second);
      }
    }
    const auto error_of = [&](const char* field) {
      auto it = r.errors.find(field);
      return it == r.errors.end() ? std::string() : it->second;
    };
    data row{data::type::object};
    row.set("n", n);
    row.set("stored", r.stored);
    row.set("id", r.row.id);
    row.set("removed", r.row.remove);
    row.set("legend", r.stored ? t.Format(lang, "profile.beneficiaries.row_legend", {{"number", n}})
                               : t.Format(lang, "profile.beneficiaries.new_legend",
                                          {{"number", std::to_string(++new_rows)}}));
    row.set("name", FieldData(r.row.full_name, error_of("full_name")));
    row.set("relation", FieldData(r.row.relation, error_of("relation")));
    row.set("nik", FieldData(r.row.nik, error_of("nik")));
    row.set("share", FieldData(r.row.share, error_of("share")));
    data relations{data::type::list};
    for (auto value : Relations()) {
      data o{data::type::object};
      o.set("value", std::string(value));
      o.set("label", t.Get(lang, "profile.relation." + std::string(value)));
      o.set("selected", r.row.relation == value);
      relations.push_back(o);
    }
    row.set("relations", relations);
    shown.push_back(row);
  }
  errors.Into(page);
  page.set("rows", shown);
  page.set("can_add", rows.size() < kMaxBeneficiaries);
  page.set("total",
           t.Format(lang, "profile.beneficiaries.total", {{"total", std::to_string(total)}}));
  return view::Page(request, views, "profile/beneficiaries", "profile.beneficiaries.title", page,
                    status);
}

// The stored list as form rows, with one spare empty row while there is room.
std::vector<ShownRow> StoredRows(const std::vector<Beneficiary>& stored, int* total) {
  std::vector<ShownRow> rows;
  *total = 0;
  for (const auto& b : stored) {
    ShownRow r;
    r.stored = true;
    r.row.id = std::to_string(b.id);
    r.row.full_name = b.full_name;
    r.row.relation = b.relation;
    r.row.nik = b.nik;
    r.row.share = std::to_string(b.share_percent);
    *total += b.share_percent;
    rows.push_back(std::move(r));
  }
  if (rows.size() < kMaxBeneficiaries) rows.emplace_back();
  return rows;
}

// Rows b<N>_<field> of the submitted form, in N order (N 1..99; other fields are ignored).
std::vector<BeneficiaryRow> SubmittedRows(const http::Fields& fields) {
  std::map<int, BeneficiaryRow> by_number;
  for (const auto& [key, value] : fields) {
    if (key.size() < 4 || key[0] != 'b') continue;
    const auto underscore = key.find('_');
    if (underscore == std::string::npos || underscore < 2 || underscore > 3) continue;
    const std::string digits = key.substr(1, underscore - 1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        digits.front() == '0') {
      continue;
    }
    const std::string field = key.substr(underscore + 1);
    BeneficiaryRow& row = by_number[std::stoi(digits)];
    // The first value of a repeated field counts, as everywhere else.
    if (field == "id") {
      if (row.id.empty()) row.id = value;
    } else if (field == "name") {
      if (row.full_name.empty()) row.full_name = value;
    } else if (field == "relation") {
      if (row.relation.empty()) row.relation = value;
    } else if (field == "nik") {
      if (row.nik.empty()) row.nik = value;
    } else if (field == "share") {
      if (row.share.empty()) row.share = value;
    } else if (field == "remove") {
      row.remove = row.remove || value == "1";
    }
  }
  std::vector<BeneficiaryRow> rows;
  for (auto& [number, row] : by_number) rows.push_back(std::move(row));
  return rows;
}

http::Response BeneficiariesGet(http::Request& request, db::Database& database,
                                const view::Views& views) {
  auto lease = database.Acquire();
  int total = 0;
  const auto rows =
      StoredRows(LoadBeneficiaries(lease.session(), request.visitor.member_id), &total);
  return BeneficiariesPage(request, views, rows, "", total);
}

http::Response BeneficiariesPost(http::Request& request, db::Database& database,
                                 const view::Views& views, const Settings& s) {
  const auto fields = FormOf(request);
  if (!fields) return http::Response::Error(400);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  const std::int64_t member = request.visitor.member_id;
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  const auto profile = LoadRegistryProfile(sql, member);
  if (!profile) return http::Response::Error(404);
  const auto stored = LoadBeneficiaries(sql, member);
  std::set<std::int64_t> own_ids;
  for (const auto& b : stored) own_ids.insert(b.id);
  const std::vector<BeneficiaryRow> submitted = SubmittedRows(*fields);
  const BeneficiaryListCheck check = CheckBeneficiaries(submitted, own_ids, profile->nik);

  const auto refuse_unknown = [&]() {
    // A stale page or a tampered form (another member's row id): nothing is stored, the
    // member's own list is shown again, and the refusal is logged.
    {
      auto tx = db::Transaction::ForWriting(sql);
      RecordRefusal(sql, request, "profile.beneficiaries_changed", "unknown_beneficiary");
      tx.Commit();
    }
    int total = 0;
    const auto rows = StoredRows(LoadBeneficiaries(sql, member), &total);
    return BeneficiariesPage(request, views, rows, t.Get(lang, "profile.error.unknown_beneficiary"),
                             total, 422);
  };
  if (check.list_problem == "unknown_beneficiary") return refuse_unknown();

  // Show the rows as submitted (with their errors), keeping stored rows marked as such.
  std::vector<ShownRow> rows;
  for (std::size_t i = 0; i < submitted.size() && i < kMaxBeneficiaries * 2; ++i) {
    ShownRow r;
    r.row = submitted[i];
    r.stored = !r.row.id.empty();
    rows.push_back(std::move(r));
  }
  for (const auto& p : check.problems) {
    if (p.row < rows.size()) rows[p.row].errors[p.field] = t.Get(lang, "profile.error." + p.what);
  }
  if (Value(*fields, "more") == "1") {
    // "Add another row": the same rows again with one more empty row; nothing is saved.
    if (rows.size() < kMaxBeneficiaries) rows.emplace_back();
    for (auto& r : rows) r.errors.clear();
    return BeneficiariesPage(request, views, rows, "", check.share_total);
  }
  if (!check.ok()) {
    std::string list_error;
    if (check.list_problem == "too_many") {
      list_error =
          t.Format(lang, "profile.error.too_many", {{"max", std::to_string(kMaxBeneficiaries)}});
    } else if (check.list_problem == "shares_sum") {
      list_error = t.Format(lang, "profile.error.shares_sum",
                            {{"total", std::to_string(check.share_total)}});
    }
    if (rows.empty()) rows.emplace_back();
    return BeneficiariesPage(request, views, rows, list_error, check.share_total, 422);
  }
  if (check.list == stored) return http::Response::Redirect("/profile?notice=unchanged");

  bool replaced = false;
  {
    auto tx = db::Transaction::ForWriting(sql);
    // The ids are checked again inside the transaction: the list may have changed meanwhile.
    replaced = ReplaceBeneficiaries(sql, member, check.list, Now());
    if (replaced) {
      Change change;
      change.action = "profile.beneficiaries_changed";
      change.mail_kind = "profile_beneficiaries_changed";
      const std::string count = std::to_string(check.list.size());
      change.mail_values = [count](const std::string&) {
        return std::map<std::string, std::string>{{"count", count}};
      };
      change.details = {{"count", count}};
      Record(sql, request, s, t, change);
      tx.Commit();
    }
  }
  if (!replaced) return refuse_unknown();
  return http::Response::Redirect("/profile?notice=beneficiaries_changed");
}

}  // namespace

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config) {
  const auto settings = std::make_shared<const Settings>(SettingsFrom(config));
  const auto members = [](http::Handler handler) {
    return http::OnlyRoles({"member"}, std::move(handler));
  };
  // Changing where money goes, or to whom, needs a recent password or code (ASVS 3.7.1). After
  // confirming, the member comes back to the page with its form, never to a replayed POST.
  const auto stepped_up = [](const std::string& page, http::Handler handler) {
    return http::OnlyRoles({"member"}, http::RecentlyAuthenticated(std::move(handler), page));
  };

  router.Get("/profile", members([&database, &views, settings](http::Request& request) {
               return ProfilePage(request, database, views, *settings);
             }));
  router.Get("/profile/contact", members([&database, &views](http::Request& request) {
               return ContactGet(request, database, views);
             }));
  router.Post("/profile/contact", members([&database, &views, settings](http::Request& request) {
                return ContactPost(request, database, views, *settings);
              }));
  router.Get("/profile/bank",
             stepped_up("/profile/bank", [&database, &views, settings](http::Request& request) {
               return BankGet(request, database, views, *settings);
             }));
  router.Post("/profile/bank",
              stepped_up("/profile/bank", [&database, &views, settings](http::Request& request) {
                return BankPost(request, database, views, *settings);
              }));
  router.Get("/profile/beneficiaries",
             stepped_up("/profile/beneficiaries", [&database, &views](http::Request& request) {
               return BeneficiariesGet(request, database, views);
             }));
  router.Post(
      "/profile/beneficiaries",
      stepped_up("/profile/beneficiaries", [&database, &views, settings](http::Request& request) {
        return BeneficiariesPost(request, database, views, *settings);
      }));
}

}  // namespace lumbung::profile
