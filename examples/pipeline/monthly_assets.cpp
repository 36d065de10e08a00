#include "pipeline_assets.hpp"

namespace example {

using strata::AssetContext;
using strata::col;
using strata::DataFrame;
using strata::lit;
using strata::Scalar;

namespace {

/// The days since the epoch of an instant in microseconds.
int32_t day_of(int64_t microseconds) { return static_cast<int32_t>(microseconds / (int64_t{86400} * 1000000)); }

}  // namespace

void add_monthly_assets(strata::Definitions& defs) {
  const strata::PartitionsPtr months = strata::monthly_partitions("2024-01-01", {.end = "2025-01-01"});

  defs.asset("orders/monthly", {"raw/orders"},
             [](AssetContext& ctx, const DataFrame& orders) {
               // The partition's window selects its orders: [first day, first day of next month).
               const strata::TimeWindow window = ctx.partition_time_window();
               DataFrame month = orders.filter(col("order_date") >= lit(Scalar::date(day_of(window.start_us))) &&
                                               col("order_date") < lit(Scalar::date(day_of(window.end_us))));
               ctx.info(std::to_string(month.height()) + " orders in " + ctx.partition_key().substr(0, 7));
               return month;
             })
      .partitions(months)
      .group("monthly")
      .description("The orders of one month (one Parquet file per month)");

  defs.asset("orders/monthly_revenue", {"orders/monthly"},
             [](const DataFrame& month) {
               return month.filter(col("status") == "shipped")
                   .with_columns({(col("amount") * col("quantity")).alias("revenue")})
                   .group_by({"category"})
                   .agg({col("revenue").sum().round(2).alias("revenue"), col("order_id").count().alias("orders")})
                   .sort("category");
             })
      .partitions(months)
      .group("monthly")
      .description("Shipped revenue per category in the month");

  // Each month reads itself and the two months before: a trailing quarter.
  defs.asset("orders/trailing_quarter", {"orders/monthly_revenue"},
             [](AssetContext& ctx, const DataFrame& three_months) {
               ctx.info("months read: " + std::to_string(ctx.input_partition_keys("orders/monthly_revenue").size()));
               return three_months.group_by({"category"})
                   .agg({col("revenue").sum().round(2).alias("revenue"), col("orders").sum().alias("orders")})
                   .sort("revenue", {.descending = {true}});
             })
      .partitions(months)
      .partition_mapping("orders/monthly_revenue", strata::time_window_mapping(-2, 0))
      .group("monthly")
      .description("Revenue per category over the month and the two before it");
}

}  // namespace example
