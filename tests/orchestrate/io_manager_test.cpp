// Every IO manager: round trips, metadata, atomic replacement, safe paths.
#include <gtest/gtest.h>

#include <fstream>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/csv_io_manager.hpp"
#include "strata/orchestrate/memory_io_manager.hpp"
#include "strata/orchestrate/parquet_io_manager.hpp"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::TemporaryFolder;
using testing::numbers_frame;

DataFrame sample() {
  using Ints = std::vector<std::optional<int64_t>>;
  using Strings = std::vector<std::optional<std::string>>;
  using Doubles = std::vector<std::optional<double>>;
  return DataFrame({Series::from("id", Ints{1, 2, 3, std::nullopt}),
                    Series::from("city", Strings{"Zürich", "東京", std::nullopt, "007"}),
                    Series::from("amount", Doubles{1.5, -2.25, 1e10, std::nullopt})});
}

OutputContext output(const AssetKey& key) { return OutputContext{key, "run-1", key.to_string(), "result", Metadata::object()}; }
InputContext input(const AssetKey& key, Metadata recorded = Metadata()) {
  return InputContext{key, "run-2", "downstream", std::move(recorded)};
}

struct CsvFactory {
  static std::shared_ptr<IOManager> make(const fs::path& root) { return std::make_shared<CsvIOManager>(root); }
  static constexpr const char* extension = "csv";
};
struct ParquetFactory {
  static std::shared_ptr<IOManager> make(const fs::path& root) { return std::make_shared<ParquetIOManager>(root); }
  static constexpr const char* extension = "parquet";
};
struct MemoryFactory {
  static std::shared_ptr<IOManager> make(const fs::path&) { return std::make_shared<MemoryIOManager>(); }
  static constexpr const char* extension = "";
};

template <class Factory>
class IOManagerTest : public ::testing::Test {
 protected:
  TemporaryFolder folder_;
  std::shared_ptr<IOManager> manager_ = Factory::make(folder_.path());
};

using Managers = ::testing::Types<CsvFactory, ParquetFactory, MemoryFactory>;
TYPED_TEST_SUITE(IOManagerTest, Managers);

TYPED_TEST(IOManagerTest, FramesRoundTripWithMetadata) {
  IOManager& manager = *this->manager_;
  EXPECT_FALSE(manager.has("sales/orders"));
  Metadata metadata = manager.store(output("sales/orders"), sample());
  EXPECT_TRUE(manager.has("sales/orders"));
  EXPECT_EQ(metadata["row_count"], 4);
  EXPECT_EQ(metadata["column_count"], 3);
  EXPECT_EQ(metadata["schema"][1], (Json{{"name", "city"}, {"type", "str"}}));
  EXPECT_EQ(metadata["preview"]["columns"], (Json{"id", "city", "amount"}));
  EXPECT_EQ(metadata["preview"]["rows"][0], (Json{1, "Zürich", 1.5}));
  EXPECT_TRUE(metadata["preview"]["rows"][3][2].is_null());
  // CSV restores types from the recorded schema ("007" stays a string).
  Value loaded = manager.load(input("sales/orders", metadata));
  ASSERT_TRUE(loaded.is_frame());
  EXPECT_TRUE(loaded.frame().equals(sample())) << loaded.frame();
  if (std::string(TypeParam::extension).empty()) return;
  const fs::path file = this->folder_.path() / "sales" / (std::string("orders.") + TypeParam::extension);
  EXPECT_EQ(metadata["path"], file.string());
  EXPECT_EQ(metadata["byte_size"], static_cast<int64_t>(fs::file_size(file)));
}

TYPED_TEST(IOManagerTest, JsonValuesRoundTrip) {
  IOManager& manager = *this->manager_;
  Json value = {{"total", 12.5}, {"names", {"a", "é"}}};
  Metadata metadata = manager.store(output("summary"), value);
  EXPECT_EQ(metadata["value_type"], "object");
  EXPECT_EQ(manager.load(input("summary")).json(), value);
  // Changing the kind replaces the value.
  manager.store(output("summary"), numbers_frame({7}));
  EXPECT_TRUE(manager.load(input("summary")).is_frame());
  manager.store(output("summary"), Json(3));
  EXPECT_EQ(manager.load(input("summary")).json(), Json(3));
}

