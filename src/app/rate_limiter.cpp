#include "app/rate_limiter.hpp"

namespace netral::app {

void RateLimiter::prune(std::deque<std::chrono::steady_clock::time_point>& q, std::chrono::steady_clock::time_point now) {
  while (!q.empty() && now - q.front() > window_) q.pop_front();
}

bool RateLimiter::allow(const std::string& key) {
  if (limit_ <= 0) return true;
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  auto& q = events_[key];
  prune(q, now);
  if (static_cast<int>(q.size()) >= limit_) return false;
  q.push_back(now);
  if (events_.size() > 100000) {  // bound memory under a flood of distinct keys
    for (auto it = events_.begin(); it != events_.end();) {
      prune(it->second, now);
      it = it->second.empty() ? events_.erase(it) : std::next(it);
    }
  }
  return true;
}

bool RateLimiter::blocked(const std::string& key) {
  if (limit_ <= 0) return false;
  std::lock_guard lock(mu_);
  auto it = events_.find(key);
  if (it == events_.end()) return false;
  prune(it->second, std::chrono::steady_clock::now());
  return static_cast<int>(it->second.size()) >= limit_;
}

void RateLimiter::record(const std::string& key) {
  if (limit_ <= 0) return;
  std::lock_guard lock(mu_);
  events_[key].push_back(std::chrono::steady_clock::now());
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(mu_);
  events_.erase(key);
}

}  // namespace netral::app
