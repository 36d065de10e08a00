#include "strata/orchestrate/memory_run_storage.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "strata/core/error.hpp"

namespace strata {

namespace {

bool is_asset_event(EventType type) {
  return type == EventType::AssetMaterialization || type == EventType::AssetObservation;
}

bool type_matches(const EventFilter& filter, EventType type) {
  return filter.types.empty() || std::find(filter.types.begin(), filter.types.end(), type) != filter.types.end();
}

bool has_tags(const RunRecord& run, const std::map<std::string, std::string>& tags) {
  for (const auto& [name, value] : tags) {
    auto found = run.tags.find(name);
    if (found == run.tags.end() || found->second != value) return false;
  }
  return true;
}

bool newer_first(const RunRecord& a, const RunRecord& b) {
  if (a.start_time_us != b.start_time_us) return a.start_time_us > b.start_time_us;
  return a.run_id > b.run_id;
}

}  // namespace

void MemoryRunStorage::add_run(const RunRecord& run) {
  std::lock_guard lock(mutex_);
  for (const RunRecord& existing : runs_)
    if (existing.run_id == run.run_id) throw InvalidInputError("run '" + run.run_id + "' already exists");
  runs_.push_back(run);
}

void MemoryRunStorage::update_run_status(const std::string& run_id, RunStatus status, int64_t end_time_us) {
  std::lock_guard lock(mutex_);
  for (RunRecord& run : runs_) {
    if (run.run_id != run_id) continue;
    run.status = status;
    if (status != RunStatus::Started) run.end_time_us = end_time_us;
    return;
  }
  throw InvalidInputError("cannot update unknown run '" + run_id + "'");
}

std::optional<RunRecord> MemoryRunStorage::get_run(const std::string& run_id) const {
  std::lock_guard lock(mutex_);
  for (const RunRecord& run : runs_)
    if (run.run_id == run_id) return run;
  return std::nullopt;
}

std::vector<RunRecord> MemoryRunStorage::runs_sorted() const {
  std::vector<RunRecord> sorted = runs_;
  std::stable_sort(sorted.begin(), sorted.end(), newer_first);
  return sorted;
}

std::vector<RunRecord> MemoryRunStorage::list_runs(const RunFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::vector<RunRecord> out;
  for (RunRecord& run : runs_sorted()) {
    if (filter.status && run.status != *filter.status) continue;
    if (!filter.job_name.empty() && run.job_name != filter.job_name) continue;
    if (!has_tags(run, filter.tags)) continue;
    out.push_back(std::move(run));
    if (filter.limit > 0 && static_cast<int64_t>(out.size()) >= filter.limit) break;
  }
  return out;
}

bool MemoryRunStorage::delete_run_locked(const std::string& run_id, bool keep_latest_asset_events) {
  auto it = std::find_if(runs_.begin(), runs_.end(), [&](const RunRecord& r) { return r.run_id == run_id; });
  if (it == runs_.end()) return false;
  runs_.erase(it);
  std::set<int64_t> protected_ids;
  if (keep_latest_asset_events) {
    std::map<std::tuple<std::string, std::string, EventType>, int64_t> latest;
    for (const Event& event : events_)
      if (is_asset_event(event.type)) latest[{event.asset_key, event.partition, event.type}] = event.id;
    for (const auto& [unused, id] : latest) protected_ids.insert(id);
  }
  std::erase_if(events_, [&](const Event& e) { return e.run_id == run_id && !protected_ids.count(e.id); });
  return true;
}

bool MemoryRunStorage::delete_run(const std::string& run_id) {
  std::lock_guard lock(mutex_);
  return delete_run_locked(run_id, false);
}

void MemoryRunStorage::append_events(std::vector<Event>& events) {
  std::lock_guard lock(mutex_);
  for (Event& event : events) {
    event.id = next_event_id_++;
    events_.push_back(event);
  }
}

std::vector<Event> MemoryRunStorage::run_events(const std::string& run_id, const EventFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::vector<Event> out;
  for (const Event& event : events_) {
    if (event.run_id != run_id || event.id <= filter.after_id || !type_matches(filter, event.type)) continue;
    out.push_back(event);
    if (filter.limit > 0 && static_cast<int64_t>(out.size()) >= filter.limit) break;
  }
  return out;
}

std::vector<Event> MemoryRunStorage::asset_events(const std::string& asset_key, const EventFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::vector<Event> out;
  for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
    if (it->asset_key != asset_key || it->id <= filter.after_id || !type_matches(filter, it->type)) continue;
    if (filter.partition && it->partition != *filter.partition) continue;
    if (!is_asset_event(it->type) && filter.types.empty()) continue;  // asset events only by default
    out.push_back(*it);
    if (filter.limit > 0 && static_cast<int64_t>(out.size()) >= filter.limit) break;
  }
  return out;
}

