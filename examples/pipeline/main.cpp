// The example pipeline. Every pipeline binary looks like this: build the
// definitions, hand them to the command line.
//
//   pipeline list                       the assets, their groups and dependencies
//   pipeline materialize --select 'group:events'     (progress on the terminal)
//   pipeline materialize --select 'large/category_totals+'
//   pipeline runs                       recent runs
//   pipeline asset sales/by_region      history and the latest metadata
//   pipeline lineage orders/by_category
//   pipeline backfill --select 'group:monthly' --all-partitions --executor multiprocess
//   pipeline partitions orders/trailing_quarter
#include "pipeline_assets.hpp"

int main(int argc, char** argv) {
  strata::Definitions defs;
  example::add_example_data_resource(defs);
  example::add_event_assets(defs);
  example::add_sales_assets(defs);
  example::add_large_assets(defs);
  example::add_order_assets(defs);
  example::add_monthly_assets(defs);
  defs.asset_job("events_job", "group:events").description("refresh the events tables");
  return strata::run_cli(defs, argc, argv);
}
