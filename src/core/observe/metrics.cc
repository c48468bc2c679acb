#include "core/observe/metrics.h"

#include <cstdio>
#include <sstream>

namespace lumbung::observe {
namespace {

std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  std::lock_guard lock(mu_);
  requests_[{method, route, status}]++;
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) h.counts[i]++;
  }
  h.count++;
  h.sum += seconds;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP lumbung_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE lumbung_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out << "lumbung_http_requests_total{method=\"" << Escape(method) << "\",route=\""
        << Escape(route) << "\",status=\"" << status << "\"} " << count << "\n";
  }
  out << "# HELP lumbung_http_request_duration_seconds Time from request read to response ready.\n"
         "# TYPE lumbung_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string label = "route=\"" + Escape(route) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "lumbung_http_request_duration_seconds_bucket{" << label << ",le=\""
          << Number(kBuckets[i]) << "\"} " << h.counts[i] << "\n";
    }
    out << "lumbung_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} " << h.count
        << "\n";
    out << "lumbung_http_request_duration_seconds_sum{" << label << "} " << Number(h.sum) << "\n";
    out << "lumbung_http_request_duration_seconds_count{" << label << "} " << h.count << "\n";
  }
  for (const auto& g : gauges_) {
    out << "# HELP " << g.name << " " << g.help << "\n# TYPE " << g.name << " gauge\n"
        << g.name << " " << Number(g.read()) << "\n";
  }
  return out.str();
}

}  // namespace lumbung::observe
