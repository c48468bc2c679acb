#include "support/topics.h"

#include <algorithm>

namespace lumbung::support {

const std::vector<std::string_view>& Topics() {
  static const std::vector<std::string_view> topics = {"account", "contributions", "savings",
                                                       "claims",  "employer",      "other"};
  return topics;
}

bool IsTopic(std::string_view topic) {
  const auto& all = Topics();
  return std::find(all.begin(), all.end(), topic) != all.end();
}

}  // namespace lumbung::support
