#include "calculators/routes.h"

#include <chrono>

#include "calculators/jht_projection.h"
#include "calculators/jkm_benefit.h"
#include "calculators/jp_estimate.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "core/i18n/rupiah_input.h"
#include "core/view/form.h"
#include "core/view/page.h"

namespace lumbung::calculators {
namespace {

using view::mustache::data;

// The fund's day: the rules in force change at midnight in the fund's zone, not in UTC.
registry::Date Today() {
  return i18n::FundToday();
}

// A count (months, years, children): digits only, blanks around them allowed.
std::optional<long long> ParseCount(const std::string& text, long long max) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return std::nullopt;
  const auto last = text.find_last_not_of(' ');
  const std::string digits = text.substr(first, last - first + 1);
  if (digits.size() > 6) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const long long value = std::stoll(digits);
  if (value > max) return std::nullopt;
  return value;
}

// A rupiah field read as people type it (core/i18n/rupiah_input.h); on failure the field gets
// the translated reason and keeps what was typed.
std::optional<registry::Rupiah> MoneyInput(view::Form& form, const std::string& name,
                                           const std::string& text, registry::Rupiah max,
                                           const i18n::Catalogs& t, const std::string& lang) {
  const i18n::RupiahInput parsed = i18n::ParseRupiah(text, max);
  if (parsed.amount) return parsed.amount;
  form.Field(name)->error = t.Format(lang, std::string(i18n::RupiahInputErrorKey(parsed.error)),
                                     {{"max", i18n::FormatRupiah(max, lang)}});
  return std::nullopt;
}

// "5,59" or "5.59" (percent, up to two decimals) -> 559 basis points.
std::optional<int> ParsePercentBp(const std::string& text, int max_bp) {
  std::string t = text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '%')) t.pop_back();
  while (!t.empty() && t.front() == ' ') t.erase(t.begin());
  if (t.empty() || t.size() > 8) return std::nullopt;
  const auto sep = t.find_first_of(".,");
  std::string whole = t.substr(0, sep), frac = sep == std::string::npos ? "" : t.substr(sep + 1);
  if (whole.empty() || frac.size() > 2) return std::nullopt;
  for (char c : whole + frac) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  while (frac.size() < 2) frac += '0';
  const int bp = std::stoi(whole) * 100 + std::stoi(frac);
  if (bp > max_bp) return std::nullopt;
  return bp;
}

std::string Percent(int bp, const std::string& lang) {
  std::string cents = std::to_string(bp % 100);
  if (cents.size() < 2) cents.insert(cents.begin(), '0');
  return std::to_string(bp / 100) + (lang == "en" ? "." : ",") + cents + "%";
}

// The latest declared JHT return: the default assumption.
int LatestReturnBp(const registry::RuleBook& rules, int this_year) {
  for (int y = this_year; y > this_year - 30; --y) {
    if (auto bp = rules.JhtReturnBp(y)) return *bp;
  }
  return 0;
}

// `text_key` names the label and hint ("calculators.field.<key>", "calculators.hint.<key>")
// when two calculators use one field name for different things.
view::FormField Field(const view::Views& views, const std::string& lang, const std::string& name,
                      const std::string& value, const std::string& width,
                      const std::string& text_key = "") {
  const auto& t = views.catalogs();
  const std::string& key = text_key.empty() ? name : text_key;
  view::FormField f;
  f.name = name;
  f.label = t.Get(lang, "calculators.field." + key);
  f.hint = t.Get(lang, "calculators.hint." + key);
  f.inputmode = "decimal";
  f.autocomplete = "off";
  f.width = width;
  f.value = value;
  f.maxlength = 20;
  return f;
}

std::string RenderForm(const view::Views& views, const std::string& lang, view::Form& form) {
  return views.Render("app/form", lang, view::FormData(form, views.catalogs(), lang));
}

}  // namespace

