// The home folder: settings file, storage choice, default IO manager and
// retention applied after every run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/memory_io_manager.hpp"
#include "strata/orchestrate/run_launcher.hpp"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::numbers_frame;
using testing::TemporaryFolder;

Definitions one_asset() {
  Definitions defs;
  defs.asset("numbers", [] { return numbers_frame({1, 2}); });
  return defs;
}

TEST(InstanceTest, DefaultsAreSqliteAndParquetInTheHomeFolder) {
  TemporaryFolder folder;
  auto instance = Instance::open(folder.path() / "home");
  EXPECT_EQ(instance->storage().backend_name(), "sqlite");
  EXPECT_EQ(instance->default_io_manager_name(), "parquet");
  Definitions defs = one_asset();
  ASSERT_TRUE(materialize(defs, *instance, "*").success());
  EXPECT_TRUE(fs::exists(folder.path() / "home" / "runs.db"));
  EXPECT_TRUE(fs::exists(folder.path() / "home" / "storage" / "numbers.parquet"));
}

TEST(InstanceTest, SettingsFileChoosesStorageIOManagerAndRetention) {
  TemporaryFolder folder;
  std::ofstream(folder.path() / "strata.yaml")
      << "default_io_manager: csv\nretention:\n  keep_runs: 2\n";
  auto instance = Instance::open(folder.path());
  EXPECT_EQ(instance->settings().retention.keep_runs, 2);
  Definitions defs = one_asset();
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(materialize(defs, *instance, "*").success());
  EXPECT_TRUE(fs::exists(folder.path() / "storage" / "numbers.csv"));
  EXPECT_EQ(instance->storage().list_runs().size(), 2u);
  // The asset's latest state outlives the deleted runs.
  EXPECT_FALSE(instance->storage().assets().empty());
}

TEST(InstanceTest, MemoryStorageAndBadSettings) {
  TemporaryFolder folder;
  std::ofstream(folder.path() / "strata.yaml") << "storage: memory\n";
  EXPECT_EQ(Instance::open(folder.path())->storage().backend_name(), "memory");
  std::ofstream(folder.path() / "strata.yaml") << "storage: postgres\n";
  EXPECT_THROW(Instance::open(folder.path()), ConfigError);
  std::ofstream(folder.path() / "strata.yaml") << "retension:\n  keep_runs: 1\n";
  try {
    Instance::open(folder.path());
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("did you mean 'retention'?"), std::string::npos) << error.what();
  }
}

TEST(InstanceTest, StrataHomeChoosesTheDefaultFolder) {
  ::setenv("STRATA_HOME", "/tmp/some-strata-home", 1);
  EXPECT_EQ(default_home(), fs::path("/tmp/some-strata-home"));
  ::unsetenv("STRATA_HOME");
  EXPECT_EQ(default_home(), fs::current_path() / ".strata");
}

TEST(InstanceTest, CustomIOManagersAreRegisteredByName) {
  TemporaryFolder folder;
  auto instance = Instance::ephemeral(folder.path());
  Definitions defs;
  int made = 0;
  defs.io_manager("counting", [&](const fs::path&) {
    ++made;
    return std::make_shared<MemoryIOManager>();
  });
  defs.asset("a", [] { return Json(1); }).io_manager("counting");
  defs.asset("b", {"a"}, [](const Json& a) { return a; }).io_manager("counting");
  ASSERT_TRUE(materialize(defs, *instance, "*").success());
  EXPECT_EQ(made, 1);  // created once per instance, then shared
  EXPECT_THROW(instance->io_manager("countng", defs), InvalidInputError);
}

}  // namespace
}  // namespace strata
