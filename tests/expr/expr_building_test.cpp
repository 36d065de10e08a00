#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "strata/expr/expr.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata {
namespace {

TEST(ExprBuildingTest, ToStringIsReadable) {
  EXPECT_EQ((col("a") + 1).alias("b").to_string(), R"((col("a") + 1).alias("b"))");
  EXPECT_EQ((col("a") * 2.5 >= col("c")).to_string(), R"(((col("a") * 2.5) >= col("c")))");
  EXPECT_EQ((!(col("x") == lit("it\"s")) || lit(true)).to_string(), R"((!(col("x") == "it\"s") || true))");
  EXPECT_EQ(floordiv(col("a"), lit(3)).to_string(), R"(floordiv(col("a"), 3))");
  EXPECT_EQ((-col("a")).to_string(), R"(-col("a"))");
  EXPECT_EQ(col("s").str().contains("^A", true).to_string(), R"(col("s").str.contains("^A", regex))");
  EXPECT_EQ(col("s").str().slice(-2, 1).to_string(), R"(col("s").str.slice(-2, 1))");
  EXPECT_EQ(col("d").dt().year().to_string(), R"(col("d").dt.year())");
  EXPECT_EQ(col("a").round(2).to_string(), R"(col("a").round(2))");
  EXPECT_EQ(col("a").is_in({Scalar::int64(1), Scalar::null()}).to_string(), R"(col("a").is_in([1, null]))");
  EXPECT_EQ(col("a").between(lit(1), col("b")).to_string(), R"(col("a").between(1, col("b")))");
  EXPECT_EQ(col("a").cast(DataType::int32(), CastMode::NullOnFailure).to_string(),
            R"(col("a").cast(i32, null_on_failure))");
  EXPECT_EQ(col("a").sum().to_string(), R"(col("a").sum())");
  EXPECT_EQ(col("a").quantile(0.25).to_string(), R"(col("a").quantile(0.25))");
  EXPECT_EQ(col("a").std(0).to_string(), R"(col("a").std(ddof=0))");
  EXPECT_EQ(corr(col("a"), col("b") * 2).to_string(), R"(corr(col("a"), (col("b") * 2)))");
  EXPECT_EQ(cov(col("a"), col("b")).to_string(), R"(cov(col("a"), col("b")))");
  EXPECT_EQ(cov(col("a"), col("b"), 0).to_string(), R"(cov(col("a"), col("b"), ddof=0))");
  EXPECT_EQ(lit_null(DataType::int64()).to_string(), "lit_null(i64)");
  EXPECT_EQ(lit(Scalar::date(0)).to_string(), "lit(1970-01-01: date)");
  const Expr chain = when(col("x") > 0).then(lit("pos")).when(col("x") < 0).then(lit("neg")).otherwise(lit("zero"));
  EXPECT_EQ(chain.to_string(),
            R"(when((col("x") > 0)).then("pos").when((col("x") < 0)).then("neg").otherwise("zero"))");
}

TEST(ExprBuildingTest, OutputNameIsTheLeftmostColumnOrAlias) {
  EXPECT_EQ(col("a").output_name(), "a");
  EXPECT_EQ((col("a") + col("b")).output_name(), "a");
  EXPECT_EQ((lit(1) + col("b")).output_name(), "b");
  EXPECT_EQ((col("a") + 1).alias("total").output_name(), "total");
  EXPECT_EQ((col("a").alias("x") * 2).output_name(), "x");
  EXPECT_EQ(lit(5).output_name(), "literal");
  EXPECT_EQ(col("s").str().len_chars().output_name(), "s");
  EXPECT_EQ(col("a").sum().output_name(), "a");
  EXPECT_EQ(corr(col("a"), col("b")).output_name(), "a");
  EXPECT_EQ(Expr(when(col("x") > 0).then(col("y"))).output_name(), "y");
  EXPECT_EQ(when(col("x") > 0).then(lit(1)).otherwise(col("z")).output_name(), "literal");
}

TEST(ExprBuildingTest, NodesRecordTheirParameters) {
  const Expr replaced = col("s").str().replace("a(b)", "\\1", true);
  const ExprNode& node = replaced.node();
  EXPECT_EQ(node.kind, ExprKind::Function);
  EXPECT_EQ(node.name, "str.replace");
  EXPECT_EQ(node.strings, (std::vector<std::string>{"a(b)", "\\1"}));
  EXPECT_TRUE(node.flag);
  EXPECT_TRUE(lit(1).node().weak_literal);
  EXPECT_FALSE(lit(Scalar::int64(1)).node().weak_literal);
  EXPECT_EQ((col("a") < 1).node().name, "lt");
  EXPECT_EQ((2 * col("a")).to_string(), R"((2 * col("a")))");
  const Expr when_node = when(col("c")).then(lit(1));
  EXPECT_EQ(when_node.node().inputs.size(), 3u);  // condition, value, null otherwise
  EXPECT_THROW(col("a").quantile(1.5), InvalidInputError);
  EXPECT_THROW(col("s").str().slice(0, -1), InvalidInputError);
}

}  // namespace
}  // namespace strata