void AddRoutes(http::Router& router, const view::Views& views, const registry::RuleBook& rules) {
  router.Get("/calculators", [&views](http::Request& request) {
    data page{data::type::object};
    return view::Page(request, views, "calculators/index", "calculators.title", page);
  });

  router.Get("/calculators/jht", [&views, &rules](http::Request& request) {
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    const registry::Date today = Today();
    const registry::Month this_month{today.year(), today.month()};
    const int this_year = static_cast<int>(today.year());
    const auto contribution = rules.ContributionRulesFor(this_month);
    const int contribution_bp = contribution.jht_worker_bp + contribution.jht_employer_bp;
    const int default_return = LatestReturnBp(rules, this_year);

    view::Form form;
    form.heading = t.Get(lang, "calculators.jht.title");
    form.intro = {
        t.Format(lang, "calculators.jht.intro", {{"rate", Percent(contribution_bp, lang)}})};
    form.action = "/calculators/jht";
    form.get = true;
    form.submit = t.Get(lang, "calculators.submit");
    const auto q = [&](const char* name, const std::string& fallback) {
      return request.Query(name).value_or(fallback);
    };
    const bool asked = request.Query("wage").has_value();
    view::FormGroup group;
    group.fields = {Field(views, lang, "balance", q("balance", "0"), "w16"),
                    Field(views, lang, "wage", q("wage", ""), "w16"),
                    Field(views, lang, "growth", q("growth", "3"), "w6"),
                    Field(views, lang, "return", q("return", Percent(default_return, lang)), "w6"),
                    Field(views, lang, "years", q("years", "20"), "w4")};
    form.groups = {group};
    data page{data::type::object};
    if (asked) {
      JhtProjectionInput in;
      in.contribution_bp = contribution_bp;
      in.start = this_month + std::chrono::months{1};
      const auto balance =
          MoneyInput(form, "balance", q("balance", "0"), 1'000'000'000'000LL, t, lang);
      const auto wage = MoneyInput(form, "wage", q("wage", ""), 10'000'000'000LL, t, lang);
      const auto growth = ParsePercentBp(q("growth", ""), 5000);
      const auto ret = ParsePercentBp(q("return", ""), 5000);
      const auto years = ParseCount(q("years", ""), 50);
      if (!growth) form.Field("growth")->error = t.Get(lang, "calculators.error.percent");
      if (!ret) form.Field("return")->error = t.Get(lang, "calculators.error.percent");
      if (!years || *years < 1) form.Field("years")->error = t.Get(lang, "calculators.error.years");
      if (!form.HasErrors()) {
        in.balance = *balance;
        in.monthly_wage = *wage;
        in.wage_growth_bp = *growth;
        in.return_bp = *ret;
        in.years = static_cast<int>(*years);
        data rows{data::type::list};
        registry::Rupiah final_balance = 0;
        for (const auto& y : ProjectJht(in)) {
          data row{data::type::object};
          row.set("year", std::to_string(y.year));
          row.set("wage", i18n::FormatRupiah(y.wage, lang));
          row.set("contributions", i18n::FormatRupiah(y.contributions, lang));
          row.set("returns", i18n::FormatRupiah(y.returns, lang));
          row.set("closing", i18n::FormatRupiah(y.closing, lang));
          rows.push_back(row);
          final_balance = y.closing;
        }
        page.set("rows", rows);
        page.set("result", true);
        page.set("final", i18n::FormatRupiah(final_balance, lang));
        page.set("assumptions", t.Format(lang, "calculators.jht.assumptions",
                                         {{"balance", i18n::FormatRupiah(in.balance, lang)},
                                          {"wage", i18n::FormatRupiah(in.monthly_wage, lang)},
                                          {"growth", Percent(in.wage_growth_bp, lang)},
                                          {"return", Percent(in.return_bp, lang)},
                                          {"years", std::to_string(in.years)},
                                          {"rate", Percent(contribution_bp, lang)}}));
      }
    }
    page.set("form_html", RenderForm(views, lang, form));
    return view::Page(request, views, "calculators/jht", "calculators.jht.title", page,
                      form.HasErrors() ? 422 : 200);
  });

  router.Get("/calculators/jp", [&views, &rules](http::Request& request) {
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    const registry::Date today = Today();
    const int this_year = static_cast<int>(today.year());
    view::Form form;
    form.heading = t.Get(lang, "calculators.jp.title");
    form.intro = {t.Get(lang, "calculators.jp.intro")};
    form.action = "/calculators/jp";
    form.get = true;
    form.submit = t.Get(lang, "calculators.submit");
    const auto q = [&](const char* name, const std::string& fallback) {
      return request.Query(name).value_or(fallback);
    };
    const bool asked = request.Query("wage").has_value();
    view::FormGroup group;
    group.fields = {Field(views, lang, "months", q("months", ""), "w4"),
                    Field(views, lang, "average_wage", q("wage", ""), "w16")};
    group.fields[1].name = "wage";
    form.groups = {group};
    data page{data::type::object};
    if (asked) {
      const auto months = ParseCount(q("months", ""), 720);
      if (!months) form.Field("months")->error = t.Get(lang, "calculators.error.months");
      const auto wage = MoneyInput(form, "wage", q("wage", ""), 10'000'000'000LL, t, lang);
      const auto limits = rules.JpLimitsFor(this_year);
      if (!form.HasErrors() && limits) {
        const registry::Rupiah cap =
            rules.ContributionRulesFor(registry::Month{today.year(), today.month()}).jp_wage_cap;
        const JpEstimate e = EstimateJp({static_cast<int>(*months), *wage, *limits, cap});
        page.set("result", true);
        page.set("eligible", e.eligible);
        page.set("monthly", i18n::FormatRupiah(e.monthly, lang));
        page.set("formula", t.Format(lang, "calculators.jp.formula",
                                     {{"months", std::to_string(*months)},
                                      {"wage", i18n::FormatRupiah(e.wage_used, lang)},
                                      {"amount", i18n::FormatRupiah(e.formula, lang)}}));
        if (e.wage_capped) {
          page.set("capped", t.Format(lang, "calculators.jp.capped",
                                      {{"typed", i18n::FormatRupiah(*wage, lang)},
                                       {"cap", i18n::FormatRupiah(cap, lang)}}));
        }
        page.set("limits", t.Format(lang, "calculators.jp.limits",
                                    {{"year", std::to_string(this_year)},
                                     {"min", i18n::FormatRupiah(limits->minimum_monthly, lang)},
                                     {"max", i18n::FormatRupiah(limits->maximum_monthly, lang)}}));
        if (e.raised_to_minimum) page.set("adjusted", t.Get(lang, "calculators.jp.raised"));
        if (e.cut_to_maximum) page.set("adjusted", t.Get(lang, "calculators.jp.cut"));
        if (!e.eligible) {
          page.set("lump_sum", t.Format(lang, "calculators.jp.lump_sum",
                                        {{"missing", std::to_string(e.months_missing)}}));
        }
      }
    }
    page.set("form_html", RenderForm(views, lang, form));
    return view::Page(request, views, "calculators/jp", "calculators.jp.title", page,
                      form.HasErrors() ? 422 : 200);
  });

  router.Get("/calculators/jkm", [&views, &rules](http::Request& request) {
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    view::Form form;
    form.heading = t.Get(lang, "calculators.jkm.title");
    form.intro = {t.Get(lang, "calculators.jkm.intro")};
    form.action = "/calculators/jkm";
    form.get = true;
    form.submit = t.Get(lang, "calculators.submit");
    const auto q = [&](const char* name, const std::string& fallback) {
      return request.Query(name).value_or(fallback);
    };
    const bool asked = request.Query("months").has_value();
    view::FormGroup group;
    group.fields = {Field(views, lang, "months", q("months", ""), "w4", "jkm_months"),
                    Field(views, lang, "children", q("children", "0"), "w2")};
    form.groups = {group};
    data page{data::type::object};
    const auto benefit = rules.JkmBenefitOn(Today());
    if (!benefit) page.set("no_rules", true);
    if (asked && benefit) {
      const auto months = ParseCount(q("months", ""), 720);
      const auto children = ParseCount(q("children", ""), 20);
      if (!months) form.Field("months")->error = t.Get(lang, "calculators.error.jkm_months");
      if (!children) form.Field("children")->error = t.Get(lang, "calculators.error.children");
      if (!form.HasErrors()) {
        const JkmExplanation e =
            ExplainJkm(*benefit, static_cast<int>(*months), static_cast<int>(*children));
        const auto money = [&](registry::Rupiah r) { return i18n::FormatRupiah(r, lang); };
        page.set("result", true);
        page.set("total", money(e.cash_total));
        page.set("total_explained", t.Format(lang, "calculators.jkm.total_explained",
                                             {{"death", money(e.death_lump_sum)},
                                              {"periodic", money(e.periodic_total)},
                                              {"funeral", money(e.funeral)}}));
        page.set("death", money(e.death_lump_sum));
        page.set("periodic", money(e.periodic_total));
        page.set("periodic_explained", t.Format(lang, "calculators.jkm.periodic_explained",
                                                {{"months", std::to_string(e.periodic_months)},
                                                 {"monthly", money(e.periodic_monthly)}}));
        page.set("funeral", money(e.funeral));
        page.set("scholarship_rule",
                 t.Format(lang, "calculators.jkm.scholarship_rule",
                          {{"children", std::to_string(benefit->scholarship_max_children)},
                           {"max", money(e.scholarship_max_total)},
                           {"min", std::to_string(benefit->scholarship_min_months)}}));
        page.set("inputs", t.Format(lang, "calculators.jkm.inputs",
                                    {{"months", std::to_string(*months)},
                                     {"children", std::to_string(*children)}}));
        if (e.scholarship_eligible) {
          page.set("scholarship", t.Format(lang, "calculators.jkm.scholarship_yes",
                                           {{"children", std::to_string(e.scholarship_children)},
                                            {"max", money(e.scholarship_max_total)}}));
        } else if (e.scholarship_months_missing > 0) {
          page.set("scholarship",
                   t.Format(lang, "calculators.jkm.scholarship_short",
                            {{"missing", std::to_string(e.scholarship_months_missing)},
                             {"min", std::to_string(benefit->scholarship_min_months)}}));
        } else {
          page.set("scholarship", t.Get(lang, "calculators.jkm.scholarship_no_children"));
        }
        if (!benefit->verified) page.set("unverified", true);
      }
    }
    page.set("form_html", RenderForm(views, lang, form));
    return view::Page(request, views, "calculators/jkm", "calculators.jkm.title", page,
                      form.HasErrors() ? 422 : 200);
  });
}

}  // namespace lumbung::calculators
