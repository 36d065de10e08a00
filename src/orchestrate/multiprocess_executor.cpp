#include "strata/orchestrate/multiprocess_executor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "orchestrate/internal/child_report_channel.hpp"
#include "strata/core/error.hpp"

namespace strata {

namespace {

using Clock = std::chrono::steady_clock;

enum class StepState { Pending, WaitingToRetry, Running, Done };

struct Child {
  size_t index = 0;  // plan position
  pid_t pid = -1;
  int fd = -1;
  internal::ReportReader reader;
  std::optional<StepOutcome> outcome;
  bool broken = false;  // sent something unreadable; killed
  bool asked_to_stop = false;  // sent SIGTERM after the run was cancelled
};

/// The tags of the step's assets (merged) or op.
std::map<std::string, std::string> step_tags(const PlanStep& step) {
  std::map<std::string, std::string> tags;
  if (step.kind == StepKind::Asset && step.asset) {
    for (const AssetKey& key : step.asset_keys)
      if (const AssetSpec* spec = step.asset->spec_for(key)) tags.insert(spec->tags().begin(), spec->tags().end());
  } else if (step.kind == StepKind::Op && step.op) {
    tags = step.op->tags();
  }
  return tags;
}

int step_priority(const PlanStep& step) {
  const auto tags = step_tags(step);
  auto found = tags.find(kPriorityTag);
  if (found == tags.end()) return 0;
  try {
    return std::stoi(found->second);
  } catch (const std::exception&) {
    return 0;  // not a number: no preference (definitions are not the place to fail a run)
  }
}

bool limit_applies(const TagConcurrencyLimit& limit, const PlanStep& step) {
  const auto tags = step_tags(step);
  auto found = tags.find(limit.key);
  return found != tags.end() && (!limit.value || *limit.value == found->second);
}

StepStatus parse_step_status(const std::string& name) {
  for (StepStatus status : {StepStatus::Success, StepStatus::Failure, StepStatus::Skipped, StepStatus::Canceled})
    if (name == step_status_name(status)) return status;
  throw InvalidInputError("unknown step status '" + name + "'");
}

Json outcome_to_json(const StepOutcome& outcome) {
  return {{"step_key", outcome.step_key},
          {"status", step_status_name(outcome.status)},
          {"attempts", outcome.attempts},
          {"duration_us", outcome.duration_us},
          {"error", outcome.error},
          {"failed_check", outcome.failed_check},
          {"blocking_check", outcome.blocking_check}};
}

StepOutcome outcome_from_json(const Json& json) {
  StepOutcome outcome;
  outcome.step_key = json.at("step_key").get<std::string>();
  outcome.status = parse_step_status(json.at("status").get<std::string>());
  outcome.attempts = json.at("attempts").get<int>();
  outcome.duration_us = json.at("duration_us").get<int64_t>();
  outcome.error = json.at("error").get<std::string>();
  outcome.failed_check = json.value("failed_check", std::string());
  outcome.blocking_check = json.value("blocking_check", std::string());
  return outcome;
}

/// The child's whole life: run the step, report, leave without running the
/// parent's destructors or atexit handlers.
// The child's copy of the run's cancellation flag, for its SIGTERM handler.
std::atomic<bool>* child_cancellation_flag = nullptr;

extern "C" void cancel_child_step(int) {
  if (child_cancellation_flag) child_cancellation_flag->store(true);
}

[[noreturn]] void run_child(RunContext& run, const PlanStep& step, int fd, pid_t parent) {
  ::signal(SIGPIPE, SIG_IGN);  // a vanished parent shows up as a failed write
  // The parent sends SIGTERM when the run is cancelled: the step sees
  // is_cancelled() as it would in-process (retry waits end, check_cancelled throws).
  static CancellationToken token;
  token = run.cancellation();
  child_cancellation_flag = token.flag_for_signal_handler();
  struct sigaction on_term {};
  on_term.sa_handler = cancel_child_step;
  ::sigemptyset(&on_term.sa_mask);
  ::sigaction(SIGTERM, &on_term, nullptr);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(3);  // the parent died before prctl took effect
  StepOutcome outcome;
  outcome.step_key = step.key;
  try {
    outcome = run.execute_step(step);
  } catch (const std::exception& error) {
    outcome.status = StepStatus::Failure;
    outcome.error = run.describe_step(step) + " failed in its process: " + error.what();
  } catch (...) {
    outcome.status = StepStatus::Failure;
    outcome.error = run.describe_step(step) + " failed in its process";
  }
  const bool reported = internal::write_report(fd, {{"outcome", outcome_to_json(outcome)}});
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(reported ? 0 : 3);
}

std::string describe_death(int status) {
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    const char* name = ::strsignal(signal);
    return "was killed by signal " + std::to_string(signal) + (name ? std::string(" (") + name + ")" : "");
  }
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  return "ended unexpectedly";
}

}  // namespace

