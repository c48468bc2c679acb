// Prometheus metrics in the text exposition format: requests by route and status, a latency
// histogram, and gauges sampled when /metrics is read (worker pool queue, database pool).
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace lumbung::observe {

class Metrics {
 public:
  // `route` is the pattern ("/verify/card/{token}"), never the raw path, so labels stay few.
  void ObserveRequest(const std::string& method, const std::string& route, int status,
                      double seconds);
  // A gauge read at scrape time, e.g. {"lumbung_worker_queue_depth", help, fn}.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  std::string Render() const;

  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Histogram {
    std::array<long, kBuckets.size()> counts{};
    long count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, long> requests_;
  std::map<std::string, Histogram> latency_;  // by route
  std::vector<Gauge> gauges_;
};

}  // namespace lumbung::observe
