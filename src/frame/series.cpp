#include "strata/frame/series.hpp"

#include <cmath>
#include <ostream>

#include "strata/compute/aggregate.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/nested.hpp"
#include "strata/core/table.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {

namespace {

template <typename T, typename Builder>
Series build_series(std::string name, Builder builder, const std::vector<std::optional<T>>& values) {
  builder.reserve(static_cast<int64_t>(values.size()));
  for (const auto& v : values) builder.append(v);
  return Series(std::move(name), builder.finish());
}

template <typename T>
std::vector<std::optional<T>> all_valid(const std::vector<T>& values) {
  return std::vector<std::optional<T>>(values.begin(), values.end());
}

}  // namespace

Series Series::from(std::string name, const std::vector<std::optional<int64_t>>& values) {
  return build_series(std::move(name), FixedWidthBuilder<int64_t>(DataType::int64()), values);
}
Series Series::from(std::string name, const std::vector<std::optional<int32_t>>& values) {
  return build_series(std::move(name), FixedWidthBuilder<int32_t>(DataType::int32()), values);
}
Series Series::from(std::string name, const std::vector<std::optional<double>>& values) {
  return build_series(std::move(name), FixedWidthBuilder<double>(DataType::float64()), values);
}
Series Series::from(std::string name, const std::vector<std::optional<bool>>& values) {
  return build_series(std::move(name), BoolBuilder(), values);
}
Series Series::from(std::string name, const std::vector<std::optional<std::string>>& values) {
  return Series(std::move(name), make_string_array(values));
}
Series Series::from(std::string name, const std::vector<int64_t>& values) {
  return from(std::move(name), all_valid(values));
}
Series Series::from(std::string name, const std::vector<int32_t>& values) {
  return from(std::move(name), all_valid(values));
}
Series Series::from(std::string name, const std::vector<double>& values) {
  return from(std::move(name), all_valid(values));
}
Series Series::from(std::string name, const std::vector<std::string>& values) {
  return from(std::move(name), all_valid(values));
}
Series Series::from(std::string name, const std::vector<const char*>& values) {
  std::vector<std::optional<std::string>> strings;
  strings.reserve(values.size());
  for (const char* v : values) strings.push_back(v ? std::optional<std::string>(v) : std::nullopt);
  return from(std::move(name), strings);
}
Series Series::from(std::string name, const std::vector<bool>& values) {
  std::vector<std::optional<bool>> optional(values.begin(), values.end());
  return from(std::move(name), optional);
}

Series Series::from_scalars(std::string name, const DataType& type, const std::vector<Scalar>& values) {
  std::vector<Array> pieces;
  pieces.reserve(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    const Scalar& value = values[i];
    if (!value.is_null() && value.type() != type)
      throw TypeError("value " + std::to_string(i) + " of series '" + name + "' has type " +
                      value.type().to_string() + ", expected " + type.to_string());
    pieces.push_back(make_array_from_scalar(value.is_null() ? Scalar::null(type) : value, 1));
  }
  if (pieces.empty()) return Series(std::move(name), make_null_array(type, 0));
  return Series(std::move(name), concat_arrays(pieces));
}

Scalar Series::get(int64_t row) const {
  auto [chunk, index] = data_.locate(row);
  return array_value(data_.chunks()[static_cast<size_t>(chunk)], index);
}

Series Series::tail(int64_t n) const {
  n = std::min(std::max<int64_t>(n, 0), length());
  return slice(length() - n, n);
}

Series Series::cast(const DataType& type) const {
  DataFrame frame({*this});
  ChunkedArray out = evaluate(col(name_).cast(type), frame.to_table());
  return Series(name_, out);
}

Series Series::struct_field(const std::string& field) const {
  std::vector<Array> chunks;
  for (const auto& chunk : data_.chunks()) chunks.push_back(struct_field_by_name(chunk, field));
  if (chunks.empty()) return Series(field, struct_field_by_name(make_null_array(type(), 0), field));
  const DataType child_type = chunks[0].type();
  return Series(field, ChunkedArray(child_type, std::move(chunks)));
}

