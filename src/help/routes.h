// The help centre's pages (docs/help.md).
//
// Public, signed in or not:
//   GET  /help                              search box, topics with their articles, popular
//                                           articles, scam warning, link to the contact page
//   GET  /help/search?q=                    ranked results, matched words in <mark>
//   GET  /help/contact                      the fund's contact details (config fund.*)
//   GET  /help/{topic}                      a topic's articles
//   GET  /help/{topic}/{article}            an article in the visitor's language
//   POST /help/{topic}/{article}/helpful    "was this helpful?" yes/no, one per visitor
// Content editors (staff role content_editor; everyone else 403):
//   GET  /staff/help                        every article, drafts included
//   GET  /staff/help/new, POST              a new article (do=save or do=preview)
//   GET  /staff/help/{id}, POST             an article's both languages, topic, slug, status
// Every save is audited (help.article_created, help.article_saved).
#pragma once

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/views.h"

namespace lumbung::help {

// Also loads the starter set (src/help/starter, starter.h) when the database has no article.
void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config);

}  // namespace lumbung::help
