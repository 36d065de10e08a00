#include "orchestrate/internal/event_recorder.hpp"

namespace strata::internal {

EventRecorder::EventRecorder(RunStorage& storage, std::string run_id, std::vector<EventListener> listeners,
                             EventBatching batching)
    : storage_(storage), run_id_(std::move(run_id)), listeners_(std::move(listeners)), batching_(batching) {
  flusher_ = std::thread([this] { background_loop(); });
  // Wait until the thread runs: a thread still starting up (the runtime
  // setting up its stack, TLS and allocator cache) may hold locks that a
  // process forked at that moment would inherit locked forever.
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return flusher_started_; });
}

EventRecorder::~EventRecorder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  flusher_.join();
  try {
    flush();
  } catch (...) {
    // Nothing sensible to do in a destructor; callers flush explicitly first.
  }
}

void EventRecorder::record(Event event) {
  event.run_id = run_id_;
  if (event.timestamp_us == 0) event.timestamp_us = now_us();
  if (event.partition.empty() && !event.step_key.empty() && !partition_of_step_.empty())
    if (auto found = partition_of_step_.find(event.step_key); found != partition_of_step_.end())
      event.partition = found->second;
  if (child_sink_) {  // a forked child: the parent stores and shows it
    child_sink_(event);
    return;
  }
  {
    // Listeners print progress; one at a time keeps their output in order.
    std::lock_guard lock(listener_mutex_);
    for (const EventListener& listener : listeners_) {
      try {
        listener(event);
      } catch (...) {
        // A broken listener (a closed stdout, say) must not fail the run.
      }
    }
  }
  std::unique_lock lock(mutex_);
  if (background_error_) std::rethrow_exception(std::exchange(background_error_, nullptr));
  const bool is_log = event.type == EventType::Log;
  if (buffer_.empty()) first_buffered_ = std::chrono::steady_clock::now();
  buffer_.push_back(std::move(event));
  if (!is_log || static_cast<int64_t>(buffer_.size()) >= batching_.max_events) {
    flush_locked(lock);
  } else {
    wake_.notify_all();
  }
}

std::unique_lock<std::mutex> EventRecorder::hold_for_fork() {
  std::unique_lock lock(mutex_);
  if (background_error_) std::rethrow_exception(std::exchange(background_error_, nullptr));
  flush_locked(lock);
  return lock;
}

void EventRecorder::redirect_in_child(std::function<void(const Event&)> sink) {
  child_sink_ = std::move(sink);
  buffer_.clear();  // already written by the parent (hold_for_fork flushed)
}

void EventRecorder::flush() {
  if (child_sink_) return;
  std::unique_lock lock(mutex_);
  if (background_error_) std::rethrow_exception(std::exchange(background_error_, nullptr));
  flush_locked(lock);
}

void EventRecorder::flush_locked(std::unique_lock<std::mutex>&) {
  if (buffer_.empty()) return;
  std::vector<Event> batch = std::move(buffer_);
  buffer_.clear();
  try {
    storage_.append_events(batch);
  } catch (...) {
    // Keep the events so that a later flush can retry them.
    batch.insert(batch.end(), std::make_move_iterator(buffer_.begin()), std::make_move_iterator(buffer_.end()));
    buffer_ = std::move(batch);
    throw;
  }
}

void EventRecorder::background_loop() {
  std::unique_lock lock(mutex_);
  flusher_started_ = true;
  wake_.notify_all();
  while (!stopping_) {
    if (buffer_.empty() || background_error_) {
      wake_.wait(lock);
      continue;
    }
    auto deadline = first_buffered_ + batching_.max_delay;
    if (wake_.wait_until(lock, deadline) == std::cv_status::timeout && !buffer_.empty() &&
        std::chrono::steady_clock::now() >= first_buffered_ + batching_.max_delay) {
      try {
        flush_locked(lock);
      } catch (...) {
        background_error_ = std::current_exception();
        first_buffered_ = std::chrono::steady_clock::now();
      }
    }
  }
}

}  // namespace strata::internal
