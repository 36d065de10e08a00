#include "validate/validate_test_support.hpp"

#include "strata/core/temporal.hpp"

namespace strata::validate_test {

Series timestamps(const std::string& name, const Texts& values, const std::string& timezone) {
  std::vector<Scalar> scalars;
  for (const auto& value : values) {
    if (!value) {
      scalars.push_back(Scalar::null(DataType::timestamp(TimeUnit::Micro, timezone)));
      continue;
    }
    const auto micros = temporal::parse_timestamp(*value, TimeUnit::Micro);
    EXPECT_TRUE(micros.has_value()) << *value;
    scalars.push_back(Scalar::timestamp(micros.value_or(0), TimeUnit::Micro, timezone));
  }
  return Series::from_scalars(name, DataType::timestamp(TimeUnit::Micro, timezone), scalars);
}

Series dates(const std::string& name, const Texts& values) {
  std::vector<Scalar> scalars;
  for (const auto& value : values) {
    if (!value) {
      scalars.push_back(Scalar::null(DataType::date()));
      continue;
    }
    const auto days = temporal::parse_date(*value);
    EXPECT_TRUE(days.has_value()) << *value;
    scalars.push_back(Scalar::date(days.value_or(0)));
  }
  return Series::from_scalars(name, DataType::date(), scalars);
}

ConstraintFailure failure_of(const ValidationReport& report, const std::string& column,
                             const std::string& constraint) {
  if (const ConstraintFailure* failure = report.find(column, constraint)) return *failure;
  ADD_FAILURE() << "no failure of " << constraint << " on '" << column << "' in:\n" << report.to_string();
  return {};
}

std::vector<int64_t> case_rows(const ConstraintFailure& failure) {
  std::vector<int64_t> rows;
  for (const FailureCase& failure_case : failure.cases) rows.push_back(failure_case.row);
  return rows;
}

std::vector<std::string> case_values(const ConstraintFailure& failure) {
  std::vector<std::string> values;
  for (const FailureCase& failure_case : failure.cases) values.push_back(failure_case.value);
  return values;
}

}  // namespace strata::validate_test
