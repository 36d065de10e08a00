#include <map>

#include "pipeline_assets.hpp"

namespace example {

using strata::AssetContext;
using strata::col;
using strata::DataFrame;
using strata::DataType;

namespace {

// The declared schema of raw/events: checked on every materialization,
// before the data is stored. A failing constraint fails the step and the
// previous version stays; the report is in `pipeline run RUN_ID`.
strata::DataFrameSchema event_schema() {
  using strata::ColumnSchema;
  return strata::DataFrameSchema("events")
      .description("one row per shop event")
      .column(ColumnSchema::integer("event_id").unique().ge(1))
      .column(ColumnSchema::string("user").nullable().min_length(1))
      .column(ColumnSchema::string("event_type").isin({"view", "cart", "purchase"}))
      .column(ColumnSchema::string("category").nullable())
      .column(ColumnSchema::floating("amount").nullable().ge(0.0))
      .column(ColumnSchema::datetime("occurred_at", strata::TimeUnit::Micro).ge("2020-01-01"))
      .check("priced_unless_view", col("event_type") == "view" || col("amount").is_not_null(),
             "carts and purchases carry an amount")
      .strict();
}

// How events.csv is read: the declared types, so that no column is guessed.
std::map<std::string, DataType> event_types() {
  return {{"event_id", DataType::int64()},    {"user", DataType::string()},
          {"event_type", DataType::string()}, {"category", DataType::string()},
          {"amount", DataType::float64()},    {"occurred_at", DataType::timestamp(strata::TimeUnit::Micro)}};
}

}  // namespace

void add_event_assets(strata::Definitions& defs) {
  defs.asset("raw/events",
             [](AssetContext& ctx) {
               const ExampleData& data = ctx.resource<ExampleData>("example_data");
               strata::CsvReadOptions options;
               for (const auto& [name, type] : event_types()) options.dtypes[name] = type;
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
