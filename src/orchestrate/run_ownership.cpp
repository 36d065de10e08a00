#include "strata/orchestrate/run_ownership.hpp"

#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>

namespace strata {

namespace {

const char* const kHostTag = "strata/host";
const char* const kProcessTag = "strata/process";  // "<boot id> <pid> <start time>"

std::string host_name() {
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0) return "";
  return buffer;
}

std::string boot_id() {
  std::ifstream file("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(file, id);
  return id;
}

/// The start time of `pid` in clock ticks since boot (field 22 of
/// /proc/PID/stat), or "" when no such process exists.
std::string process_start_time(int64_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(file, line)) return "";
  // The command name (field 2) is in parentheses and may hold spaces.
  const size_t name_end = line.rfind(')');
  if (name_end == std::string::npos) return "";
  std::istringstream fields(line.substr(name_end + 1));
  std::string field;
  for (int index = 3; index <= 22 && fields >> field; ++index)
    if (index == 22) return field;
  return "";
}

enum class Owner { Alive, Gone, Unknown };

Owner owner_state(const RunRecord& run, const std::string& this_host, const std::string& this_boot) {
  auto host = run.tags.find(kHostTag);
  auto process = run.tags.find(kProcessTag);
  if (host == run.tags.end() || process == run.tags.end() || host->second != this_host) return Owner::Unknown;
  std::istringstream fields(process->second);
  std::string boot, start;
  int64_t pid = 0;
  if (!(fields >> boot >> pid >> start)) return Owner::Unknown;
  if (boot != this_boot) return Owner::Gone;  // the machine restarted since
  return process_start_time(pid) == start ? Owner::Alive : Owner::Gone;
}

Event failure_event(const RunRecord& run, EventType type, const std::string& step_key,
                    const std::string& message) {
  Event event;
  event.run_id = run.run_id;
  event.timestamp_us = now_us();
  event.type = type;
  event.step_key = step_key;
  event.level = LogLevel::Error;
  event.message = message;
  event.data = {{"error", message}, {"abandoned", true}, {"pid", run.pid}};
  return event;
}

}  // namespace

void tag_run_owner(std::map<std::string, std::string>& tags) {
  const int64_t pid = ::getpid();
  tags[kHostTag] = host_name();
  tags[kProcessTag] = boot_id() + " " + std::to_string(pid) + " " + process_start_time(pid);
}

int64_t fail_abandoned_runs(RunStorage& storage) {
  RunFilter started;
  started.status = RunStatus::Started;
  started.limit = 0;
  const std::string this_host = host_name();
  const std::string this_boot = boot_id();
  int64_t marked = 0;
  for (const RunRecord& run : storage.list_runs(started)) {
    if (owner_state(run, this_host, this_boot) != Owner::Gone) continue;
    const std::string why = "its process (pid " + std::to_string(run.pid) +
                            ") ended without finishing the run: it was killed or crashed";
    std::set<std::string> unfinished;
    for (const Event& event : storage.run_events(run.run_id)) {
      if (event.type == EventType::StepStart) unfinished.insert(event.step_key);
      if (event.type == EventType::StepSuccess || event.type == EventType::StepFailure ||
          event.type == EventType::StepSkipped)
        unfinished.erase(event.step_key);
    }
    std::vector<Event> events;
    for (const std::string& step : unfinished)
      events.push_back(
          failure_event(run, EventType::StepFailure, step, "step '" + step + "' failed: " + why));
    events.push_back(failure_event(run, EventType::RunFailure, "", "run FAILURE: " + why));
    storage.append_events(events);
    storage.update_run_status(run.run_id, RunStatus::Failure, now_us());
    ++marked;
  }
  return marked;
}

}  // namespace strata
