#include "pipeline_assets.hpp"

namespace example {

using strata::AssetContext;
using strata::col;
using strata::DataFrame;
using strata::DataType;

void add_order_assets(strata::Definitions& defs) {
  defs.external_asset("raw/orders")
      .group("orders")
      .description("Order exports (orders*.csv), written by the shop system")
      .resources({"example_data"})
      .loader([](AssetContext& ctx) -> strata::Value {
        const ExampleData& data = ctx.resource<ExampleData>("example_data");
        strata::CsvReadOptions options;
        options.dtypes = {{"order_id", DataType::int64()}, {"amount", DataType::float64()},
                          {"quantity", DataType::int64()}, {"order_date", DataType::date()}};
        std::vector<DataFrame> parts;
        for (const std::filesystem::path& file : data.glob("orders*.csv")) {
          parts.push_back(strata::read_csv(file.string(), options));
          ctx.info("read " + std::to_string(parts.back().height()) + " orders from " + file.filename().string());
        }
        return strata::concat(parts);
      });

  defs.asset("orders/by_category", {"raw/orders"},
             [](const DataFrame& orders) {
               return orders.drop_nulls({"amount"})
                   .filter(col("status") == "shipped")
                   .with_columns({(col("amount") * col("quantity")).alias("revenue")})
                   .group_by({"category"})
                   .agg({col("revenue").sum().round(2).alias("revenue"), col("order_id").count().alias("orders"),
                         col("customer").n_unique().alias("customers")})
                   .sort("revenue", {.descending = {true}});
             })
      .group("orders")
      .description("Shipped revenue per category across every order file")
      .tag("tier", "gold");
}

}  // namespace example
