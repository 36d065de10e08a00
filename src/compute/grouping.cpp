#include "strata/compute/grouping.hpp"

#include <functional>
#include <limits>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "compute/internal/grouping_pass.hpp"
#include "compute/internal/key_table.hpp"
#include "compute/internal/row_ranges.hpp"
#include "strata/core/builder.hpp"
#include "strata/compute/selection.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata::compute {

namespace internal {

DataType table_key_type(const DataType& type) {
  return type.id() == TypeId::Categorical ? DataType::string() : type;
}

std::vector<Array> prepare_keys(const std::vector<Array>& keys, const std::vector<DataType>& expected) {
  if (keys.size() != expected.size())
    throw InvalidInputError("expected " + std::to_string(expected.size()) + " key columns, got " +
                            std::to_string(keys.size()));
  std::vector<Array> out;
  out.reserve(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    if (keys[k].type() != expected[k])
      throw TypeError("key column " + std::to_string(k) + " has type " + keys[k].type().to_string() +
                      " but the keys were declared as " + expected[k].to_string() +
                      "; cast the keys to one type first");
    if (k > 0 && keys[k].length() != keys[0].length())
      throw InvalidInputError("key columns have different lengths: " + std::to_string(keys[0].length()) +
                              " and " + std::to_string(keys[k].length()));
    out.push_back(expected[k].id() == TypeId::Categorical ? decode_categorical(keys[k]) : keys[k]);
  }
  return out;
}

std::vector<Array> restore_key_types(std::vector<Array> keys, const std::vector<DataType>& types) {
  for (size_t k = 0; k < keys.size(); ++k)
    if (types[k].id() == TypeId::Categorical) keys[k] = make_categorical(keys[k]);
  return keys;
}

std::unique_ptr<KeyTable> make_key_table(const std::vector<DataType>& table_types) {
  if (table_types.size() == 1) {
    const DataType& type = table_types[0];
    if (type.is_string_like()) return make_string_key_table(type);
    if (type.byte_width() > 0 && type.id() != TypeId::Categorical && !type.is_nested())
      return make_fixed_key_table(type);
    return make_row_key_table(table_types);
  }
  std::vector<std::unique_ptr<KeyTable>> columns;
  for (const DataType& type : table_types) columns.push_back(make_key_table({type}));
  return make_composite_key_table(std::move(columns));
}

ParallelGrouping group_arrays_parallel(const std::vector<Array>& table_keys,
                                       const std::vector<DataType>& table_types) {
  ParallelGrouping result;
  const int64_t n = table_keys.empty() ? 0 : table_keys[0].length();
  result.group_ids.resize(static_cast<size_t>(n));
  std::vector<ChunkedArray> columns;
  for (const Array& key : table_keys) columns.emplace_back(key);
  GroupingPassInput input;
  input.batches = aligned_batches(columns);
  input.key_count = table_keys.size();
  input.new_table = choose_key_table(input.batches, table_types);
  input.group_ids = result.group_ids.data();
  GroupingPassResult pass = run_grouping_pass(input);
  result.table = std::move(pass.table);
  result.first_row = std::move(pass.first_row);
  return result;
}

}  // namespace internal

// ---- GroupIndex -------------------------------------------------------------------

struct GroupIndex::Impl {
  std::vector<DataType> key_types;
  std::vector<DataType> table_types;
  std::unique_ptr<internal::KeyTable> table;
};

GroupIndex::GroupIndex(std::vector<DataType> key_types) : impl_(std::make_unique<Impl>()) {
  if (key_types.empty()) throw InvalidInputError("a group index needs at least one key column");
  for (const DataType& type : key_types) impl_->table_types.push_back(internal::table_key_type(type));
  impl_->key_types = std::move(key_types);
  impl_->table = internal::make_key_table(impl_->table_types);
}

GroupIndex::~GroupIndex() = default;
GroupIndex::GroupIndex(GroupIndex&&) noexcept = default;
GroupIndex& GroupIndex::operator=(GroupIndex&&) noexcept = default;

