#pragma once
// Live progress of a run on the terminal: one line when a step starts and
// one when it ends (with duration and rows), retries, skipped steps, the
// steps' log lines, and a "still running" line every `heartbeat` for a long
// step.
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "strata/orchestrate/events.hpp"

namespace strata::cli {

class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::ostream& out, std::chrono::seconds heartbeat = std::chrono::seconds(15));
  ~ProgressPrinter();
  ProgressPrinter(const ProgressPrinter&) = delete;
  ProgressPrinter& operator=(const ProgressPrinter&) = delete;

  /// The event listener; thread-safe.
  void on_event(const Event& event);

 private:
  std::string prefix(const std::string& step_key);
  void heartbeat_loop();

  std::ostream& out_;
  std::chrono::seconds heartbeat_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  size_t total_steps_ = 0;
  std::map<std::string, size_t> step_index_;
  std::map<std::string, int64_t> rows_;
  std::map<std::string, std::chrono::steady_clock::time_point> running_;
  size_t name_width_ = 0;
  std::thread heartbeat_thread_;
};

}  // namespace strata::cli