MultiprocessExecutor::MultiprocessExecutor(MultiprocessOptions options)
    : options_(std::move(options)),
      max_concurrent_(options_.max_concurrent > 0
                          ? options_.max_concurrent
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {
  for (const TagConcurrencyLimit& limit : options_.tag_limits)
    if (limit.key.empty() || limit.limit < 1)
      throw InvalidInputError("a tag concurrency limit needs a tag name and a limit of at least 1 (tag '" +
                              limit.key + "', limit " + std::to_string(limit.limit) + ")");
}

std::vector<StepOutcome> MultiprocessExecutor::execute(RunContext& run) {
  const std::vector<PlanStep>& steps = run.plan().steps();
  const size_t n = steps.size();
  std::map<std::string, size_t> index_of;
  for (size_t i = 0; i < n; ++i) index_of[steps[i].key] = i;
  std::vector<StepState> state(n, StepState::Pending);
  std::vector<std::optional<StepOutcome>> outcomes(n);
  std::vector<int> process_failures(n, 0);
  std::vector<Clock::time_point> not_before(n);
  std::vector<Clock::time_point> first_started(n);
  std::vector<int> priority(n);
  for (size_t i = 0; i < n; ++i) priority[i] = step_priority(steps[i]);
  std::vector<std::unique_ptr<Child>> children;
  std::mt19937_64 random(std::random_device{}());
  const pid_t self = ::getpid();

  auto finish = [&](size_t i, StepOutcome outcome) {
    outcomes[i] = std::move(outcome);
    state[i] = StepState::Done;
  };

  auto launch = [&](size_t i) {
    const PlanStep& step = steps[i];
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
      throw IOError(std::string("cannot create a pipe for a step process: ") + std::strerror(errno));
    const int write_end = fds[1];
    pid_t pid = -1;
    try {
      pid = run.fork_step_process([write_end](const Event& event) {
        static std::mutex writing;  // user code may log from several threads
        std::lock_guard lock(writing);
        if (!internal::write_report(write_end, {{"event", encode_event(event)}})) ::_exit(3);
      });
    } catch (...) {
      ::close(fds[0]);
      ::close(fds[1]);
      throw;
    }
    if (pid == 0) {
      ::close(fds[0]);
      run_child(run, step, write_end, self);
    }
    ::close(write_end);
    auto child = std::make_unique<Child>();
    child->index = i;
    child->pid = pid;
    child->fd = fds[0];
    children.push_back(std::move(child));
    if (process_failures[i] == 0) first_started[i] = Clock::now();
    state[i] = StepState::Running;
  };

  // A child ended (its pipe closed): its outcome, or a process failure.
  auto conclude = [&](Child& child) {
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::close(child.fd);
    const size_t i = child.index;
    const PlanStep& step = steps[i];
    if (child.outcome && !child.broken) {
      finish(i, *child.outcome);
      return;
    }
    ++process_failures[i];
    const std::string death = describe_death(status);
    const std::string wrapped = run.describe_step(step) + " failed: its process " + death + " before reporting a result";
    const RetryPolicy policy = run.retry_policy(step);
    Json data = {{"message", wrapped}, {"cause", "process " + death}, {"type", "process"}};
    if (WIFSIGNALED(status)) data["signal"] = WTERMSIG(status);
    if (WIFEXITED(status)) data["exit_code"] = WEXITSTATUS(status);
    if (process_failures[i] <= policy.max_retries && !run.is_cancelled()) {
      const std::chrono::milliseconds delay = policy.delay_before(process_failures[i], random);
      data["attempt"] = process_failures[i];
      data["next_attempt"] = process_failures[i] + 1;
      data["max_attempts"] = policy.max_retries + 1;
      data["delay_ms"] = delay.count();
      run.record_step_event(EventType::StepRetry, step,
                            wrapped + "; retrying in " + std::to_string(delay.count()) + " ms (attempt " +
                                std::to_string(process_failures[i] + 1) + " of " +
                                std::to_string(policy.max_retries + 1) + ")",
                            std::move(data), LogLevel::Warning);
      state[i] = StepState::WaitingToRetry;
      not_before[i] = Clock::now() + delay;
      return;
    }
    StepOutcome outcome;
    outcome.step_key = step.key;
    outcome.status = StepStatus::Failure;
    outcome.attempts = process_failures[i];
    outcome.duration_us =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - first_started[i]).count();
    outcome.error = wrapped;
    data["attempts"] = process_failures[i];
    data["duration_ms"] = static_cast<double>(outcome.duration_us) / 1000.0;
    run.record_step_event(EventType::StepFailure, step, wrapped, std::move(data), LogLevel::Error);
    finish(i, std::move(outcome));
  };

  auto read_from = [&](Child& child) -> bool {  // false at end of file
    char buffer[65536];
    const ssize_t got = ::read(child.fd, buffer, sizeof(buffer));
    if (got < 0) return errno == EINTR || errno == EAGAIN;
    if (got == 0) return false;
    if (child.broken) return true;  // drain until it dies
    child.reader.append(buffer, static_cast<size_t>(got));
    try {
      while (std::optional<Json> message = child.reader.next()) {
        if (message->contains("event")) {
          run.record_reported_event(decode_event(message->at("event")));
        } else if (message->contains("outcome")) {
          child.outcome = outcome_from_json(message->at("outcome"));
        }
      }
    } catch (const InvalidInputError&) {
      child.broken = true;
      ::kill(child.pid, SIGKILL);
    } catch (const Json::exception&) {
      child.broken = true;
      ::kill(child.pid, SIGKILL);
    }
    return true;
  };

  try {
    while (true) {
      // Settle what cannot run, in plan order so that skips cascade in one pass.
      const bool cancelled = run.is_cancelled();
      for (size_t i = 0; i < n; ++i) {
        if (state[i] != StepState::Pending && state[i] != StepState::WaitingToRetry) continue;
        if (cancelled) {
          finish(i, run.skip_step(steps[i], "the run was cancelled", StepStatus::Canceled));
          continue;
        }
        for (const std::string& upstream : steps[i].upstream_steps) {
          auto found = index_of.find(upstream);
          if (found == index_of.end()) continue;
          const size_t u = found->second;
          if (state[u] != StepState::Done) continue;
          if (std::string reason = blocked_reason(*outcomes[u]); !reason.empty()) {
            finish(i, run.skip_step(steps[i], reason, StepStatus::Skipped));
            break;
          }
        }
      }

      // Start ready steps: highest priority first, then plan order.
      const Clock::time_point now = Clock::now();
      std::vector<size_t> ready;
      std::optional<Clock::time_point> next_retry;
      for (size_t i = 0; i < n; ++i) {
        if (state[i] != StepState::Pending && state[i] != StepState::WaitingToRetry) continue;
        bool inputs_ready = true;
        for (const std::string& upstream : steps[i].upstream_steps) {
          auto found = index_of.find(upstream);
          if (found != index_of.end() && state[found->second] != StepState::Done) inputs_ready = false;
        }
        if (!inputs_ready) continue;
        if (state[i] == StepState::WaitingToRetry && not_before[i] > now) {
          next_retry = next_retry ? std::min(*next_retry, not_before[i]) : not_before[i];
          continue;
        }
        ready.push_back(i);
      }
      std::stable_sort(ready.begin(), ready.end(), [&](size_t a, size_t b) { return priority[a] > priority[b]; });
      for (size_t i : ready) {
        if (static_cast<int>(children.size()) >= max_concurrent_) break;
        bool within_limits = true;
        for (const TagConcurrencyLimit& limit : options_.tag_limits) {
          if (!limit_applies(limit, steps[i])) continue;
          int in_use = 0;
          for (const auto& child : children) in_use += limit_applies(limit, steps[child->index]);
          if (in_use >= limit.limit) within_limits = false;
        }
        if (!within_limits) continue;
        if (std::string local = run.process_local_io_manager(steps[i]); !local.empty()) {
          const std::string message = run.describe_step(steps[i]) + " cannot run in a child process: IO manager '" +
                                      local + "' keeps values in process memory, out of other processes' reach; "
                                      "store them with parquet or csv, or use the in-process executor";
          run.record_step_event(EventType::StepFailure, steps[i], message, {{"message", message}, {"attempts", 0}},
                                LogLevel::Error);
          StepOutcome outcome;
          outcome.step_key = steps[i].key;
          outcome.status = StepStatus::Failure;
          outcome.error = message;
          finish(i, std::move(outcome));
          continue;
        }
        launch(i);
      }

      if (children.empty()) {
        bool waiting = false;
        for (size_t i = 0; i < n; ++i) waiting = waiting || state[i] != StepState::Done;
        if (!waiting) break;
        if (!next_retry && ready.empty())
          throw InternalError("multiprocess executor: steps left that can never start");
      }

      // Wait for reports, exits, a retry coming due, or (polling) cancellation.
      int timeout_ms = 100;
      if (next_retry)
        timeout_ms = static_cast<int>(std::clamp<int64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(*next_retry - Clock::now()).count() + 1, 0, 100));
      std::vector<pollfd> watched;
      for (const auto& child : children) watched.push_back({child->fd, POLLIN, 0});
      if (watched.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
        continue;
      }
      if (run.is_cancelled())
        for (const auto& child : children)
          if (!child->asked_to_stop) {
            ::kill(child->pid, SIGTERM);
            child->asked_to_stop = true;
          }
      const int ready_count = ::poll(watched.data(), watched.size(), timeout_ms);
      if (ready_count < 0 && errno != EINTR) throw IOError(std::string("poll failed: ") + std::strerror(errno));
      if (ready_count <= 0) continue;
      std::vector<std::unique_ptr<Child>> still_running;
      for (size_t c = 0; c < children.size(); ++c) {
        Child& child = *children[c];
        bool open = true;
        if (watched[c].revents & (POLLIN | POLLHUP | POLLERR)) open = read_from(child);
        if (open) {
          still_running.push_back(std::move(children[c]));
        } else {
          conclude(child);
        }
      }
      children = std::move(still_running);
    }
  } catch (...) {
    // Storage or the executor broke: leave no child behind.
    for (const auto& child : children) {
      ::kill(child->pid, SIGKILL);
      ::waitpid(child->pid, nullptr, 0);
      ::close(child->fd);
    }
    throw;
  }

  std::vector<StepOutcome> result;
  result.reserve(n);
  for (size_t i = 0; i < n; ++i) result.push_back(std::move(*outcomes[i]));
  return result;
}

}  // namespace strata