void GroupIndex::consume(const std::vector<Array>& keys, std::vector<uint32_t>& group_ids) {
  const std::vector<Array> prepared = internal::prepare_keys(keys, impl_->key_types);
  const int64_t n = prepared[0].length();
  const size_t start = group_ids.size();
  group_ids.resize(start + static_cast<size_t>(n));
  impl_->table->insert(prepared, 0, n, group_ids.data() + start);
}

std::vector<uint32_t> GroupIndex::find(const std::vector<Array>& keys) const {
  const std::vector<Array> prepared = internal::prepare_keys(keys, impl_->key_types);
  std::vector<uint32_t> ids(static_cast<size_t>(prepared[0].length()));
  impl_->table->find(prepared, 0, prepared[0].length(), ids.data());
  return ids;
}

std::vector<uint32_t> GroupIndex::merge(const GroupIndex& other) {
  if (other.impl_->key_types != impl_->key_types)
    throw TypeError("cannot merge group indexes with different key types");
  return impl_->table->merge(*other.impl_->table);
}

int64_t GroupIndex::num_groups() const { return impl_->table->size(); }

std::vector<Array> GroupIndex::keys() const {
  return internal::restore_key_types(impl_->table->keys(), impl_->key_types);
}

// ---- group_rows and group_aggregate ------------------------------------------------

namespace {

// A key column in its table type: categorical chunks become strings.
ChunkedArray prepare_key_column(const ChunkedArray& column) {
  const DataType table_type = internal::table_key_type(column.type());
  if (table_type == column.type()) return column;
  std::vector<Array> chunks;
  for (const Array& chunk : column.chunks()) chunks.push_back(internal::prepare_keys({chunk}, {column.type()})[0]);
  return ChunkedArray(table_type, std::move(chunks));
}

void check_key_columns(const std::vector<ChunkedArray>& keys, const char* operation) {
  if (keys.empty()) throw InvalidInputError(std::string(operation) + " needs at least one key column");
  for (const ChunkedArray& key : keys) {
    if (key.length() != keys[0].length())
      throw InvalidInputError("key columns have different lengths: " + std::to_string(keys[0].length()) + " and " +
                              std::to_string(key.length()));
    if (key.type().is_nested())
      throw UnsupportedError("grouping by a " + key.type().to_string() + " key is not supported; "
                             "cast the key to a string or unnest it first");
  }
}

// Checks each aggregation against the keys (length) and its kind (type),
// and appends its input column and its description for a grouping pass.
void add_aggregations(const std::vector<ChunkedArray>& keys, const std::vector<GroupAggregateInput>& aggregations,
                      std::vector<ChunkedArray>& columns, std::vector<internal::PassAggregate>& aggregates) {
  for (size_t a = 0; a < aggregations.size(); ++a) {
    const GroupAggregateInput& aggregation = aggregations[a];
    if (aggregation.values.length() != keys[0].length())
      throw InvalidInputError("aggregation " + std::to_string(a) + " (" + agg_name(aggregation.kind) + ") has " +
                              std::to_string(aggregation.values.length()) + " values but the keys have " +
                              std::to_string(keys[0].length()) + " rows");
    aggregate_type(aggregation.kind, aggregation.values.type(), aggregation.options);  // TypeError if it does not apply
    columns.push_back(aggregation.values);
    aggregates.push_back({aggregation.kind, aggregation.values.type(), aggregation.options});
  }
}

// Groups the rows of `keys` in one pass that also computes `aggregates` over
// `inputs` (one input per aggregate) and, when `group_ids` is set, writes
// every row's group id. Returns the pass and the key values per group.
struct KeyedGrouping {
  internal::GroupingPassResult pass;
  std::vector<Array> keys;
};

KeyedGrouping group_keys(const std::vector<ChunkedArray>& keys, const std::vector<ChunkedArray>& inputs,
                         std::vector<internal::PassAggregate> aggregates, uint32_t* group_ids) {
  std::vector<ChunkedArray> prepared;
  for (const ChunkedArray& key : keys) prepared.push_back(prepare_key_column(key));
  std::vector<ChunkedArray> columns = prepared;
  std::vector<DataType> table_types;
  for (const ChunkedArray& key : prepared) table_types.push_back(key.type());
  for (const ChunkedArray& column : inputs) columns.push_back(column);
  internal::GroupingPassInput input;
  input.batches = internal::aligned_batches(columns);
  input.key_count = keys.size();
  input.column_tables = internal::choose_column_tables(input.batches, table_types);
  input.new_table = internal::compose_key_tables(input.column_tables);
  input.aggregates = std::move(aggregates);
  input.group_ids = group_ids;
  KeyedGrouping result;
  result.pass = internal::run_grouping_pass(input);
  std::vector<DataType> key_types;
  for (const ChunkedArray& key : keys) key_types.push_back(key.type());
  // A partitioned pass keeps no table: its keys are read at each group's first row.
  std::vector<Array> key_values = result.pass.table ? result.pass.table->keys()
                                                    : take_columns(prepared, result.pass.first_row);
  result.keys = internal::restore_key_types(std::move(key_values), key_types);
  return result;
}

}  // namespace

