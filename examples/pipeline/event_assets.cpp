#include "pipeline_assets.hpp"

namespace example {

using strata::AssetContext;
using strata::col;
using strata::DataFrame;
using strata::DataType;

namespace {

strata::Schema event_schema() {
  return strata::Schema({
      {"event_id", DataType::int64(), false},
      {"user", DataType::string(), true},
      {"event_type", DataType::string(), false},
      {"category", DataType::string(), true},
      {"amount", DataType::float64(), true},
      {"occurred_at", DataType::timestamp(strata::TimeUnit::Micro), false},
  });
}

}  // namespace

void add_event_assets(strata::Definitions& defs) {
  defs.asset("raw/events",
             [](AssetContext& ctx) {
               const ExampleData& data = ctx.resource<ExampleData>("example_data");
               const strata::Schema schema = event_schema();
               strata::CsvReadOptions options;
               for (const strata::Field& field : schema.fields()) options.dtypes[field.name] = field.type;
               DataFrame events = strata::read_csv((data.data_dir / "events.csv").string(), options);
               ctx.info("read " + std::to_string(events.height()) + " events");
               return events;
             })
      .group("events")
      .description("Shop events (views, carts, purchases) from events.csv")
      .schema(event_schema())
      .resources({"example_data"})
      .owner("data-platform@example.com")
      .tag("tier", "bronze")
      .code_version("1");

  defs.asset("events/enriched", {"raw/events"},
             [](AssetContext& ctx, const DataFrame& events) {
               DataFrame enriched = events.with_columns({
                   (col("amount") * 1.2).round(2).alias("amount_with_vat"),
                   col("occurred_at").dt().hour().alias("hour"),
                   (col("event_type") == "purchase").alias("is_purchase"),
               });
               const auto purchases = enriched.filter(col("is_purchase")).height();
               ctx.add_output_metadata({{"purchases", purchases}});
               return enriched;
             })
      .group("events")
      .description("Events with the amount including VAT, the hour, and a purchase flag")
      .tag("tier", "silver")
      .code_version("1");
}

}  // namespace example
