#include "core/view/escape.h"

#include <gtest/gtest.h>

namespace lumbung::view {
namespace {

TEST(EscapeHtml, TheFiveCharactersThatEndATextOrAnAttributeValue) {
  EXPECT_EQ(EscapeHtml(R"(<a href="x" title='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(EscapeHtml, EverythingElseAsItIs) {
  EXPECT_EQ(EscapeHtml("Rp 1.250.000 — Jaminan Hari Tua"), "Rp 1.250.000 — Jaminan Hari Tua");
  EXPECT_EQ(EscapeHtml(""), "");
  EXPECT_EQ(EscapeHtml("&amp;"), "&amp;amp;") << "escaped once more, never taken as escaped";
}

}  // namespace
}  // namespace lumbung::view
