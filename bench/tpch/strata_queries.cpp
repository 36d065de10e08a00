// The 22 TPC-H queries in Strata's lazy API (see strata_queries.hpp). Each
// follows the SQL of the specification with its validation parameters; the
// comments name the reformulations.
#include "strata_queries.hpp"

#include <vector>

#include "strata/core/temporal.hpp"

namespace tpch {
namespace {

using strata::col;
using strata::DataFrame;
using strata::Expr;
using strata::JoinOptions;
using strata::LazyFrame;
using strata::lit;
using strata::Scalar;
using strata::SortOptions;
using strata::when;
using JoinType = strata::compute::JoinType;

LazyFrame scan(const QueryInput& input, const std::string& table) {
  return strata::scan_parquet(input.data_dir + "/" + table);
}

Expr date(int year, unsigned month, unsigned day) {
  return lit(Scalar::date(static_cast<int32_t>(strata::temporal::days_from_civil(year, month, day))));
}

Scalar text(const char* value) { return Scalar::string(value); }

const JoinOptions kSemi{.how = JoinType::Semi};
const JoinOptions kAnti{.how = JoinType::Anti};
const JoinOptions kLeft{.how = JoinType::Left};

Expr revenue() { return col("l_extendedprice") * (1 - col("l_discount")); }

SortOptions descending(std::vector<bool> flags) { return SortOptions{.descending = std::move(flags)}; }

LazyFrame q1(const QueryInput& in) {
  return scan(in, "lineitem")
      .filter(col("l_shipdate") <= date(1998, 9, 2))  // 1998-12-01 - 90 days
      .with_columns({revenue().alias("disc_price"), (revenue() * (1 + col("l_tax"))).alias("charge")})
      .group_by({"l_returnflag", "l_linestatus"})
      .agg({col("l_quantity").sum().alias("sum_qty"), col("l_extendedprice").sum().alias("sum_base_price"),
            col("disc_price").sum().alias("sum_disc_price"), col("charge").sum().alias("sum_charge"),
            col("l_quantity").mean().alias("avg_qty"), col("l_extendedprice").mean().alias("avg_price"),
            col("l_discount").mean().alias("avg_disc"), col("l_orderkey").len().alias("count_order")})
      .sort({"l_returnflag", "l_linestatus"});
}

LazyFrame q2(const QueryInput& in) {
  const LazyFrame europe_supply =
      scan(in, "partsupp")
          .join(scan(in, "supplier"), {"ps_suppkey"}, {"s_suppkey"})
          .join(scan(in, "nation"), {"s_nationkey"}, {"n_nationkey"})
          .join(scan(in, "region").filter(col("r_name") == "EUROPE"), {"n_regionkey"}, {"r_regionkey"});
  const LazyFrame candidates = scan(in, "part")
                                   .filter(col("p_size") == 15 && col("p_type").str().ends_with("BRASS"))
                                   .join(europe_supply, {"p_partkey"}, {"ps_partkey"});
  // The correlated minimum: the minimum cost per part, joined back.
  const LazyFrame minimum_cost =
      candidates.group_by({"p_partkey"}).agg({col("ps_supplycost").min().alias("min_cost")});
  return candidates.join(minimum_cost, {"p_partkey"})
      .filter(col("ps_supplycost") == col("min_cost"))
      .select({"s_acctbal", "s_name", "n_name", "p_partkey", "p_mfgr", "s_address", "s_phone", "s_comment"})
      .sort({"s_acctbal", "n_name", "s_name", "p_partkey"}, descending({true, false, false, false}))
      .head(100);
}

LazyFrame q3(const QueryInput& in) {
  return scan(in, "customer")
      .filter(col("c_mktsegment") == "BUILDING")
      .join(scan(in, "orders").filter(col("o_orderdate") < date(1995, 3, 15)), {"c_custkey"}, {"o_custkey"})
      .join(scan(in, "lineitem").filter(col("l_shipdate") > date(1995, 3, 15)), {"o_orderkey"},
            {"l_orderkey"})
      .with_columns({revenue().alias("revenue")})
      .group_by({"o_orderkey", "o_orderdate", "o_shippriority"})
      .agg({col("revenue").sum()})
      .select({"o_orderkey", "revenue", "o_orderdate", "o_shippriority"})
      .sort({"revenue", "o_orderdate"}, descending({true, false}))
      .head(10);
}

LazyFrame q4(const QueryInput& in) {
  // EXISTS (a late line of the order) as a semi join.
  const LazyFrame late_lines = scan(in, "lineitem").filter(col("l_commitdate") < col("l_receiptdate"));
  return scan(in, "orders")
      .filter(col("o_orderdate") >= date(1993, 7, 1) && col("o_orderdate") < date(1993, 10, 1))
      .join(late_lines, {"o_orderkey"}, {"l_orderkey"}, kSemi)
      .group_by({"o_orderpriority"})
      .agg({col("o_orderkey").len().alias("order_count")})
      .sort("o_orderpriority");
}

LazyFrame q5(const QueryInput& in) {
  return scan(in, "region")
      .filter(col("r_name") == "ASIA")
      .join(scan(in, "nation"), {"r_regionkey"}, {"n_regionkey"})
      .join(scan(in, "customer"), {"n_nationkey"}, {"c_nationkey"})
      .join(scan(in, "orders")
                .filter(col("o_orderdate") >= date(1994, 1, 1) && col("o_orderdate") < date(1995, 1, 1)),
            {"c_custkey"}, {"o_custkey"})
      .join(scan(in, "lineitem"), {"o_orderkey"}, {"l_orderkey"})
      .join(scan(in, "supplier"), {"l_suppkey", "n_nationkey"}, {"s_suppkey", "s_nationkey"})
      .with_columns({revenue().alias("revenue")})
      .group_by({"n_name"})
      .agg({col("revenue").sum()})
      .sort("revenue", descending({true}));
}

LazyFrame q6(const QueryInput& in) {
  return scan(in, "lineitem")
      .filter(col("l_shipdate") >= date(1994, 1, 1) && col("l_shipdate") < date(1995, 1, 1) &&
              col("l_discount").between(lit(0.05), lit(0.07)) && col("l_quantity") < 24)
      .select({(col("l_extendedprice") * col("l_discount")).sum().alias("revenue")});
}

LazyFrame q7(const QueryInput& in) {
  const auto nations = std::vector<Scalar>{text("FRANCE"), text("GERMANY")};
  const LazyFrame suppliers =
      scan(in, "supplier")
          .join(scan(in, "nation").filter(col("n_name").is_in(nations)), {"s_nationkey"}, {"n_nationkey"})
          .select({col("s_suppkey"), col("n_name").alias("supp_nation")});
  const LazyFrame customers =
      scan(in, "customer")
          .join(scan(in, "nation").filter(col("n_name").is_in(nations)), {"c_nationkey"}, {"n_nationkey"})
          .select({col("c_custkey"), col("n_name").alias("cust_nation")});
  return scan(in, "lineitem")
      .filter(col("l_shipdate").between(date(1995, 1, 1), date(1996, 12, 31)))
      .join(suppliers, {"l_suppkey"}, {"s_suppkey"})
      .join(scan(in, "orders"), {"l_orderkey"}, {"o_orderkey"})
      .join(customers, {"o_custkey"}, {"c_custkey"})
      .filter(col("supp_nation") != col("cust_nation"))
      .with_columns({col("l_shipdate").dt().year().alias("l_year"), revenue().alias("volume")})
      .group_by({"supp_nation", "cust_nation", "l_year"})
      .agg({col("volume").sum().alias("revenue")})
      .sort({"supp_nation", "cust_nation", "l_year"});
}

LazyFrame q8(const QueryInput& in) {
  const LazyFrame america_customers =
      scan(in, "customer")
          .join(scan(in, "nation"), {"c_nationkey"}, {"n_nationkey"})
          .join(scan(in, "region").filter(col("r_name") == "AMERICA"), {"n_regionkey"}, {"r_regionkey"})
          .select({"c_custkey"});
  const LazyFrame supplier_nations = scan(in, "supplier")
                                         .join(scan(in, "nation"), {"s_nationkey"}, {"n_nationkey"})
                                         .select({"s_suppkey", "n_name"});
  return scan(in, "part")
      .filter(col("p_type") == "ECONOMY ANODIZED STEEL")
      .join(scan(in, "lineitem"), {"p_partkey"}, {"l_partkey"})
      .join(scan(in, "orders").filter(col("o_orderdate").between(date(1995, 1, 1), date(1996, 12, 31))),
            {"l_orderkey"}, {"o_orderkey"})
      .join(america_customers, {"o_custkey"}, {"c_custkey"})
      .join(supplier_nations, {"l_suppkey"}, {"s_suppkey"})
      .with_columns({col("o_orderdate").dt().year().alias("o_year"), revenue().alias("volume")})
      .with_columns(
          {when(col("n_name") == "BRAZIL").then(col("volume")).otherwise(lit(0.0)).alias("brazil_volume")})
      .group_by({"o_year"})
      .agg({col("brazil_volume").sum(), col("volume").sum()})
      .select({col("o_year"), (col("brazil_volume") / col("volume")).alias("mkt_share")})
      .sort("o_year");
}

LazyFrame q9(const QueryInput& in) {
  return scan(in, "part")
      .filter(col("p_name").str().contains("green"))
      .join(scan(in, "partsupp"), {"p_partkey"}, {"ps_partkey"})
      .join(scan(in, "lineitem"), {"p_partkey", "ps_suppkey"}, {"l_partkey", "l_suppkey"})
      .join(scan(in, "supplier"), {"ps_suppkey"}, {"s_suppkey"})
      .join(scan(in, "orders"), {"l_orderkey"}, {"o_orderkey"})
      .join(scan(in, "nation"), {"s_nationkey"}, {"n_nationkey"})
      .with_columns({col("n_name").alias("nation"), col("o_orderdate").dt().year().alias("o_year"),
                     (revenue() - col("ps_supplycost") * col("l_quantity")).alias("amount")})
      .group_by({"nation", "o_year"})
      .agg({col("amount").sum().alias("sum_profit")})
      .sort({"nation", "o_year"}, descending({false, true}));
}

LazyFrame q10(const QueryInput& in) {
  return scan(in, "customer")
      .join(scan(in, "orders")
                .filter(col("o_orderdate") >= date(1993, 10, 1) && col("o_orderdate") < date(1994, 1, 1)),
            {"c_custkey"}, {"o_custkey"})
      .join(scan(in, "lineitem").filter(col("l_returnflag") == "R"), {"o_orderkey"}, {"l_orderkey"})
      .join(scan(in, "nation"), {"c_nationkey"}, {"n_nationkey"})
      .with_columns({revenue().alias("revenue")})
      .group_by({"c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment"})
      .agg({col("revenue").sum()})
      .select({"c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment"})
      .sort("revenue", descending({true}))
      .head(20);
}

LazyFrame q11(const QueryInput& in) {
  const LazyFrame german_stock =
      scan(in, "partsupp")
          .join(scan(in, "supplier"), {"ps_suppkey"}, {"s_suppkey"})
          .join(scan(in, "nation").filter(col("n_name") == "GERMANY"), {"s_nationkey"}, {"n_nationkey"})
          .with_columns({(col("ps_supplycost") * col("ps_availqty")).alias("value")});
  // The scalar subquery as a one-row aggregate, cross-joined.
  const LazyFrame threshold =
      german_stock.select({(col("value").sum() * (0.0001 / in.scale_factor)).alias("threshold")});
  return german_stock.group_by({"ps_partkey"})
      .agg({col("value").sum()})
      .cross_join(threshold)
      .filter(col("value") > col("threshold"))
      .select({"ps_partkey", "value"})
      .sort("value", descending({true}));
}

LazyFrame q12(const QueryInput& in) {
  const Expr high = col("o_orderpriority").is_in({text("1-URGENT"), text("2-HIGH")});
  return scan(in, "orders")
      .join(
          scan(in, "lineitem")
              .filter(col("l_shipmode").is_in({text("MAIL"), text("SHIP")}) &&
                      col("l_commitdate") < col("l_receiptdate") && col("l_shipdate") < col("l_commitdate") &&
                      col("l_receiptdate") >= date(1994, 1, 1) && col("l_receiptdate") < date(1995, 1, 1)),
          {"o_orderkey"}, {"l_orderkey"})
      .with_columns({when(high).then(lit(1)).otherwise(lit(0)).alias("high_line_count"),
                     when(high).then(lit(0)).otherwise(lit(1)).alias("low_line_count")})
      .group_by({"l_shipmode"})
      .agg({col("high_line_count").sum(), col("low_line_count").sum()})
      .sort("l_shipmode");
}

LazyFrame q13(const QueryInput& in) {
  return scan(in, "customer")
      .join(scan(in, "orders").filter(!col("o_comment").str().contains("special.*requests", /*regex=*/true)),
            {"c_custkey"}, {"o_custkey"}, kLeft)
      .group_by({"c_custkey"})
      .agg({col("o_orderkey").count().alias("c_count")})
      .group_by({"c_count"})
      .agg({col("c_custkey").len().alias("custdist")})
      .sort({"custdist", "c_count"}, descending({true, true}));
}

LazyFrame q14(const QueryInput& in) {
  return scan(in, "lineitem")
      .filter(col("l_shipdate") >= date(1995, 9, 1) && col("l_shipdate") < date(1995, 10, 1))
      .join(scan(in, "part"), {"l_partkey"}, {"p_partkey"})
      .with_columns({revenue().alias("revenue")})
      .with_columns({when(col("p_type").str().starts_with("PROMO"))
                         .then(col("revenue"))
                         .otherwise(lit(0.0))
                         .alias("promo")})
      .select({col("promo").sum(), col("revenue").sum()})
      .select({(100.0 * col("promo") / col("revenue")).alias("promo_revenue")});
}

LazyFrame q15(const QueryInput& in) {
  // The view is used twice (its rows and its maximum). Strata's plans have
  // no shared subplans, so it is collected once and both uses read it: two
  // evaluations could add the floats in different orders and miss the
  // equality with the maximum.
  const DataFrame revenue_view =
      scan(in, "lineitem")
          .filter(col("l_shipdate") >= date(1996, 1, 1) && col("l_shipdate") < date(1996, 4, 1))
          .with_columns({revenue().alias("total_revenue")})
          .group_by({"l_suppkey"})
          .agg({col("total_revenue").sum()})
          .collect();
  const LazyFrame revenue = strata::lazy(revenue_view);
  return scan(in, "supplier")
      .join(revenue, {"s_suppkey"}, {"l_suppkey"})
      .cross_join(revenue.select({col("total_revenue").max().alias("max_revenue")}))
      .filter(col("total_revenue") == col("max_revenue"))
      .select({"s_suppkey", "s_name", "s_address", "s_phone", "total_revenue"})
      .sort("s_suppkey");
}

LazyFrame q16(const QueryInput& in) {
  // NOT IN (suppliers with complaints) as an anti join.
  const LazyFrame complained =
      scan(in, "supplier").filter(col("s_comment").str().contains("Customer.*Complaints", /*regex=*/true));
  std::vector<Scalar> sizes;
  for (int size : {49, 14, 23, 45, 19, 3, 36, 9}) sizes.push_back(Scalar::int64(size));
  return scan(in, "part")
      .filter(col("p_brand") != "Brand#45" && !col("p_type").str().starts_with("MEDIUM POLISHED") &&
              col("p_size").is_in(sizes))
      .join(scan(in, "partsupp"), {"p_partkey"}, {"ps_partkey"})
      .join(complained, {"ps_suppkey"}, {"s_suppkey"}, kAnti)
      .group_by({"p_brand", "p_type", "p_size"})
      .agg({col("ps_suppkey").n_unique().alias("supplier_cnt")})
      .sort({"supplier_cnt", "p_brand", "p_type", "p_size"}, descending({true, false, false, false}));
}

LazyFrame q17(const QueryInput& in) {
  const LazyFrame lines = scan(in, "part")
                              .filter(col("p_brand") == "Brand#23" && col("p_container") == "MED BOX")
                              .join(scan(in, "lineitem"), {"p_partkey"}, {"l_partkey"});
  // The correlated average per part, joined back.
  const LazyFrame average =
      lines.group_by({"p_partkey"}).agg({(0.2 * col("l_quantity").mean()).alias("quantity_threshold")});
  return lines.join(average, {"p_partkey"})
      .filter(col("l_quantity") < col("quantity_threshold"))
      .select({col("l_extendedprice").sum().alias("avg_yearly")})
      .select({(col("avg_yearly") / 7.0).alias("avg_yearly")});
}

LazyFrame q18(const QueryInput& in) {
  // IN (orders above 300 units) as a join with the per-order sums, which are
  // the query's sum(l_quantity) too.
  const LazyFrame large_orders = scan(in, "lineitem")
                                     .group_by({"l_orderkey"})
                                     .agg({col("l_quantity").sum().alias("sum_qty")})
                                     .filter(col("sum_qty") > 300);
  return scan(in, "orders")
      .join(large_orders, {"o_orderkey"}, {"l_orderkey"})
      .join(scan(in, "customer"), {"o_custkey"}, {"c_custkey"})
      .select({col("c_name"), col("o_custkey").alias("c_custkey"), col("o_orderkey"), col("o_orderdate"),
               col("o_totalprice"), col("sum_qty")})
      .sort({"o_totalprice", "o_orderdate"}, descending({true, false}))
      .head(100);
}

LazyFrame q19(const QueryInput& in) {
  auto strings = [](std::initializer_list<const char*> values) {
    std::vector<Scalar> scalars;
    for (const char* value : values) scalars.push_back(text(value));
    return scalars;
  };
  const Expr first = col("p_brand") == "Brand#12" &&
                     col("p_container").is_in(strings({"SM CASE", "SM BOX", "SM PACK", "SM PKG"})) &&
                     col("l_quantity").between(lit(1), lit(11)) && col("p_size").between(lit(1), lit(5));
  const Expr second = col("p_brand") == "Brand#23" &&
                      col("p_container").is_in(strings({"MED BAG", "MED BOX", "MED PKG", "MED PACK"})) &&
                      col("l_quantity").between(lit(10), lit(20)) && col("p_size").between(lit(1), lit(10));
  const Expr third = col("p_brand") == "Brand#34" &&
                     col("p_container").is_in(strings({"LG CASE", "LG BOX", "LG PACK", "LG PKG"})) &&
                     col("l_quantity").between(lit(20), lit(30)) && col("p_size").between(lit(1), lit(15));
  return scan(in, "lineitem")
      .filter(col("l_shipmode").is_in(strings({"AIR", "AIR REG"})) &&
              col("l_shipinstruct") == "DELIVER IN PERSON")
      .join(scan(in, "part"), {"l_partkey"}, {"p_partkey"})
      .filter(first || second || third)
      .select({revenue().sum().alias("revenue")});
}

LazyFrame q20(const QueryInput& in) {
  const LazyFrame shipped =
      scan(in, "lineitem")
          .filter(col("l_shipdate") >= date(1994, 1, 1) && col("l_shipdate") < date(1995, 1, 1))
          .group_by({"l_partkey", "l_suppkey"})
          .agg({(0.5 * col("l_quantity").sum()).alias("half_quantity")});
  const LazyFrame forest_parts = scan(in, "part").filter(col("p_name").str().starts_with("forest"));
  // IN (partsupp rows with excess stock), IN (forest parts) as semi joins.
  const LazyFrame excess = scan(in, "partsupp")
                               .join(forest_parts, {"ps_partkey"}, {"p_partkey"}, kSemi)
                               .join(shipped, {"ps_partkey", "ps_suppkey"}, {"l_partkey", "l_suppkey"})
                               .filter(col("ps_availqty") > col("half_quantity"));
  return scan(in, "supplier")
      .join(scan(in, "nation").filter(col("n_name") == "CANADA"), {"s_nationkey"}, {"n_nationkey"})
      .join(excess, {"s_suppkey"}, {"ps_suppkey"}, kSemi)
      .select({"s_name", "s_address"})
      .sort("s_name");
}

LazyFrame q21(const QueryInput& in) {
  const LazyFrame late = scan(in, "lineitem").filter(col("l_receiptdate") > col("l_commitdate"));
  // EXISTS (another supplier in the order): the order has two or more.
  const LazyFrame several_suppliers = scan(in, "lineitem")
                                          .group_by({"l_orderkey"})
                                          .agg({col("l_suppkey").n_unique().alias("suppliers")})
                                          .filter(col("suppliers") > 1);
  // NOT EXISTS (another late supplier): the order's late lines have one.
  const LazyFrame one_late_supplier = late.group_by({"l_orderkey"})
                                          .agg({col("l_suppkey").n_unique().alias("late_suppliers")})
                                          .filter(col("late_suppliers") == 1);
  return late.join(scan(in, "supplier"), {"l_suppkey"}, {"s_suppkey"})
      .join(scan(in, "nation").filter(col("n_name") == "SAUDI ARABIA"), {"s_nationkey"}, {"n_nationkey"})
      .join(scan(in, "orders").filter(col("o_orderstatus") == "F"), {"l_orderkey"}, {"o_orderkey"}, kSemi)
      .join(several_suppliers, {"l_orderkey"}, kSemi)
      .join(one_late_supplier, {"l_orderkey"}, kSemi)
      .group_by({"s_name"})
      .agg({col("l_orderkey").len().alias("numwait")})
      .sort({"numwait", "s_name"}, descending({true, false}))
      .head(100);
}

LazyFrame q22(const QueryInput& in) {
  std::vector<Scalar> codes;
  for (const char* code : {"13", "31", "23", "29", "30", "18", "17"}) codes.push_back(text(code));
  const LazyFrame customers = scan(in, "customer")
                                  .with_columns({col("c_phone").str().slice(0, 2).alias("cntrycode")})
                                  .filter(col("cntrycode").is_in(codes));
  // The scalar average as a one-row aggregate; NOT EXISTS (orders) as an anti join.
  const LazyFrame average =
      customers.filter(col("c_acctbal") > 0.0).select({col("c_acctbal").mean().alias("avg_acctbal")});
  return customers.cross_join(average)
      .filter(col("c_acctbal") > col("avg_acctbal"))
      .join(scan(in, "orders"), {"c_custkey"}, {"o_custkey"}, kAnti)
      .group_by({"cntrycode"})
      .agg({col("c_custkey").len().alias("numcust"), col("c_acctbal").sum().alias("totacctbal")})
      .sort("cntrycode");
}

}  // namespace

const std::map<std::string, QueryBuilder>& strata_queries() {
  static const std::map<std::string, QueryBuilder> queries = {
      {"q1", q1},   {"q2", q2},   {"q3", q3},   {"q4", q4},   {"q5", q5},   {"q6", q6},
      {"q7", q7},   {"q8", q8},   {"q9", q9},   {"q10", q10}, {"q11", q11}, {"q12", q12},
      {"q13", q13}, {"q14", q14}, {"q15", q15}, {"q16", q16}, {"q17", q17}, {"q18", q18},
      {"q19", q19}, {"q20", q20}, {"q21", q21}, {"q22", q22}};
  return queries;
}

}  // namespace tpch