Grouping group_rows(const std::vector<ChunkedArray>& keys) {
  check_key_columns(keys, "group_rows");
  Grouping grouping;
  grouping.group_ids.resize(static_cast<size_t>(keys[0].length()));
  KeyedGrouping keyed = group_keys(keys, {}, {}, grouping.group_ids.data());
  grouping.num_groups = keyed.pass.num_groups();
  grouping.first_row = std::move(keyed.pass.first_row);
  grouping.keys = std::move(keyed.keys);
  return grouping;
}

GroupedAggregates group_aggregate(const std::vector<ChunkedArray>& keys,
                                  const std::vector<GroupAggregateInput>& aggregations) {
  check_key_columns(keys, "group_aggregate");
  std::vector<ChunkedArray> inputs;
  std::vector<internal::PassAggregate> aggregates;
  add_aggregations(keys, aggregations, inputs, aggregates);
  KeyedGrouping keyed = group_keys(keys, inputs, std::move(aggregates), nullptr);
  GroupedAggregates result;
  result.num_groups = keyed.pass.num_groups();
  result.keys = std::move(keyed.keys);
  for (auto& state : keyed.pass.states) result.values.push_back(state->finish());
  return result;
}

// ---- GroupAggregateAccumulator -------------------------------------------------------

struct GroupAggregateAccumulator::Impl {
  std::mutex mutex;
  std::vector<DataType> key_types;  // fixed by the first part added
  std::vector<internal::PassAggregate> aggregates;
  // Parts grouped but not yet folded in (nullopt: a part without rows).
  std::map<int64_t, std::optional<internal::GroupingPassResult>> waiting;
  std::optional<internal::GroupingPassResult> merged;      // parts 0..next-1
  int64_t next = 0;
  bool merging = false;  // a thread is folding waiting parts in
  bool any = false;
  std::exception_ptr failed;  // a fold that threw leaves the groups unusable

  // Checks that a part has the types of the first one (which sets them).
  void check_types(const std::vector<DataType>& keys, const std::vector<internal::PassAggregate>& aggs) {
    if (!any) {
      key_types = keys;
      aggregates = aggs;
      any = true;
      return;
    }
    bool same = keys == key_types && aggs.size() == aggregates.size();
    for (size_t a = 0; same && a < aggs.size(); ++a)
      same = aggs[a].kind == aggregates[a].kind && aggs[a].input_type == aggregates[a].input_type;
    if (!same) {
      std::string types;
      for (const DataType& type : keys) types += (types.empty() ? "" : ", ") + type.to_string();
      throw TypeError("a part of a grouped aggregation has other key or aggregation types than the first (its keys: " +
                      types + ")");
    }
  }
};

