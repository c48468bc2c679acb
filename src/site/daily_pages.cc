#include "site/daily_pages.h"

namespace lumbung::site {

std::shared_ptr<const view::StampedPage> DailyPages::Get(const std::string& lang,
                                                         registry::Date day, const Render& render) {
  {
    std::lock_guard lock(mutex_);
    auto it = pages_.find(lang);
    if (it != pages_.end() && it->second.first == day) return it->second.second;
  }
  auto page = std::make_shared<const view::StampedPage>(render());
  std::lock_guard lock(mutex_);
  auto& kept = pages_[lang];
  // A request still on the previous day (a thread that read the clock just before midnight)
  // never replaces the new day's copy.
  if (!kept.second || kept.first < day) kept = {day, page};
  return page;
}

std::size_t DailyPages::size() const {
  std::lock_guard lock(mutex_);
  return pages_.size();
}

}  // namespace lumbung::site
