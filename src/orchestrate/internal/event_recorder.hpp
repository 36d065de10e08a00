#pragma once
// Records a run's events: stamps them, shows them to listeners at once, and
// writes them to run storage in batches. Every event except log lines is
// written before record() returns, so that storage is consistent at each
// step boundary; log lines wait for the next event, for max_events lines,
// or for max_delay (a background thread flushes them).
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "strata/orchestrate/run_launcher.hpp"
#include "strata/orchestrate/run_storage.hpp"

namespace strata::internal {

class EventRecorder {
 public:
  EventRecorder(RunStorage& storage, std::string run_id, std::vector<EventListener> listeners,
                EventBatching batching);
  /// Flushes what is left (errors are swallowed: destructors must not throw).
  ~EventRecorder();
  EventRecorder(const EventRecorder&) = delete;
  EventRecorder& operator=(const EventRecorder&) = delete;

  /// Events of these steps (step key -> partition) that name no partition
  /// get the step's; call before the first event.
  void set_step_partitions(std::map<std::string, std::string> partition_of_step) {
    partition_of_step_ = std::move(partition_of_step);
  }
  /// Fills in run id, timestamp and partition, notifies listeners, and stores. Throws
  /// IOError when storage fails (also for a failed background flush).
  void record(Event event);
  /// Writes everything buffered; throws IOError when storage fails.
  void flush();

  /// Before fork(): writes what is buffered and returns the recorder's lock,
  /// so that no other thread is inside the recorder while the process is
  /// copied. Release it after fork() in parent and child alike.
  std::unique_lock<std::mutex> hold_for_fork();
  /// In a forked child (its background thread does not exist there): every
  /// later event goes to `sink` at once, and nowhere else.
  void redirect_in_child(std::function<void(const Event&)> sink);

 private:
  void flush_locked(std::unique_lock<std::mutex>& lock);
  void background_loop();

  RunStorage& storage_;
  std::string run_id_;
  std::vector<EventListener> listeners_;
  EventBatching batching_;
  std::mutex mutex_;
  std::mutex listener_mutex_;
  std::condition_variable wake_;
  std::vector<Event> buffer_;
  std::chrono::steady_clock::time_point first_buffered_;
  std::exception_ptr background_error_;
  bool stopping_ = false;
  bool flusher_started_ = false;
  std::thread flusher_;
  std::function<void(const Event&)> child_sink_;  // set only in a forked child
  std::map<std::string, std::string> partition_of_step_;
};

}  // namespace strata::internal
