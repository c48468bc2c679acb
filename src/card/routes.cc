#include "card/routes.h"

#include <charconv>
#include <chrono>
#include <memory>

#include "card/card_image.h"
#include "card/card_layout.h"
#include "card/cards.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "core/security/master_key.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "core/view/qr_svg.h"
#include "membership/summary.h"

namespace lumbung::card {
namespace {

using view::mustache::data;

struct Settings {
  std::string fund_name;
  std::string public_url;
  std::filesystem::path font_file;
};

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Who did it, from where, for the audit log; the action is the store's.
audit::Event AuditEvent(const http::Request& request) {
  audit::Event event;
  event.actor_user_id = request.visitor.account_id;
  event.subject_user_id = request.visitor.account_id;
  event.ip = request.remote_ip;
  event.user_agent = std::string(request.Header("user-agent"));
  return event;
}

// The card id the page posted back; nullopt when missing or not a positive number.
std::optional<std::int64_t> PostedCardId(const http::Request& request) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return std::nullopt;
  for (const auto& [name, value] : *fields) {
    if (name != "card") continue;
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
    if (ec != std::errc() || end != value.data() + value.size() || id <= 0) return std::nullopt;
    return id;
  }
  return std::nullopt;
}

// The texts of the card image in the page's language.
CardText ImageText(const view::Views& views, const std::string& lang, const Settings& settings,
                   const membership::Summary& summary, const std::string& token) {
  const auto& t = views.catalogs();
  return CardText{.fund_name = settings.fund_name,
                  .title = t.Get(lang, "card.title"),
                  .name_label = t.Get(lang, "card.name"),
                  .name = summary.full_name,
                  .kpj_label = t.Get(lang, "card.kpj"),
                  .kpj = summary.kpj,
                  .verify_label = t.Get(lang, "card.image.verify"),
                  .verify_url = VerificationUrl(settings.public_url, token)};
}

// GET /card.png and /card.pdf: the member's current card, or 404 when there is none yet.
http::Response Download(const http::Request& request, db::Database& database,
                        const view::Views& views, const Settings& settings, const CardKeys& keys,
                        bool pdf) {
  const std::string& lang = request.lang;
  std::optional<membership::Summary> summary;
  std::optional<CurrentCard> card;
  {
    auto lease = database.Acquire();
    summary = membership::LoadSummary(lease.session(), request.visitor.member_id);
    card = LoadCurrentCard(lease.session(), keys, request.visitor.member_id);
  }
  if (!summary || !card || !card->token) return http::Response::Error(404);
  // Drawn without holding a connection: it takes a few milliseconds.
  const CardText text = ImageText(views, lang, settings, *summary, *card->token);
  const CardLayout layout =
      LayOutCard(text, EncodeQr(text.verify_url), FontMeasure(settings.font_file));
  http::Response response;
  const auto& t = views.catalogs();
  if (pdf) {
    response.body = RenderCardPdf(layout, settings.font_file, text.title, settings.fund_name);
    response.Set("Content-Type", "application/pdf");
  } else {
    response.body = RenderCardPng(layout, settings.font_file);
    response.Set("Content-Type", "image/png");
  }
  response.Set("Content-Disposition",
               "attachment; filename=\"" +
                   t.Format(lang, "card.file_name", {{"ext", pdf ? "pdf" : "png"}}) + "\"");
  return response;
}

}  // namespace

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config) {
  Settings settings;
  settings.fund_name = config.String("fund.name");
  settings.public_url = config.String("public.url");
  settings.font_file = config.String("card.font_file");
  const auto keys =
      std::make_shared<const CardKeys>(CardKeys::FromMaster(security::MasterKeyFromConfig(config)));

  router.Get(
      "/card",
      http::OnlyRoles({"member"}, [&database, &views, settings, keys](http::Request& request) {
        const std::string& lang = request.lang;
        const auto& t = views.catalogs();
        std::optional<membership::Summary> summary;
        std::optional<CurrentCard> card;
        {
          auto lease = database.Acquire();
          summary = membership::LoadSummary(lease.session(), request.visitor.member_id);
          card = LoadCurrentCard(lease.session(), *keys, request.visitor.member_id);
        }
        if (!summary) return http::Response::Error(404);
        data page{data::type::object};
        page.set("name", summary->full_name);
        page.set("kpj", summary->kpj);
        page.set("status", t.Get(lang, "membership.status." + summary->status));
        page.set("fund_name", settings.fund_name);
        const bool has_card = card && card->token;
        page.set("has_card", has_card);
        if (card && !card->token) page.set("unreadable", true);
        if (has_card) {
          const std::string url = VerificationUrl(settings.public_url, *card->token);
          page.set("card_id", std::to_string(card->card_id));
          page.set("verify_url", url);
          page.set("qr", view::QrSvg(url, t.Get(lang, "card.qr_label"), 4));
          page.set("created", t.Format(lang, "card.created_at",
                                       {{"date", i18n::FormatWibTime(card->created_at, lang, t)}}));
        }
        // After a POST: what happened (303 to here, so a reload sends nothing again).
        const std::string notice = request.Query("notice").value_or("");
        if (notice == "created" || notice == "renewed") {
          page.set("notice", t.Get(lang, "card.notice." + notice));
        } else if (notice == "stale") {
          page.set("stale", t.Get(lang, "card.notice.stale"));
        }
        return view::Page(request, views, "card/card", "card.title", page);
      }));

  router.Post(
      "/card/create", http::OnlyRoles({"member"}, [&database, keys](http::Request& request) {
        auto lease = database.Acquire();
        if (!membership::LoadSummary(lease.session(), request.visitor.member_id)) {
          return http::Response::Error(404);
        }
        CreateCard(lease.session(), *keys, request.visitor.member_id, Now(), AuditEvent(request));
        return http::Response::Redirect("/card?notice=created");
      }));

  router.Post(
      "/card/renew", http::OnlyRoles({"member"}, [&database, keys](http::Request& request) {
        const auto expected = PostedCardId(request);
        if (!expected) return http::Response::Redirect("/card?notice=stale");
        auto lease = database.Acquire();
        const RenewResult result = RenewCard(lease.session(), *keys, request.visitor.member_id,
                                             *expected, Now(), AuditEvent(request));
        return http::Response::Redirect(result == RenewResult::kRenewed ? "/card?notice=renewed"
                                                                        : "/card?notice=stale");
      }));

  router.Get("/card.png", http::OnlyRoles({"member"}, [&database, &views, settings,
                                                       keys](http::Request& request) {
               return Download(request, database, views, settings, *keys, /*pdf=*/false);
             }));
  router.Get("/card.pdf", http::OnlyRoles({"member"}, [&database, &views, settings,
                                                       keys](http::Request& request) {
               return Download(request, database, views, settings, *keys, /*pdf=*/true);
             }));

  router.Get("/verify/card/{token}", [&database, &views, settings, keys](http::Request& request) {
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    std::optional<membership::Summary> holder;
    {
      auto lease = database.Acquire();
      if (const auto card = VerifyCard(lease.session(), *keys, request.params["token"])) {
        holder = membership::LoadSummary(lease.session(), card->member_id);
      }
    }
    data page{data::type::object};
    page.set("valid", holder.has_value());
    if (holder) {
      page.set("valid_text", t.Format(lang, "card.verify.valid", {{"fund", settings.fund_name}}));
      page.set("member", view::MaskName(holder->full_name));
      page.set("status", t.Get(lang, "membership.status." + holder->status));
      page.set("active", holder->status == "active");
    } else {
      page.set("invalid_text",
               t.Format(lang, "card.verify.invalid", {{"fund", settings.fund_name}}));
    }
    auto response =
        view::Page(request, views, "card/verify", "card.verify.title", page, holder ? 200 : 404);
    // A card's check is for whoever holds the card, not for search engines.
    response.Set("X-Robots-Tag", "noindex, nofollow");
    return response;
  });
}

view::DashboardCardSource DashboardCards(const view::Views& views) {
  return [&views](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (request.visitor.role != "member" || !request.visitor.member_id) return cards;
    const auto& t = views.catalogs();
    view::DashboardCard card;
    card.order = 15;
    card.title = t.Get(request.lang, "card.title");
    card.lines = {t.Get(request.lang, "card.dashboard.text")};
    card.href = "/card";
    card.link_text = t.Get(request.lang, "card.dashboard.link");
    cards.push_back(std::move(card));
    return cards;
  };
}

}  // namespace lumbung::card
