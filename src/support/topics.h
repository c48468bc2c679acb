// What a conversation is about, chosen from a fixed list so staff can sort the queue: account
// and sign-in, contributions, savings, claims, employer matters, other. Each has a catalog text
// "support.topic.<name>". Pure.
#pragma once

#include <string_view>
#include <vector>

namespace lumbung::support {

const std::vector<std::string_view>& Topics();
bool IsTopic(std::string_view topic);

}  // namespace lumbung::support
