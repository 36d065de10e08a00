#pragma once
// A named column. Cheap to copy: chunks are shared and immutable.
#include <optional>
#include <string>
#include <vector>

#include "strata/core/chunked_array.hpp"
#include "strata/core/scalar.hpp"

namespace strata {

class Series {
 public:
  Series() = default;
  Series(std::string name, ChunkedArray data) : name_(std::move(name)), data_(std::move(data)) {}
  Series(std::string name, Array data) : name_(std::move(name)), data_(std::move(data)) {}

  // Construction from C++ values; std::nullopt is null.
  static Series from(std::string name, const std::vector<std::optional<int64_t>>& values);
  static Series from(std::string name, const std::vector<std::optional<int32_t>>& values);
  static Series from(std::string name, const std::vector<std::optional<double>>& values);
  static Series from(std::string name, const std::vector<std::optional<bool>>& values);
  static Series from(std::string name, const std::vector<std::optional<std::string>>& values);
  static Series from(std::string name, const std::vector<int64_t>& values);
  static Series from(std::string name, const std::vector<int32_t>& values);
  static Series from(std::string name, const std::vector<double>& values);
  static Series from(std::string name, const std::vector<std::string>& values);
  static Series from(std::string name, const std::vector<const char*>& values);
  static Series from(std::string name, const std::vector<bool>& values);
  /// Typed values given as Scalars (e.g. dates); all must match `type` or be null.
  static Series from_scalars(std::string name, const DataType& type, const std::vector<Scalar>& values);

  const std::string& name() const { return name_; }
  const DataType& type() const { return data_.type(); }
  int64_t length() const { return data_.length(); }
  int64_t size() const { return data_.length(); }
  int64_t null_count() const { return data_.null_count(); }
  const ChunkedArray& data() const { return data_; }
  /// One contiguous array of the values.
  Array array() const { return data_.combine(); }

  Series rename(const std::string& name) const { return Series(name, data_); }
  Scalar get(int64_t row) const;
  bool is_null(int64_t row) const { return data_.is_null(row); }
  Series slice(int64_t offset, int64_t length) const { return Series(name_, data_.slice(offset, length)); }
  Series head(int64_t n = 10) const { return slice(0, n); }
  Series tail(int64_t n = 10) const;
  Series cast(const DataType& type) const;
  /// Struct columns: the named field as a series (null where the struct is null).
  Series struct_field(const std::string& field) const;

  /// Values as C++ vectors (nulls as std::nullopt). Throw TypeError when the
  /// column type does not convert losslessly.
  std::vector<std::optional<int64_t>> to_int64() const;
  std::vector<std::optional<double>> to_double() const;
  std::vector<std::optional<bool>> to_bool() const;
  std::vector<std::optional<std::string>> to_strings() const;  // any type, as displayed

  // Aggregations (see compute/aggregate.hpp for semantics)
  Scalar sum() const;
  Scalar mean() const;
  Scalar min() const;
  Scalar max() const;
  Scalar median() const;
  Scalar std(int ddof = 1) const;
  int64_t n_unique() const;

  /// Same name, type and values (nulls equal to nulls, NaN equal to NaN).
  bool equals(const Series& other) const;
  std::string to_string() const;

 private:
  std::string name_;
  ChunkedArray data_;
};

std::ostream& operator<<(std::ostream& out, const Series& series);

}  // namespace strata
