// Partitions definitions and mappings: keys, time windows across DST
// changes, validation messages.
#include <gtest/gtest.h>

#include <filesystem>

#include "strata/core/error.hpp"
#include "strata/core/temporal.hpp"
#include "strata/orchestrate/memory_run_storage.hpp"
#include "strata/orchestrate/partition_mapping.hpp"
#include "strata/orchestrate/partitions.hpp"

namespace strata {
namespace {

bool have_zoneinfo() { return std::filesystem::exists("/usr/share/zoneinfo/America/New_York"); }

int64_t utc_us(const std::string& text) {
  return *temporal::parse_timestamp(text, TimeUnit::Micro);
}

/// A context whose "now" is fixed, so that open-ended definitions have known keys.
PartitionContext at(const std::string& now) { return PartitionContext{nullptr, utc_us(now)}; }

std::string error_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

TEST(Partitions, StaticKeysInOrderAndBadKeysRefused) {
  PartitionsPtr regions = static_partitions({"eu", "us", "apac"});
  EXPECT_EQ(regions->keys({}), (std::vector<std::string>{"eu", "us", "apac"}));
  EXPECT_TRUE(regions->has_key("us", {}));
  EXPECT_NE(error_of([&] { regions->validate_key("uss", {}); }).find("did you mean 'us'"), std::string::npos);
  EXPECT_NE(error_of([] { static_partitions({"a", "a"}); }).find("listed twice"), std::string::npos);
  EXPECT_NE(error_of([] { static_partitions({"a|b"}); }).find("'|'"), std::string::npos);
  EXPECT_NE(error_of([] { static_partitions({"a...b"}); }).find("range"), std::string::npos);
  EXPECT_NE(error_of([] { static_partitions({""}); }).find("empty"), std::string::npos);
  EXPECT_NE(error_of([] { static_partitions({}); }).find("at least one"), std::string::npos);
}

TEST(Partitions, DailyKeysStopAtTheEndOrAtNow) {
  PartitionsPtr bounded = daily_partitions("2024-02-27", {.end = "2024-03-02"});
  EXPECT_EQ(bounded->keys({}), (std::vector<std::string>{"2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"}));
  PartitionsPtr open = daily_partitions("2024-01-01");
  // At 10:00 on Jan 5 the windows of Jan 1-4 have ended; Jan 5 has not.
  std::vector<std::string> keys = open->keys(at("2024-01-05T10:00:00"));
  EXPECT_EQ(keys, (std::vector<std::string>{"2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"}));
  EXPECT_FALSE(open->has_key("2024-01-05", at("2024-01-05T10:00:00")));
  EXPECT_TRUE(open->has_key("2024-01-05", at("2024-01-06T00:00:00")));
  EXPECT_FALSE(open->has_key("2023-12-31", at("2024-01-05T10:00:00")));
  EXPECT_FALSE(open->has_key("2024-1-02", at("2024-01-05T10:00:00")));
  EXPECT_EQ(*open->time_window("2024-01-02"),
            (TimeWindow{utc_us("2024-01-02T00:00:00"), utc_us("2024-01-03T00:00:00")}));
  EXPECT_EQ(open->key_range("2024-01-02", "2024-01-04", at("2024-02-01T00:00:00")),
            (std::vector<std::string>{"2024-01-02", "2024-01-03", "2024-01-04"}));
  EXPECT_NE(error_of([&] { open->key_range("2024-01-04", "2024-01-02", at("2024-02-01T00:00:00")); }).find("backwards"),
            std::string::npos);
  EXPECT_NE(error_of([] { daily_partitions("yesterday"); }).find("not a date"), std::string::npos);
  EXPECT_NE(error_of([] { daily_partitions("2024-01-05", {.end = "2024-01-05"}); }).find("no complete window"),
            std::string::npos);
}

TEST(Partitions, DailyWindowsFollowTheLocalClockAcrossDaylightSaving) {
  if (!have_zoneinfo()) GTEST_SKIP() << "no time zone files in /usr/share/zoneinfo (install tzdata)";
  PartitionsPtr days = daily_partitions("2024-03-09", {.timezone = "America/New_York", .end = "2024-11-05"});
  const TimeWindow spring = *days->time_window("2024-03-10");
  EXPECT_EQ(spring.start_us, utc_us("2024-03-10T05:00:00"));  // midnight EST
  EXPECT_EQ(spring.end_us - spring.start_us, int64_t{23} * 3600 * 1000000);
  const TimeWindow autumn = *days->time_window("2024-11-03");
  EXPECT_EQ(autumn.start_us, utc_us("2024-11-03T04:00:00"));  // midnight EDT
  EXPECT_EQ(autumn.end_us - autumn.start_us, int64_t{25} * 3600 * 1000000);
  EXPECT_NE(error_of([] { daily_partitions("2024-01-01", {.timezone = "Europe/Pariss"}); }).find("Europe/Paris"),
            std::string::npos);
}

TEST(Partitions, HourlyKeysSkipTheMissingHourAndStretchTheRepeatedOne) {
  if (!have_zoneinfo()) GTEST_SKIP() << "no time zone files in /usr/share/zoneinfo (install tzdata)";
  PartitionsPtr hours =
      hourly_partitions("2024-03-10-00:00", {.timezone = "America/New_York", .end = "2024-03-10-05:00"});
  EXPECT_EQ(hours->keys({}), (std::vector<std::string>{"2024-03-10-00:00", "2024-03-10-01:00", "2024-03-10-03:00",
                                                       "2024-03-10-04:00"}));
  EXPECT_FALSE(hours->has_key("2024-03-10-02:00", {}));
  const TimeWindow before_jump = *hours->time_window("2024-03-10-01:00");
  EXPECT_EQ(before_jump.end_us - before_jump.start_us, int64_t{3600} * 1000000);
  PartitionsPtr autumn =
      hourly_partitions("2024-11-03-00:00", {.timezone = "America/New_York", .end = "2024-11-03-04:00"});
  EXPECT_EQ(autumn->keys({}).size(), 4u);
  const TimeWindow repeated = *autumn->time_window("2024-11-03-01:00");
  EXPECT_EQ(repeated.start_us, utc_us("2024-11-03T05:00:00"));
  EXPECT_EQ(repeated.end_us, utc_us("2024-11-03T07:00:00"));
}

TEST(Partitions, WeeklyAndMonthlyKeysAreTheirFirstDays) {
  // 2024-01-03 is a Wednesday: the first Sunday-started week begins 2024-01-07.
  PartitionsPtr weeks = weekly_partitions("2024-01-03", {.end = "2024-01-28"});
  EXPECT_EQ(weeks->keys({}), (std::vector<std::string>{"2024-01-07", "2024-01-14", "2024-01-21"}));
  PartitionsPtr monday_weeks = weekly_partitions("2024-01-01", {.end = "2024-01-15", .week_start = 1});
  EXPECT_EQ(monday_weeks->keys({}), (std::vector<std::string>{"2024-01-01", "2024-01-08"}));
  PartitionsPtr months = monthly_partitions("2023-11-15", {.end = "2024-03-01"});
  EXPECT_EQ(months->keys({}), (std::vector<std::string>{"2023-12-01", "2024-01-01", "2024-02-01"}));
  EXPECT_EQ(*months->time_window("2024-02-01"),
            (TimeWindow{utc_us("2024-02-01T00:00:00"), utc_us("2024-03-01T00:00:00")}));
  EXPECT_FALSE(months->has_key("2024-02-02", {}));
}

TEST(Partitions, MultiAndDynamicKeys) {
  PartitionsPtr grid = multi_partitions(
      {{"date", daily_partitions("2024-01-01", {.end = "2024-01-03"})}, {"region", static_partitions({"eu", "us"})}});
  EXPECT_EQ(grid->keys({}),
            (std::vector<std::string>{"2024-01-01|eu", "2024-01-01|us", "2024-01-02|eu", "2024-01-02|us"}));
  EXPECT_TRUE(grid->has_key("2024-01-02|us", {}));
  EXPECT_FALSE(grid->has_key("2024-01-02", {}));
  EXPECT_EQ(grid->time_window("2024-01-02|us")->start_us, utc_us("2024-01-02T00:00:00"));
  EXPECT_NE(error_of([] {
              multi_partitions({{"a", daily_partitions("2024-01-01")}, {"b", hourly_partitions("2024-01-01")}});
            }).find("at most one time"),
            std::string::npos);

  MemoryRunStorage storage;
  PartitionsPtr customers = dynamic_partitions("customers");
  PartitionContext context{&storage, 0};
  EXPECT_TRUE(customers->keys(context).empty());
  EXPECT_NE(error_of([&] { customers->validate_key("acme", context); }).find("no partitions yet"), std::string::npos);
  storage.add_dynamic_partitions("customers", {"acme", "globex"});
  EXPECT_EQ(customers->keys(context), (std::vector<std::string>{"acme", "globex"}));
  EXPECT_NE(error_of([&] { customers->keys({}); }).find("run storage"), std::string::npos);
}

TEST(PartitionMappings, TimeWindowsWithOffsetsAndAcrossCadences) {
  PartitionsPtr days = daily_partitions("2024-01-01", {.end = "2024-02-01"});
  PartitionsPtr weeks = weekly_partitions("2024-01-01", {.end = "2024-02-04"});
  PartitionContext context;
  EXPECT_EQ(time_window_mapping(-1, -1)->upstream_keys("2024-01-05", days.get(), *days, context),
            (std::vector<std::string>{"2024-01-04"}));
  EXPECT_TRUE(time_window_mapping(-1, -1)->upstream_keys("2024-01-01", days.get(), *days, context).empty());
  EXPECT_EQ(time_window_mapping(-2, 0)->upstream_keys("2024-01-10", days.get(), *days, context),
            (std::vector<std::string>{"2024-01-08", "2024-01-09", "2024-01-10"}));
  // The week starting Sunday 2024-01-07 reads its seven days.
  std::vector<std::string> week = default_partition_mapping(weeks.get(), *days)->upstream_keys("2024-01-07", weeks.get(),
                                                                                               *days, context);
  EXPECT_EQ(week.size(), 7u);
  EXPECT_EQ(week.front(), "2024-01-07");
  EXPECT_EQ(week.back(), "2024-01-13");
  // A day reads the week holding it.
  EXPECT_EQ(default_partition_mapping(days.get(), *weeks)->upstream_keys("2024-01-09", days.get(), *weeks, context),
            (std::vector<std::string>{"2024-01-07"}));
}

TEST(PartitionMappings, IdentityAllStaticAndDimension) {
  PartitionsPtr regions = static_partitions({"eu", "us"});
  PartitionsPtr days = daily_partitions("2024-01-01", {.end = "2024-01-03"});
  PartitionsPtr grid = multi_partitions({{"date", days}, {"region", regions}});
  PartitionContext context;
  EXPECT_EQ(identity_mapping()->upstream_keys("us", regions.get(), *regions, context), (std::vector<std::string>{"us"}));
  EXPECT_NE(error_of([&] { identity_mapping()->upstream_keys("asia", regions.get(), *regions, context); })
                .find("no counterpart"),
            std::string::npos);
  EXPECT_EQ(default_partition_mapping(nullptr, *regions)->upstream_keys("", nullptr, *regions, context),
            (std::vector<std::string>{"eu", "us"}));
  PartitionsPtr countries = static_partitions({"fr", "de", "ca"});
  auto by_region = static_mapping({{"eu", {"de", "fr"}}, {"us", {"ca"}}});
  EXPECT_EQ(by_region->upstream_keys("eu", regions.get(), *countries, context), (std::vector<std::string>{"fr", "de"}));
  EXPECT_TRUE(by_region->upstream_keys("apac", regions.get(), *countries, context).empty());
  // A grid cell reads its day; a day reads every region of it.
  EXPECT_EQ(default_partition_mapping(grid.get(), *days)->upstream_keys("2024-01-02|us", grid.get(), *days, context),
            (std::vector<std::string>{"2024-01-02"}));
  EXPECT_EQ(default_partition_mapping(days.get(), *grid)->upstream_keys("2024-01-02", days.get(), *grid, context),
            (std::vector<std::string>{"2024-01-02|eu", "2024-01-02|us"}));
}

}  // namespace
}  // namespace strata