std::vector<std::optional<int64_t>> Series::to_int64() const {
  if (!type().is_integer() && type().id() != TypeId::Bool && !type().is_temporal())
    throw TypeError("series '" + name_ + "' of type " + type().to_string() + " cannot be read as int64");
  std::vector<std::optional<int64_t>> out;
  out.reserve(static_cast<size_t>(length()));
  for (const auto& chunk : data_.chunks())
    for (int64_t i = 0; i < chunk.length(); ++i) {
      if (chunk.is_null(i)) {
        out.emplace_back();
        continue;
      }
      const Scalar value = array_value(chunk, i);
      if (type().id() == TypeId::UInt64 && value.as_uint64() > static_cast<uint64_t>(INT64_MAX))
        throw TypeError("value " + value.to_string() + " of series '" + name_ + "' does not fit int64");
      out.emplace_back(value.as_int64());
    }
  return out;
}

std::vector<std::optional<double>> Series::to_double() const {
  if (!type().is_numeric() && type().id() != TypeId::Bool)
    throw TypeError("series '" + name_ + "' of type " + type().to_string() + " cannot be read as double");
  std::vector<std::optional<double>> out;
  out.reserve(static_cast<size_t>(length()));
  for (const auto& chunk : data_.chunks())
    for (int64_t i = 0; i < chunk.length(); ++i) {
      if (chunk.is_null(i)) out.emplace_back();
      else out.emplace_back(array_value(chunk, i).as_double());
    }
  return out;
}

std::vector<std::optional<bool>> Series::to_bool() const {
  if (type().id() != TypeId::Bool)
    throw TypeError("series '" + name_ + "' of type " + type().to_string() + " is not bool");
  std::vector<std::optional<bool>> out;
  out.reserve(static_cast<size_t>(length()));
  for (const auto& chunk : data_.chunks())
    for (int64_t i = 0; i < chunk.length(); ++i) {
      if (chunk.is_null(i)) out.emplace_back();
      else out.emplace_back(chunk.bool_at(i));
    }
  return out;
}

std::vector<std::optional<std::string>> Series::to_strings() const {
  std::vector<std::optional<std::string>> out;
  out.reserve(static_cast<size_t>(length()));
  for (const auto& chunk : data_.chunks())
    for (int64_t i = 0; i < chunk.length(); ++i) {
      if (chunk.is_null(i)) out.emplace_back();
      else if (chunk.type().is_string_like()) out.emplace_back(std::string(chunk.string_at(i)));
      else out.emplace_back(chunk.value_to_string(i));
    }
  return out;
}

Scalar Series::sum() const { return compute::aggregate(data_, compute::AggKind::Sum); }
Scalar Series::mean() const { return compute::aggregate(data_, compute::AggKind::Mean); }
Scalar Series::min() const { return compute::aggregate(data_, compute::AggKind::Min); }
Scalar Series::max() const { return compute::aggregate(data_, compute::AggKind::Max); }
Scalar Series::median() const { return compute::aggregate(data_, compute::AggKind::Median); }
Scalar Series::std(int ddof) const {
  compute::AggOptions options;
  options.ddof = ddof;
  return compute::aggregate(data_, compute::AggKind::Std, options);
}
int64_t Series::n_unique() const { return compute::aggregate(data_, compute::AggKind::NUnique).as_int64(); }

bool Series::equals(const Series& other) const {
  if (name_ != other.name_ || type() != other.type() || length() != other.length()) return false;
  for (int64_t row = 0; row < length(); ++row) {
    const Scalar a = get(row), b = other.get(row);
    if (a.is_null() || b.is_null()) {
      if (a.is_null() != b.is_null()) return false;
      continue;
    }
    if (type().is_floating()) {
      const double x = a.as_double(), y = b.as_double();
      if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
    } else if (type().is_nested()) {
      if (a.to_string() != b.to_string()) return false;
    } else if (!(a == b)) {
      return false;
    }
  }
  return true;
}

std::string Series::to_string() const { return DataFrame({*this}).to_string(); }

std::ostream& operator<<(std::ostream& out, const Series& series) { return out << series.to_string(); }

}  // namespace strata
