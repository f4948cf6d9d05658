// Sliding-window counters per key (client IP, username+IP), in memory. Several instances
// behind a balancer each count on their own: the limit then applies per instance.
#pragma once
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace netral::app {

class RateLimiter {
 public:
  RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}
  // Records one event for `key` and says whether it is within the limit. A limit of 0 disables.
  bool allow(const std::string& key);
  // Whether `key` is over the limit now, without recording.
  bool blocked(const std::string& key);
  void record(const std::string& key);
  void reset(const std::string& key);

 private:
  void prune(std::deque<std::chrono::steady_clock::time_point>& q, std::chrono::steady_clock::time_point now);
  int limit_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<std::chrono::steady_clock::time_point>> events_;
};

}  // namespace netral::app
