// Pages that are the same for every signed-out visitor in a language on one of the fund's days
// (the home page: the rules in force that day and the date it names). Each is rendered on the
// first request of its language and day and kept as a view::StampedPage, so a response is a
// copy instead of a render. The rules are loaded once at start, so the day is all that can
// change what such a page says; the previous day's copy is dropped when the next is made.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "core/view/page.h"
#include "registry/rules.h"

namespace lumbung::site {

class DailyPages {
 public:
  using Render = std::function<view::StampedPage()>;

  // The page for `lang` on `day`: the kept copy, or `render()`'s result (kept). `render` runs
  // without the lock held; two threads may render the same page at once, one copy is kept.
  std::shared_ptr<const view::StampedPage> Get(const std::string& lang, registry::Date day,
                                               const Render& render);

  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<registry::Date, std::shared_ptr<const view::StampedPage>>>
      pages_;  // by language
};

}  // namespace lumbung::site
