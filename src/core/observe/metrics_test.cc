#include "core/observe/metrics.h"

#include <gtest/gtest.h>

namespace lumbung::observe {
namespace {

TEST(Metrics, CountsByRouteAndStatusWithHistogramAndGauges) {
  Metrics m;
  m.ObserveRequest("GET", "/", 200, 0.003);
  m.ObserveRequest("GET", "/", 200, 0.2);
  m.ObserveRequest("GET", "/verify/card/{token}", 404, 0.001);
  m.AddGauge("lumbung_worker_queue_depth", "Requests waiting", [] { return 3.0; });
  const std::string text = m.Render();
  EXPECT_NE(text.find("lumbung_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("route=\"/verify/card/{token}\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(text.find("lumbung_http_request_duration_seconds_bucket{route=\"/\",le=\"0.005\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("lumbung_http_request_duration_seconds_bucket{route=\"/\",le=\"+Inf\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("lumbung_http_request_duration_seconds_count{route=\"/\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE lumbung_worker_queue_depth gauge\nlumbung_worker_queue_depth 3\n"),
            std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
  Metrics m;
  m.ObserveRequest("GET", "a\"b\\c", 200, 0);
  EXPECT_NE(m.Render().find("route=\"a\\\"b\\\\c\""), std::string::npos);
}

}  // namespace
}  // namespace lumbung::observe
