#include "membership/summary.h"

#include <soci/soci.h>

namespace lumbung::membership {

std::optional<Summary> LoadSummary(soci::session& sql, std::int64_t member_id) {
  Summary s;
  long long member = member_id;
  sql << "SELECT kpj, full_name, status FROM members WHERE id = :m", soci::into(s.kpj),
      soci::into(s.full_name), soci::into(s.status), soci::use(member);
  if (!sql.got_data()) return std::nullopt;
  std::string employer;
  sql << "SELECT e.name FROM employment_spells s JOIN employers e ON e.id = s.employer_id "
         "WHERE s.member_id = :m AND s.end_date IS NULL ORDER BY s.start_date DESC LIMIT 1",
      soci::into(employer), soci::use(member);
  if (sql.got_data()) s.current_employer = employer;
  long long jht = 0, jkk = 0, jkm = 0, jp = 0, jkp = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT SUM(jht_worker + jht_employer), SUM(jkk), SUM(jkm), SUM(jp_worker + jp_employer), "
         "SUM(jkp) FROM contributions WHERE member_id = :m AND period = "
         "(SELECT MAX(period) FROM contributions WHERE member_id = :m2)",
      soci::into(jht, ind), soci::into(jkk), soci::into(jkm), soci::into(jp), soci::into(jkp),
      soci::use(member), soci::use(member);
  if (ind == soci::i_ok) {
    if (jht > 0) s.programs.push_back("JHT");
    if (jkk > 0) s.programs.push_back("JKK");
    if (jkm > 0) s.programs.push_back("JKM");
    if (jp > 0) s.programs.push_back("JP");
    if (jkp > 0) s.programs.push_back("JKP");
  }
  return s;
}

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views) {
  return [&database, &views](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (request.visitor.role != "member" || !request.visitor.member_id) return cards;
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    auto lease = database.Acquire();
    const auto summary = LoadSummary(lease.session(), request.visitor.member_id);
    if (!summary) return cards;
    view::DashboardCard card;
    card.order = 10;
    card.title = t.Get(lang, "membership.card.title");
    card.figure = summary->kpj;
    card.lines.push_back(summary->full_name);
    card.lines.push_back(t.Get(lang, "membership.status." + summary->status));
    card.lines.push_back(summary->current_employer.empty()
                             ? t.Get(lang, "membership.card.no_employer")
                             : t.Format(lang, "membership.card.employer",
                                        {{"employer", summary->current_employer}}));
    if (!summary->programs.empty()) {
      std::string programs;
      for (const auto& p : summary->programs) programs += (programs.empty() ? "" : ", ") + p;
      card.lines.push_back(t.Format(lang, "membership.card.programs", {{"programs", programs}}));
    }
    card.warning = summary->status != "active";
    card.href = "/profile";
    card.link_text = t.Get(lang, "membership.card.link");
    cards.push_back(std::move(card));
    return cards;
  };
}

}  // namespace lumbung::membership
