#include "employers/bill_document.h"

#include "core/i18n/day_text.h"
#include "core/i18n/rupiah.h"
#include "core/i18n/wib_time.h"
#include "core/inbox/render.h"

namespace lumbung::employers {

statements::StatementText ComposeBillText(const BillDocument& d, const i18n::Catalogs& t,
                                          const std::string& lang) {
  const auto money = [&lang](std::int64_t amount) { return i18n::FormatRupiah(amount, lang); };
  const std::string month = inbox::MonthText(t, lang, d.bill.period);
  statements::StatementText text;
  text.lang = lang;
  text.fund_name = d.fund_name;
  text.web_address = d.web_address;
  text.title = t.Format(lang, "employers.bill.heading", {{"month", month}});
  text.facts = {
      {t.Get(lang, "employers.bill.pdf.employer"), d.employer.name},
      {t.Get(lang, "employers.home.npp"), d.employer.npp},
      {t.Get(lang, "employers.bill.payment_code"), d.bill.payment_code},
      {t.Get(lang, "employers.bill.due"), i18n::DayText(t, lang, d.bill.due_date)},
      {t.Get(lang, "employers.bill.billed"), money(d.bill.amount_billed)},
      {t.Get(lang, "employers.bill.paid"), money(d.bill.amount_paid)},
      {t.Get(lang, "employers.bill.outstanding"), money(d.bill.Outstanding())},
      {t.Get(lang, "employers.bill.pdf.generated"), i18n::FormatWibTime(d.generated_at, lang, t)},
  };
  text.months_heading = t.Get(lang, "employers.bill.workers_caption");
  for (const char* id : {"name", "kpj", "wage", "jht_worker", "jht_employer", "jkk", "jkm",
                         "jp_worker", "jp_employer", "jkp", "total", "status"}) {
    text.columns.push_back(t.Get(lang, std::string("employers.bill.col.") + id));
  }
  for (const auto& w : d.workers) {
    const auto& a = w.amounts;
    text.rows.push_back(
        {w.name, w.kpj, money(w.wage), money(a.jht_worker), money(a.jht_employer), money(a.jkk),
         money(a.jkm), money(a.jp_worker), money(a.jp_employer), money(a.jkp), money(a.Billed()),
         t.Get(lang, w.paid ? "employers.bill.paid_tag" : "employers.bill.open_tag")});
  }
  const auto& s = d.totals;
  text.totals = {t.Get(lang, "employers.bill.pdf.total_row"),
                 "",
                 money(d.total_wage),
                 money(s.jht_worker),
                 money(s.jht_employer),
                 money(s.jkk),
                 money(s.jkm),
                 money(s.jp_worker),
                 money(s.jp_employer),
                 money(s.jkp),
                 money(s.Billed()),
                 ""};
  text.months_notes.push_back(t.Get(lang, "employers.bill.how_to_pay"));
  text.months_notes.push_back(t.Get(lang, "employers.bill.jkp_hint"));
  text.ledger_heading = t.Get(lang, "employers.bill.lines");
  for (const auto& line : d.lines) {
    std::string label = t.Get(lang, "employers.bill.line." + line.kind);
    if (line.version) {
      label += " (" +
               t.Format(lang, "employers.bill.line_version",
                        {{"version", std::to_string(line.version)}}) +
               ")";
    }
    if (line.for_period) label += " (" + inbox::MonthText(t, lang, line.for_period) + ")";
    text.ledger.emplace_back(label, money(line.amount));
  }
  text.ledger_notes.push_back(t.Get(lang, "employers.bill.fine_hint"));
  text.footer =
      t.Format(lang, "employers.bill.pdf.footer",
               {{"fund", d.fund_name}, {"code", d.bill.payment_code}, {"url", d.web_address}});
  text.page_of = t.Get(lang, "statement.page_of");
  return text;
}

}  // namespace lumbung::employers
