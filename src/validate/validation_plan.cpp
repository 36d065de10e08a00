// Binding a DataFrameSchema to the schema of the data (the constructor of
// ValidationPlan); running it batch by batch is in plan_execution.cpp.
#include "validate/internal/validation_plan.hpp"

#include <algorithm>

#include "strata/compute/cast.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "validate/internal/constraint_labels.hpp"
#include "validate/internal/value_predicates.hpp"

namespace strata::validate_internal {

namespace {

// Numbers and times do not coerce into each other: a number carries no
// unit of time, so the cast kernel's day or tick counts would be a guess.
bool coercible(const DataType& from, const DataType& to) {
  const auto numeric = [](const DataType& type) { return type.is_numeric() || type.id() == TypeId::Bool; };
  if ((numeric(from) && to.is_temporal()) || (from.is_temporal() && numeric(to))) return false;
  return compute::can_cast(from, to);
}

bool is_text_type(const DataType& type) {
  return type.id() == TypeId::String || type.id() == TypeId::Categorical || type.id() == TypeId::Null;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
  return text;
}

}  // namespace

ValidationPlan::ValidationPlan(DataFrameSchema schema, Schema data_schema, ValidationOptions options)
    : schema_(std::move(schema)), data_schema_(std::move(data_schema)), options_(options) {
  if (options_.max_failure_cases < 0)
    throw InvalidInputError("max_failure_cases must be at least 0, got " + std::to_string(options_.max_failure_cases));
  usable_.assign(static_cast<size_t>(data_schema_.size()), true);
  std::vector<Field> coerced_fields = data_schema_.fields();
  for (const ColumnSchema& declared : schema_.columns()) {
    const auto index = data_schema_.index_of(declared.name());
    if (!index) continue;
    ColumnBinding binding = bind_type(declared, *index);
    if (binding.cast_to) coerced_fields[static_cast<size_t>(*index)].type = *binding.cast_to;
    usable_[static_cast<size_t>(*index)] = binding.usable;
    bindings_.push_back(std::move(binding));
  }
  coerced_schema_ = Schema(std::move(coerced_fields));

  bind_structure();
  for (const ColumnBinding& binding : bindings_) bind_column(binding);
  bind_table_constraints();
  bind_outputs();
  // Tasks are claimed in order: the long ones first (see BatchCheck::runs_long).
  std::stable_partition(checks_.begin(), checks_.end(), [](const auto& check) { return check->runs_long(); });
}

FailureRecorder& ValidationPlan::add_recorder(std::string column, std::string constraint) {
  return recorders_.emplace_back(std::move(column), std::move(constraint), options_.max_failure_cases);
}

ValidationPlan::ColumnBinding ValidationPlan::bind_type(const ColumnSchema& declared, int64_t index) {
  ColumnBinding binding{&declared, index, std::nullopt, true, ""};
  const DataType& actual = data_schema_.field(index).type;
  const TypeRequirement& required = declared.type();
  if (required.accepts(actual)) return binding;
  const bool coerce = declared.coerce_override().value_or(schema_.coerces());
  const std::optional<DataType> target = required.coercion_target(actual);
  if (coerce && target && coercible(actual, *target)) {
    binding.cast_to = target;
    return binding;
  }
  binding.usable = false;
  binding.type_problem = "found " + actual.to_string() +
                         (coerce ? "; it cannot be cast to " + (target ? target->to_string() : required.to_string())
                                 : "; cast the column, or let the schema coerce it");
  return binding;
}

void ValidationPlan::bind_structure() {
  const std::vector<std::string> data_names = data_schema_.names();
  for (const ColumnSchema& declared : schema_.columns()) {
    if (!declared.required() || data_schema_.index_of(declared.name())) continue;
    const std::string hint = closest_name(declared.name(), data_names);
    add_recorder(declared.name(), kRequiredLabel)
        .fail("the column is missing" + (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)"));
  }
  if (schema_.extra_columns_mode() == ExtraColumns::Reject) {
    for (const std::string& name : data_names)
      if (!schema_.find_column(name)) add_recorder(name, kStrictLabel).fail("the column is not declared in the schema");
  }
  if (schema_.is_ordered()) {
    std::vector<std::string> declared_present, found;
    for (const ColumnSchema& declared : schema_.columns())
      if (data_schema_.index_of(declared.name())) declared_present.push_back(declared.name());
    for (const std::string& name : data_names)
      if (schema_.find_column(name)) found.push_back(name);
    if (found != declared_present)
      add_recorder("", kOrderedLabel)
          .fail("declared order " + joined(declared_present) + "; found " + joined(found));
  }
}

void ValidationPlan::bind_column(const ColumnBinding& binding) {
  const ColumnSchema& declared = *binding.declared;
  FailureRecorder& type_recorder = add_recorder(declared.name(), type_label(declared.type()));
  if (!binding.usable) type_recorder.fail(binding.type_problem);
  if (binding.cast_to) coercions_.push_back({binding.index, *binding.cast_to, &type_recorder});
  if (!declared.is_nullable())
    checks_.push_back(make_null_check(add_recorder(declared.name(), kNullableLabel), binding.index));
  if (binding.usable) bind_value_constraints(binding);
  for (const CustomCheck& check : declared.checks()) bind_custom_check(check, declared.name());
}

void ValidationPlan::bind_value_constraints(const ColumnBinding& binding) {
  const ColumnSchema& declared = *binding.declared;
  const std::string& name = declared.name();
  const DataType& type = coerced_schema_.field(binding.index).type;
  // A constraint whose literals do not fit the column's actual type is a
  // failure of that constraint (the data decides the type under `any`).
  const auto add_value_check = [&](std::string label, auto&& make_predicate) {
    FailureRecorder& recorder = add_recorder(name, std::move(label));
    try {
      checks_.push_back(make_value_check(recorder, binding.index, make_predicate()));
    } catch (const Error& error) {
      recorder.fail(std::string("cannot be checked on a column of type ") + type.to_string() + ": " + error.what());
    }
  };
  const auto require_text = [&](const std::string& constraint) {
    if (!is_text_type(type))
      throw TypeError(constraint + " applies to str and cat columns, and this one is " + type.to_string());
  };
  if (declared.is_unique() && type.id() != TypeId::Null)
    checks_.push_back(make_unique_check(add_recorder(name, kUniqueLabel), {binding.index}, {type}, {name}));
  if (declared.lower_bound() || declared.upper_bound())
    add_value_check(range_label(declared.lower_bound(), declared.upper_bound()),
                    [&] { return range_predicate(declared.lower_bound(), declared.upper_bound(), type); });
  if (declared.allowed_values())
    add_value_check(isin_label(*declared.allowed_values()),
                    [&] { return isin_predicate(*declared.allowed_values(), type); });
  if (declared.pattern())
    add_value_check(pattern_label(*declared.pattern()), [&] {
      require_text("matches");
      return pattern_predicate(*declared.pattern());
    });
  if (declared.min_length_bound() || declared.max_length_bound())
    add_value_check(length_label(declared.min_length_bound(), declared.max_length_bound()), [&] {
      require_text("min_length/max_length");
      return length_predicate(declared.min_length_bound(), declared.max_length_bound());
    });
}

void ValidationPlan::bind_custom_check(const CustomCheck& check, const std::string& owner_column) {
  FailureRecorder& recorder = add_recorder(owner_column, check_label(check));
  std::vector<int64_t> shown;
  std::vector<std::string> shown_names;
  for (const std::string& name : check.columns()) {
    const auto index = coerced_schema_.index_of(name);
    if (!index) {
      const std::string hint = closest_name(name, coerced_schema_.names());
      recorder.fail("cannot run: it reads the column '" + name + "', which is missing" +
                    (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)"));
      return;
    }
    if (!usable_[static_cast<size_t>(*index)]) {
      recorder.fail("cannot run: it reads the column '" + name + "', which does not have its declared type");
      return;
    }
    shown.push_back(*index);
    shown_names.push_back(name);
  }
  if (check.expression()) {
    try {
      const DataType result = resolve_type(*check.expression(), coerced_schema_);
      if (result.id() != TypeId::Bool && result.id() != TypeId::Null)
        throw TypeError("the expression gives " + result.to_string() + " values; a check must give bool");
    } catch (const Error& error) {
      recorder.fail(std::string("cannot run: ") + error.what());
      return;
    }
  }
  const bool bare_value = shown.size() == 1 && shown_names[0] == owner_column;
  checks_.push_back(make_custom_check(recorder, check, std::move(shown), std::move(shown_names), bare_value));
}

void ValidationPlan::bind_table_constraints() {
  for (const std::vector<std::string>& combination : schema_.unique_combinations()) {
    FailureRecorder& recorder = add_recorder(joined(combination), unique_label(combination));
    std::vector<int64_t> indices;
    std::vector<DataType> types;
    for (const std::string& name : combination) {
      const auto index = coerced_schema_.index_of(name);
      if (!index || !usable_[static_cast<size_t>(*index)]) {
        recorder.fail("cannot run: the column '" + name + "' is " +
                      (index ? "not of its declared type" : "missing"));
        break;
      }
      indices.push_back(*index);
      types.push_back(coerced_schema_.field(*index).type);
    }
    if (indices.size() == combination.size())
      checks_.push_back(make_unique_check(recorder, std::move(indices), std::move(types), combination));
  }
  for (const CustomCheck& check : schema_.checks()) bind_custom_check(check, "");
  // Last in the report: the row counts are known at the end only.
  if (schema_.min_row_count()) min_rows_recorder_ = &add_recorder("", "min_rows(" + std::to_string(*schema_.min_row_count()) + ")");
  if (schema_.max_row_count()) max_rows_recorder_ = &add_recorder("", "max_rows(" + std::to_string(*schema_.max_row_count()) + ")");
}

void ValidationPlan::bind_outputs() {
  std::vector<Field> fields;
  for (int64_t i = 0; i < coerced_schema_.size(); ++i) {
    const Field& field = coerced_schema_.field(i);
    if (schema_.extra_columns_mode() == ExtraColumns::Drop && !schema_.find_column(field.name)) continue;
    output_columns_.push_back(i);
    fields.push_back(field);
    if (options_.statistics) statistics_.emplace_back(field.name, field.type);
  }
  output_schema_ = Schema(std::move(fields));
}

}  // namespace strata::validate_internal
