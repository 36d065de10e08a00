#pragma once
// Shared helpers for the orchestration tests: temporary folders, small
// frames, and an event collector.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "strata/frame/dataframe.hpp"
#include "strata/orchestrate/events.hpp"

namespace strata::testing {

/// A fresh folder removed at the end of the test.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("strata-orchestrate-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline DataFrame numbers_frame(std::vector<int64_t> values, const std::string& name = "n") {
  return DataFrame({Series::from(name, values)});
}

/// Collects events from a run's listener (thread-safe).
class EventLog {
 public:
  void add(const Event& event) {
    std::lock_guard lock(mutex_);
    events_.push_back(event);
  }
  std::vector<Event> events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }
  std::vector<EventType> types() const {
    std::vector<EventType> out;
    for (const Event& e : events()) out.push_back(e.type);
    return out;
  }
  int count(EventType type) const {
    int n = 0;
    for (const Event& e : events()) n += e.type == type;
    return n;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Event> events_;
};

}  // namespace strata::testing