TYPED_TEST(IOManagerTest, EdgeCaseFrames) {
  IOManager& manager = *this->manager_;
  DataFrame one_row = sample().head(1);
  manager.store(output("one"), one_row);
  EXPECT_EQ(manager.load(input("one")).frame().height(), 1);
  DataFrame empty = sample().head(0);
  Metadata metadata = manager.store(output("empty"), empty);
  EXPECT_EQ(metadata["row_count"], 0);
  EXPECT_TRUE(metadata["preview"]["rows"].empty());
  EXPECT_EQ(manager.load(input("empty", metadata)).frame().height(), 0);
}

TYPED_TEST(IOManagerTest, MissingValuesAndRemoval) {
  IOManager& manager = *this->manager_;
  try {
    manager.load(input("never/made"));
    FAIL();
  } catch (const IOError& error) {
    EXPECT_NE(std::string(error.what()).find("never/made"), std::string::npos) << error.what();
  }
  manager.store(output("x"), Json(1));
  EXPECT_TRUE(manager.remove("x"));
  EXPECT_FALSE(manager.remove("x"));
  EXPECT_FALSE(manager.has("x"));
  EXPECT_THROW(manager.store(output("nothing"), Value()), UnsupportedError);
}

/// A CSV manager whose writes fail after the temporary file is complete.
class FailingCsvIOManager : public CsvIOManager {
 public:
  using CsvIOManager::CsvIOManager;

 protected:
  void write_frame(const DataFrame& frame, const fs::path& path) override {
    CsvIOManager::write_frame(frame, path);
    throw IOError("disk full (simulated)");
  }
};

TEST(FilesystemIOManagerTest, FailedWriteKeepsThePreviousVersionAndLeavesNoTemporaries) {
  TemporaryFolder folder;
  CsvIOManager good(folder.path());
  good.store(output("events"), numbers_frame({1, 2, 3}));
  FailingCsvIOManager failing(folder.path());
  EXPECT_THROW(failing.store(output("events"), numbers_frame({9})), IOError);
  EXPECT_TRUE(good.load(input("events")).frame().equals(numbers_frame({1, 2, 3})));
  for (const auto& entry : fs::directory_iterator(folder.path()))
    EXPECT_EQ(entry.path().filename(), "events.csv") << "left behind: " << entry.path();
}

TEST(FilesystemIOManagerTest, StaleTemporariesOfDeadProcessesAreCleanedUp) {
  TemporaryFolder folder;
  CsvIOManager manager(folder.path());
  // pid 2^22+1 is above the kernel's pid_max default and cannot be alive.
  const fs::path stale = folder.path() / ".events.csv.4194305.0.tmp";
  const fs::path live = folder.path() / (".events.csv." + std::to_string(::getpid()) + ".99.tmp");
  std::ofstream(stale) << "partial";
  std::ofstream(live) << "in progress elsewhere";
  manager.store(output("events"), numbers_frame({1}));
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
}

TEST(FilesystemIOManagerTest, KeysNeverEscapeTheRoot) {
  TemporaryFolder folder;
  const fs::path root = folder.path() / "storage";
  CsvIOManager manager(root);
  // AssetKey refuses "..", absolute paths and hidden components outright.
  EXPECT_THROW(manager.frame_path(AssetKey("../outside")), InvalidInputError);
  // A symlinked folder inside the root that points outside is refused too.
  fs::create_directories(root);
  fs::create_directories(folder.path() / "elsewhere");
  fs::create_directory_symlink(folder.path() / "elsewhere", root / "link");
  try {
    manager.store(output("link/events"), numbers_frame({1}));
    FAIL();
  } catch (const InvalidInputError& error) {
    EXPECT_NE(std::string(error.what()).find("outside the storage root"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(fs::exists(folder.path() / "elsewhere" / "events.csv"));
  EXPECT_EQ(manager.frame_path("a/b").string(), (root / "a" / "b.csv").string());
}

}  // namespace
}  // namespace strata