std::vector<AssetRecord> MemoryRunStorage::assets() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, AssetRecord> by_key;
  for (const Event& event : events_) {
    if (!is_asset_event(event.type)) continue;
    AssetRecord& record = by_key[event.asset_key];
    record.asset_key = event.asset_key;
    if (event.type == EventType::AssetMaterialization) {
      ++record.materialization_count;
      record.last_materialization = event;
    } else {
      record.last_observation = event;
    }
  }
  std::vector<AssetRecord> out;
  for (auto& [unused, record] : by_key) out.push_back(std::move(record));
  return out;
}

int64_t MemoryRunStorage::wipe_assets(const std::vector<std::string>& asset_keys) {
  std::lock_guard lock(mutex_);
  std::set<std::string> keys(asset_keys.begin(), asset_keys.end());
  size_t before = events_.size();
  std::erase_if(events_, [&](const Event& e) {
    const bool wiped = is_asset_event(e.type) || (e.type == EventType::AssetCheck && !e.asset_key.empty());
    return wiped && (keys.empty() || keys.count(e.asset_key));
  });
  return static_cast<int64_t>(before - events_.size());
}

void MemoryRunStorage::add_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  std::vector<std::string>& set = dynamic_partitions_[name];
  for (const std::string& key : keys)
    if (std::find(set.begin(), set.end(), key) == set.end()) set.push_back(key);
}

std::vector<std::string> MemoryRunStorage::dynamic_partitions(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto found = dynamic_partitions_.find(name);
  return found == dynamic_partitions_.end() ? std::vector<std::string>{} : found->second;
}

int64_t MemoryRunStorage::delete_dynamic_partitions(const std::string& name, const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  auto found = dynamic_partitions_.find(name);
  if (found == dynamic_partitions_.end()) return 0;
  const size_t before = found->second.size();
  std::erase_if(found->second,
                [&](const std::string& key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); });
  return static_cast<int64_t>(before - found->second.size());
}

void MemoryRunStorage::add_backfill(const BackfillRecord& backfill) {
  std::lock_guard lock(mutex_);
  for (const BackfillRecord& existing : backfills_)
    if (existing.backfill_id == backfill.backfill_id)
      throw InvalidInputError("backfill '" + backfill.backfill_id + "' already exists");
  backfills_.push_back(backfill);
}

void MemoryRunStorage::update_backfill_status(const std::string& backfill_id, BackfillStatus status,
                                              int64_t end_time_us) {
  std::lock_guard lock(mutex_);
  for (BackfillRecord& backfill : backfills_) {
    if (backfill.backfill_id != backfill_id) continue;
    backfill.status = status;
    if (is_terminal(status)) backfill.end_time_us = end_time_us;
    return;
  }
  throw InvalidInputError("cannot update unknown backfill '" + backfill_id + "'");
}

std::optional<BackfillRecord> MemoryRunStorage::get_backfill(const std::string& backfill_id) const {
  std::lock_guard lock(mutex_);
  for (const BackfillRecord& backfill : backfills_)
    if (backfill.backfill_id == backfill_id) return backfill;
  return std::nullopt;
}

std::vector<BackfillRecord> MemoryRunStorage::list_backfills(int64_t limit) const {
  std::lock_guard lock(mutex_);
  std::vector<BackfillRecord> sorted = backfills_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const BackfillRecord& a, const BackfillRecord& b) {
    if (a.start_time_us != b.start_time_us) return a.start_time_us > b.start_time_us;
    return a.backfill_id > b.backfill_id;
  });
  if (limit > 0 && static_cast<int64_t>(sorted.size()) > limit) sorted.resize(static_cast<size_t>(limit));
  return sorted;
}

void MemoryRunStorage::wipe_all() {
  std::lock_guard lock(mutex_);
  runs_.clear();
  events_.clear();
  dynamic_partitions_.clear();
  backfills_.clear();
}

int64_t MemoryRunStorage::apply_retention(const RetentionPolicy& policy, int64_t now_us) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> doomed = runs_outside_retention(runs_sorted(), policy, now_us);
  for (const std::string& run_id : doomed) delete_run_locked(run_id, true);
  return static_cast<int64_t>(doomed.size());
}

}  // namespace strata
