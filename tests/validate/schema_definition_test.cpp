// Schemas are checked when they are built.
#include "validate/validate_test_support.hpp"

namespace strata {
namespace {

TEST(SchemaDefinition, ConstraintsMustFitTheFamily) {
  EXPECT_THROW(ColumnSchema::integer("x").matches("a+"), SchemaError);
  EXPECT_THROW(ColumnSchema::integer("x").max_length(3), SchemaError);
  EXPECT_THROW(ColumnSchema::boolean("b").ge(true), SchemaError);
  EXPECT_THROW(ColumnSchema::integer("x").ge("ten"), InvalidInputError);
  EXPECT_THROW(ColumnSchema::string("s").isin({1, 2}), InvalidInputError);
  EXPECT_NO_THROW(ColumnSchema::any("x").matches("a+").ge(1));
}

TEST(SchemaDefinition, BadArgumentsAreRejected) {
  EXPECT_THROW(ColumnSchema::string("s").matches("(unclosed"), InvalidInputError);
  EXPECT_THROW(ColumnSchema::string("s").min_length(-1), InvalidInputError);
  EXPECT_THROW(ColumnSchema::string("s").length_between(5, 2), InvalidInputError);
  EXPECT_THROW(ColumnSchema::integer("x").between(10, 1), InvalidInputError);
  EXPECT_THROW(ColumnSchema::integer("x").gt(1).lt(1), InvalidInputError);
  EXPECT_NO_THROW(ColumnSchema::integer("x").ge(1).le(1));
  EXPECT_THROW(ColumnSchema::datetime("t").ge("not a date"), InvalidInputError);
  EXPECT_THROW(ColumnSchema::datetime("t").ge("2024-02-01").le("2024-01-01"), InvalidInputError);
  EXPECT_THROW(ColumnSchema::integer("x").isin(std::vector<Scalar>{}), InvalidInputError);
  EXPECT_THROW(ColumnSchema("", TypeRequirement(TypeFamily::Any)), SchemaError);
  EXPECT_THROW(DataFrameSchema().rows_between(5, 1), InvalidInputError);
  EXPECT_THROW(DataFrameSchema().unique({}), InvalidInputError);
  EXPECT_THROW(DataFrameSchema().unique({"a", "a"}), InvalidInputError);
}

TEST(SchemaDefinition, DuplicatesAreRejected) {
  EXPECT_THROW(DataFrameSchema().column(ColumnSchema::integer("a")).column(ColumnSchema::string("a")), SchemaError);
  EXPECT_THROW(ColumnSchema::integer("a").check("c", col("a") > 0).check("c", col("a") < 9), SchemaError);
  EXPECT_THROW(DataFrameSchema().check("c", col("a") > 0).check("c", col("a") < 9), SchemaError);
}

TEST(SchemaDefinition, CustomChecksMustBeElementWise) {
  EXPECT_THROW(CustomCheck("positive_mean", col("x").mean() > 0), InvalidInputError);
  EXPECT_THROW(CustomCheck("", col("x") > 0), InvalidInputError);
  EXPECT_THROW(CustomCheck("f", BatchPredicate(), {}), InvalidInputError);
  EXPECT_EQ(CustomCheck("c", col("b") > col("a")).columns(), (std::vector<std::string>{"b", "a"}));
}

TEST(SchemaDefinition, Summary) {
  const auto schema = DataFrameSchema("orders")
                          .column(ColumnSchema::integer("id").unique())
                          .column(ColumnSchema::floating("amount").nullable().ge(0))
                          .column(ColumnSchema::string("note").optional().max_length(10))
                          .strict()
                          .min_rows(1);
  EXPECT_EQ(schema.summary(),
            "orders {id: integer, unique; amount: float, nullable, ge(0); note: string, optional, max_length(10)}, "
            "extra_columns=reject, min_rows(1)");
}

TEST(CheckRegistry, AddGetAndHints) {
  CheckRegistry registry;
  registry.add(CustomCheck("end_after_start", col("end") >= col("start")));
  EXPECT_TRUE(registry.contains("end_after_start"));
  EXPECT_EQ(registry.get("end_after_start").columns(), (std::vector<std::string>{"end", "start"}));
  EXPECT_THROW(registry.add(CustomCheck("end_after_start", col("x") > 0)), InvalidInputError);
  registry.add_or_replace(CustomCheck("end_after_start", col("x") > 0));
  EXPECT_EQ(registry.get("end_after_start").columns(), (std::vector<std::string>{"x"}));
  try {
    registry.get("end_after_star");
    FAIL();
  } catch (const InvalidInputError& error) {
    EXPECT_NE(std::string(error.what()).find("did you mean 'end_after_start'?"), std::string::npos) << error.what();
  }
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"end_after_start"}));
}

}  // namespace
}  // namespace strata
