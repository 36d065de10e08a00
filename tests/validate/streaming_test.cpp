// Validation batch by batch: row numbers, uniqueness and statistics across
// batch boundaries, batch sources, and misuse of the streaming API.
#include "validate/validate_test_support.hpp"

namespace strata {
namespace {

using namespace validate_test;

ValidationOptions tiny_batches(int64_t rows) {
  ValidationOptions options;
  options.batch_rows = rows;
  return options;
}

TEST(Streaming, RowsAreNumberedAcrossBatches) {
  Ints values;
  for (int64_t i = 0; i < 100; ++i) values.push_back(i % 10 == 9 ? -i : i);
  const DataFrame frame({ints("x", values)});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x").ge(0));
  for (int64_t batch_rows : {1, 7, 64, 1000}) {
    const ConstraintFailure failure = failure_of(validate(frame, schema, tiny_batches(batch_rows)), "x", "ge(0)");
    EXPECT_EQ(failure.failing_rows, 10) << batch_rows;
    EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{9, 19, 29, 39, 49})) << batch_rows;
    EXPECT_EQ(case_values(failure).front(), "-9");
  }
}

TEST(Streaming, UniquenessHoldsAcrossBatches) {
  const DataFrame frame({texts("k", {"a", "b", "c", "a", "d", "b", "a"})});
  const auto schema = DataFrameSchema().column(ColumnSchema::string("k").unique());
  for (int64_t batch_rows : {1, 2, 3, 100}) {
    const ConstraintFailure failure = failure_of(validate(frame, schema, tiny_batches(batch_rows)), "k", "unique");
    EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{3, 5, 6})) << batch_rows;
  }
}

TEST(Streaming, MaxFailureCasesLimitsCasesNotCounts) {
  const DataFrame frame({ints("x", {-1, -2, -3, -4})});
  ValidationOptions options = tiny_batches(2);
  options.max_failure_cases = 3;
  const ConstraintFailure failure =
      failure_of(validate(frame, DataFrameSchema().column(ColumnSchema::integer("x").ge(0)), options), "x", "ge(0)");
  EXPECT_EQ(failure.failing_rows, 4);
  EXPECT_EQ(case_rows(failure), (std::vector<int64_t>{0, 1, 2}));
  options.max_failure_cases = 0;
  const ConstraintFailure counted =
      failure_of(validate(frame, DataFrameSchema().column(ColumnSchema::integer("x").ge(0)), options), "x", "ge(0)");
  EXPECT_EQ(counted.failing_rows, 4);
  EXPECT_TRUE(counted.cases.empty());
}

TEST(Streaming, LargeFrameIsCheckedInParallelBatches) {
  const int64_t rows = 300'000;
  Ints ids, values;
  for (int64_t i = 0; i < rows; ++i) {
    ids.push_back(i == 250'000 ? 17 : i);
    values.push_back(i % 1000);
  }
  const DataFrame frame({ints("id", ids), ints("v", values)});
  const auto schema = DataFrameSchema()
                          .column(ColumnSchema::integer("id").unique())
                          .column(ColumnSchema::integer("v").lt(999).check("small", col("v") < 998));
  const ValidationReport report = validate(frame, schema, tiny_batches(50'000));
  EXPECT_EQ(case_rows(failure_of(report, "id", "unique")), (std::vector<int64_t>{250'000}));
  EXPECT_EQ(failure_of(report, "v", "lt(999)").failing_rows, 300);
  EXPECT_EQ(failure_of(report, "v", "check(small)").failing_rows, 600);
  EXPECT_EQ(report.statistics[1].count, rows);
  EXPECT_EQ(report.statistics[1].max.as_int64(), 999);
}

TEST(Streaming, BatchValidatorOverManualBatches) {
  const Schema data_schema({{"x", DataType::string()}});
  const auto schema = DataFrameSchema().column(ColumnSchema::integer("x").unique()).coerce();
  BatchValidator validator(schema, data_schema);
  EXPECT_EQ(validator.output_schema().field(0).type, DataType::int64());
  const RecordBatch first = validator.consume({data_schema, {make_string_array({"1", "2"})}, 2});
  const RecordBatch second = validator.consume({data_schema, {make_string_array({"2", "x"})}, 2});
  EXPECT_EQ(first.columns[0].type(), DataType::int64());
  EXPECT_EQ(second.columns[0].value_to_string(0), "2");
  const ValidationReport report = validator.finish();
  EXPECT_EQ(report.rows, 4);
  EXPECT_EQ(case_rows(failure_of(report, "x", "unique")), (std::vector<int64_t>{2}));
  EXPECT_EQ(case_rows(failure_of(report, "x", "type(integer)")), (std::vector<int64_t>{3}));
  EXPECT_THROW(validator.finish(), InvalidInputError);
}

TEST(Streaming, BatchWithAnotherSchemaIsRejected) {
  const Schema data_schema({{"x", DataType::int64()}});
  BatchValidator validator(DataFrameSchema().column(ColumnSchema::integer("x")), data_schema);
  const Schema other({{"y", DataType::int64()}});
  EXPECT_THROW(validator.consume({other, {make_int64_array({1})}, 1}), InvalidInputError);
  EXPECT_THROW(validator.consume({data_schema, {make_int64_array({1, 2})}, 1}), InvalidInputError);
}

TEST(Streaming, TableSourceCutsAtChunkBoundaries) {
  const ChunkedArray column(DataType::int64(), {make_int64_array({1, 2, 3}), make_int64_array({4, 5})});
  TableBatchSource source(Table(Schema({{"x", DataType::int64()}}), {column}), 2);
  std::vector<int64_t> sizes;
  while (auto batch = source.next()) sizes.push_back(batch->num_rows);
  EXPECT_EQ(sizes, (std::vector<int64_t>{2, 1, 2}));
}

TEST(Streaming, ValidateFromASource) {
  const ChunkedArray column(DataType::int64(), {make_int64_array({1, -2}), make_int64_array({3, -4})});
  TableBatchSource source(Table(Schema({{"x", DataType::int64()}}), {column}));
  const ValidationReport report = validate(source, DataFrameSchema().column(ColumnSchema::integer("x").ge(0)));
  EXPECT_EQ(case_rows(failure_of(report, "x", "ge(0)")), (std::vector<int64_t>{1, 3}));
}

}  // namespace
}  // namespace strata
