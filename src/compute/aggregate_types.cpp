// Names and result types of the aggregates (the typing rules the expression
// layer relies on; see aggregate.hpp).
#include <string>

#include "strata/compute/aggregate.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {

const char* agg_name(AggKind kind) {
  switch (kind) {
    case AggKind::Sum: return "sum";
    case AggKind::Mean: return "mean";
    case AggKind::Min: return "min";
    case AggKind::Max: return "max";
    case AggKind::Count: return "count";
    case AggKind::NullCount: return "null_count";
    case AggKind::Len: return "len";
    case AggKind::NUnique: return "n_unique";
    case AggKind::First: return "first";
    case AggKind::Last: return "last";
    case AggKind::Std: return "std";
    case AggKind::Var: return "var";
    case AggKind::Median: return "median";
    case AggKind::Quantile: return "quantile";
    case AggKind::Corr: return "corr";
    case AggKind::Cov: return "cov";
  }
  return "?";
}

namespace {

[[noreturn]] void throw_not_applicable(AggKind kind, const DataType& input, const char* hint) {
  throw TypeError(std::string(agg_name(kind)) + " is not defined for columns of type " + input.to_string() + "; " +
                  hint);
}

bool is_orderable(const DataType& type) {
  return type.is_numeric() || type.is_temporal() || type.is_string_like() || type.id() == TypeId::Bool ||
         type.id() == TypeId::Categorical || type.id() == TypeId::Null;
}

bool is_pair(const DataType& type) { return type.id() == TypeId::Struct && type.fields().size() == 2; }

bool is_number_like(const DataType& type) {
  return type.is_numeric() || type.id() == TypeId::Bool || type.id() == TypeId::Null;
}

}  // namespace

bool is_pair_aggregate(AggKind kind) { return kind == AggKind::Corr || kind == AggKind::Cov; }

DataType pair_type(const DataType& x, const DataType& y) {
  return DataType::structure({Field{"x", x, true}, Field{"y", y, true}});
}

DataType aggregate_type(AggKind kind, const DataType& input, const AggOptions& options) {
  const TypeId id = input.id();
  switch (kind) {
    case AggKind::Sum:
      if (input.is_signed_integer() || id == TypeId::Bool || id == TypeId::Null) return DataType::int64();
      if (input.is_unsigned_integer()) return DataType::uint64();
      if (input.is_floating()) return DataType::float64();
      if (id == TypeId::Decimal) return DataType::decimal(38, input.scale());
      if (id == TypeId::Duration) return input;
      throw_not_applicable(kind, input, "sum applies to numbers, decimals, bools and durations");
    case AggKind::Quantile:
      if (!(options.quantile >= 0.0 && options.quantile <= 1.0))
        throw InvalidInputError("quantile must be in [0, 1], got " + std::to_string(options.quantile));
      [[fallthrough]];
    case AggKind::Mean:
    case AggKind::Median:
    case AggKind::Std:
    case AggKind::Var:
      if (input.is_numeric() || id == TypeId::Bool || id == TypeId::Null) return DataType::float64();
      throw_not_applicable(kind, input, "cast the column to a number first");
    case AggKind::Min:
    case AggKind::Max:
      if (id == TypeId::Categorical) return DataType::string();  // compared and returned by string value
      if (is_orderable(input)) return input;
      throw_not_applicable(kind, input, "min and max need an orderable type");
    case AggKind::Count:
    case AggKind::NullCount:
    case AggKind::Len:
      return DataType::int64();
    case AggKind::NUnique:
      if (input.is_nested()) throw_not_applicable(kind, input, "n_unique of lists and structs is not supported");
      return DataType::int64();
    case AggKind::First:
    case AggKind::Last:
      return input;
    case AggKind::Corr:
    case AggKind::Cov:
      if (!is_pair(input))
        throw InvalidInputError(std::string(agg_name(kind)) + " aggregates two columns, given as one pair "
                                "(pair_columns(x, y)), not a column of type " + input.to_string());
      for (const Field& field : input.fields())
        if (!is_number_like(field.type))
          throw TypeError(std::string(agg_name(kind)) + " is not defined for columns of type " +
                          field.type.to_string() + "; cast the column to a number first");
      if (kind == AggKind::Cov && options.ddof < 0)
        throw InvalidInputError("ddof must be >= 0, got " + std::to_string(options.ddof));
      return DataType::float64();
  }
  throw InternalError("unhandled aggregate kind");
}

}  // namespace strata::compute
