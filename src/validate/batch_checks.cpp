#include "validate/internal/batch_checks.hpp"

#include <cstring>

#include "strata/compute/grouping.hpp"
#include "strata/core/error.hpp"

namespace strata::validate_internal {

void BatchCheck::run(const BatchView& batch) {
  if (stopped_) return;
  try {
    check(batch);
  } catch (const Error& error) {
    stopped_ = true;
    recorder_.fail(std::string("could not be checked from row ") + std::to_string(batch.first_row) + ": " +
                   error.what());
  }
}

namespace {

const Array& column_of(const RecordBatch& batch, int64_t index) { return batch.columns[static_cast<size_t>(index)]; }

// "a=1, b=\"x\"" for row `row` of the given columns.
std::string labelled_values(const RecordBatch& batch, const std::vector<int64_t>& columns,
                            const std::vector<std::string>& names, int64_t row) {
  std::string text;
  for (size_t k = 0; k < columns.size(); ++k)
    text += (k ? ", " : "") + names[k] + "=" + display_value(column_of(batch, columns[k]), row);
  return text;
}

class NullCheck final : public BatchCheck {
 public:
  NullCheck(FailureRecorder& recorder, int64_t column) : BatchCheck(recorder), column_(column) {}

 protected:
  void check(const BatchView& batch) override {
    const Array& values = column_of(batch.input, column_);
    recorder().record(violations_where_null(values), values, batch.first_row);
  }

 private:
  int64_t column_;
};

class ValueCheck final : public BatchCheck {
 public:
  ValueCheck(FailureRecorder& recorder, int64_t column, ValuePredicate predicate)
      : BatchCheck(recorder), column_(column), predicate_(std::move(predicate)) {}

 protected:
  void check(const BatchView& batch) override {
    const Array& values = column_of(batch.coerced, column_);
    if (values.null_count() == values.length()) return;  // constraints skip nulls
    recorder().record(violations_where_false(predicate_(values)), values, batch.first_row);
  }

 private:
  int64_t column_;
  ValuePredicate predicate_;
};

class UniqueCheck final : public BatchCheck {
 public:
  UniqueCheck(FailureRecorder& recorder, std::vector<int64_t> columns, std::vector<DataType> types,
              std::vector<std::string> names)
      : BatchCheck(recorder), columns_(std::move(columns)), names_(std::move(names)), index_(std::move(types)) {}

  bool runs_long() const override { return true; }

 protected:
  void check(const BatchView& batch) override {
    const int64_t rows = batch.coerced.num_rows;
    std::vector<Array> keys;
    keys.reserve(columns_.size());
    bool any_nulls = false;
    for (int64_t column : columns_) {
      keys.push_back(column_of(batch.coerced, column));
      any_nulls |= keys.back().null_count() > 0;
    }
    group_ids_.clear();
    int64_t next_new_group = index_.num_groups();
    index_.consume(keys, group_ids_);
    // Group ids are dense and numbered by first appearance: a row starts a
    // new group exactly when its id is the next unused one.
    const int64_t words = (rows + 63) / 64;
    BufferPtr bits = Buffer::allocate(words * 8);
    for (int64_t w = 0; w < words; ++w) {
      uint64_t word = 0;
      const int64_t end = std::min(rows, (w + 1) * 64);
      for (int64_t i = w * 64; i < end; ++i) {
        const auto id = static_cast<int64_t>(group_ids_[static_cast<size_t>(i)]);
        const bool repeated = id != next_new_group;
        next_new_group += repeated ? 0 : 1;
        word |= static_cast<uint64_t>(repeated) << (i - w * 64);
      }
      std::memcpy(bits->data() + w * 8, &word, 8);
    }
    if (any_nulls) clear_rows_with_nulls(keys, bits->data(), words);
    const Violations violations = violations_from_bits(std::move(bits), rows);
    if (columns_.size() == 1) {
      recorder().record(violations, keys[0], batch.first_row);
    } else {
      recorder().record(violations, rows, batch.first_row,
                        [&](int64_t row) { return labelled_values(batch.coerced, columns_, names_, row); });
    }
  }

 private:
  // Nulls never collide: rows with a null key are not duplicates.
  static void clear_rows_with_nulls(const std::vector<Array>& keys, uint8_t* bits, int64_t words) {
    for (const Array& key : keys) {
      if (key.null_count() == 0) continue;
      const uint8_t* validity = key.validity_bits();
      if (validity == nullptr) {  // Null type: no row is a duplicate
        std::memset(bits, 0, static_cast<size_t>(words) * 8);
        return;
      }
      for (int64_t w = 0; w < words; ++w) {
        uint64_t word, valid;
        std::memcpy(&word, bits + w * 8, 8);
        std::memcpy(&valid, validity + w * 8, 8);
        word &= valid;
        std::memcpy(bits + w * 8, &word, 8);
      }
    }
  }

  std::vector<int64_t> columns_;
  std::vector<std::string> names_;
  compute::GroupIndex index_;
  std::vector<uint32_t> group_ids_;
};

class CustomBatchCheck final : public BatchCheck {
 public:
  CustomBatchCheck(FailureRecorder& recorder, CustomCheck custom, std::vector<int64_t> shown,
                   std::vector<std::string> shown_names, bool bare_value)
      : BatchCheck(recorder),
        custom_(std::move(custom)),
        shown_(std::move(shown)),
        shown_names_(std::move(shown_names)),
        bare_value_(bare_value) {}

 protected:
  void check(const BatchView& batch) override {
    const Violations violations = violations_where_false(custom_.evaluate(batch.coerced));
    if (bare_value_) {
      recorder().record(violations, column_of(batch.coerced, shown_[0]), batch.first_row);
      return;
    }
    recorder().record(violations, batch.coerced.num_rows, batch.first_row,
                      [&](int64_t row) { return labelled_values(batch.coerced, shown_, shown_names_, row); });
  }

 private:
  CustomCheck custom_;
  std::vector<int64_t> shown_;
  std::vector<std::string> shown_names_;
  bool bare_value_;
};

}  // namespace

std::unique_ptr<BatchCheck> make_null_check(FailureRecorder& recorder, int64_t column) {
  return std::make_unique<NullCheck>(recorder, column);
}

std::unique_ptr<BatchCheck> make_value_check(FailureRecorder& recorder, int64_t column, ValuePredicate predicate) {
  return std::make_unique<ValueCheck>(recorder, column, std::move(predicate));
}

std::unique_ptr<BatchCheck> make_unique_check(FailureRecorder& recorder, std::vector<int64_t> columns,
                                              std::vector<DataType> types, std::vector<std::string> names) {
  return std::make_unique<UniqueCheck>(recorder, std::move(columns), std::move(types), std::move(names));
}

std::unique_ptr<BatchCheck> make_custom_check(FailureRecorder& recorder, CustomCheck check,
                                              std::vector<int64_t> shown, std::vector<std::string> shown_names,
                                              bool bare_value) {
  return std::make_unique<CustomBatchCheck>(recorder, std::move(check), std::move(shown), std::move(shown_names),
                                            bare_value);
}

}  // namespace strata::validate_internal
