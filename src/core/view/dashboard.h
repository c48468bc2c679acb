// The signed-in home page (/dashboard) is put together from cards that features offer, so that
// the page owner (identity) needs nothing from the features and a feature needs nothing from
// identity: the app hands every feature's card source to the dashboard.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/http/request.h"

namespace lumbung::view {

struct DashboardCard {
  int order = 100;                 // lower first
  std::string title;               // translated
  std::string figure;              // the one big number or word, may be empty
  std::vector<std::string> lines;  // short facts under it
  std::string href, link_text;     // where the card leads
  bool warning = false;            // something needs the member's attention
  // A suggestion the member may wave away: a small POST form (with the CSRF token) to this
  // path, its button labelled dismiss_label. Empty: the card cannot be dismissed.
  std::string dismiss_action, dismiss_label;
};

// Cards for this visitor (none when the feature has nothing to say to them). Runs on every
// dashboard view: keep it to a few indexed queries.
using DashboardCardSource = std::function<std::vector<DashboardCard>(const http::Request&)>;

}  // namespace lumbung::view
