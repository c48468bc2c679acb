#include "identity/sign_in_wait.h"

#include "core/i18n/wib_time.h"

namespace lumbung::identity {

std::string RetryPhrase(const i18n::Catalogs& catalogs, const std::string& lang, std::int64_t now,
                        std::int64_t until) {
  const std::int64_t wait = until > now ? until - now : 1;
  if (wait >= 3600) {
    return catalogs.Format(lang, "identity.login.wait.after",
                           {{"time", i18n::FormatWibTime(until, lang, catalogs)}});
  }
  // The catalogs have no plural forms: one text for 1 and one for the rest.
  const bool seconds = wait < 60;
  const std::int64_t count = seconds ? wait : (wait + 59) / 60;
  const std::string id = std::string("identity.login.wait.") + (seconds ? "seconds" : "minutes") +
                         (count == 1 ? ".one" : ".other");
  return catalogs.Format(lang, id, {{"count", std::to_string(count)}});
}

}  // namespace lumbung::identity