GroupAggregateAccumulator::GroupAggregateAccumulator() : impl_(std::make_unique<Impl>()) {}
GroupAggregateAccumulator::~GroupAggregateAccumulator() = default;

void GroupAggregateAccumulator::add(int64_t part, const std::vector<ChunkedArray>& keys,
                                    const std::vector<GroupAggregateInput>& aggregations) {
  check_key_columns(keys, "a grouped aggregation");
  std::vector<DataType> key_types, table_types;
  std::vector<ChunkedArray> columns;
  for (const ChunkedArray& key : keys) {
    key_types.push_back(key.type());
    columns.push_back(prepare_key_column(key));
    table_types.push_back(columns.back().type());
  }
  std::vector<internal::PassAggregate> aggregates;
  add_aggregations(keys, aggregations, columns, aggregates);
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->check_types(key_types, aggregates);
  }
  // Parts are merged into one table, so all use the hash layout (a
  // direct-indexed table fits one part's value range only).
  internal::GroupingPassInput input;
  input.batches = internal::aligned_batches(columns);
  input.key_count = keys.size();
  input.new_table = [table_types] { return internal::make_key_table(table_types); };
  input.aggregates = std::move(aggregates);
  std::optional<internal::GroupingPassResult> result;
  if (keys[0].length() > 0) result = internal::run_grouping_pass(input);

  std::unique_lock<std::mutex> lock(impl_->mutex);
  if (impl_->failed) std::rethrow_exception(impl_->failed);
  if (part < impl_->next || !impl_->waiting.emplace(part, std::move(result)).second)
    throw InvalidInputError("part " + std::to_string(part) + " of a grouped aggregation was added twice");
  if (impl_->merging) return;  // the thread folding parts in will take this one too
  impl_->merging = true;
  for (auto found = impl_->waiting.find(impl_->next); found != impl_->waiting.end();
       found = impl_->waiting.find(impl_->next)) {
    std::optional<internal::GroupingPassResult> later = std::move(found->second);
    impl_->waiting.erase(found);
    ++impl_->next;
    lock.unlock();
    try {
      if (!later) {
        // nothing to fold in
      } else if (!impl_->merged) {
        impl_->merged = std::move(later);
      } else {
        internal::merge_pass_results(*impl_->merged, *later);
      }
    } catch (...) {
      lock.lock();
      impl_->merging = false;
      impl_->failed = std::current_exception();
      throw;
    }
    lock.lock();
  }
  impl_->merging = false;
}

bool GroupAggregateAccumulator::empty() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return !impl_->any;
}

GroupedAggregates GroupAggregateAccumulator::finish() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->failed) std::rethrow_exception(impl_->failed);
  if (!impl_->any || !impl_->waiting.empty())
    throw InvalidInputError("a grouped aggregation was finished before all its parts were added (next part " +
                            std::to_string(impl_->next) + ")");
  if (!impl_->merged) {  // every part was empty: no groups
    GroupedAggregates none;
    for (const DataType& type : impl_->key_types) none.keys.push_back(make_null_array(type, 0));
    for (const internal::PassAggregate& aggregate : impl_->aggregates)
      none.values.push_back(make_null_array(aggregate_type(aggregate.kind, aggregate.input_type, aggregate.options), 0));
    return none;
  }
  internal::GroupingPassResult& pass = *impl_->merged;
  GroupedAggregates result;
  result.num_groups = pass.num_groups();
  result.keys = internal::restore_key_types(pass.table->keys(), impl_->key_types);
  for (auto& state : pass.states) {
    state->resize(result.num_groups);
    result.values.push_back(state->finish());
  }
  impl_->merged.reset();  // finish() hands the groups over once
  impl_->failed = std::make_exception_ptr(InvalidInputError("a grouped aggregation was finished twice"));
  return result;
}

}  // namespace strata::compute
