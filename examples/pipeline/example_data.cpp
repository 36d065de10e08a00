#include <fnmatch.h>

#include <algorithm>

#include "pipeline_assets.hpp"

namespace example {

std::vector<std::filesystem::path> ExampleData::glob(const std::string& pattern) const {
  std::vector<std::filesystem::path> matches;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir, error))
    if (entry.is_regular_file() && ::fnmatch(pattern.c_str(), entry.path().filename().c_str(), 0) == 0)
      matches.push_back(entry.path());
  if (error) throw strata::IOError("cannot list '" + data_dir.string() + "': " + error.message());
  if (matches.empty())
    throw strata::IOError("no file in '" + data_dir.string() + "' matches '" + pattern +
                          "'; set resources.example_data.config.data_dir to the folder holding the inputs");
  std::sort(matches.begin(), matches.end());
  return matches;
}

void add_example_data_resource(strata::Definitions& defs) {
  using strata::ConfigField;
  defs.resource("example_data",
                [](strata::ResourceContext& ctx) {
                  ExampleData data;
                  data.data_dir = ctx.config()["data_dir"].get<std::string>();
                  std::string scratch = ctx.config()["scratch_dir"].get<std::string>();
                  data.scratch_dir = scratch.empty() ? strata::default_home() / "datasets" : std::filesystem::path(scratch);
                  std::filesystem::create_directories(data.scratch_dir);
                  ctx.log(strata::LogLevel::Debug, "reading inputs from " + data.data_dir.string());
                  return data;
                })
      .description("input folder and scratch folder of the example")
      .config_schema(strata::ConfigSchema({
          ConfigField::string("data_dir")
              .default_to(STRATA_EXAMPLE_DATA)
              .env("STRATA_EXAMPLE_DATA_DIR")
              .describe("folder with events.csv and orders*.csv"),
          ConfigField::string("scratch_dir").default_to("").describe("where generated files go (default $STRATA_HOME/datasets)"),
      }));
}

}  // namespace example
