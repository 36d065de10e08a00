#include "strata/core/time_zone.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "strata/core/error.hpp"
#include "strata/core/temporal.hpp"

namespace strata {
namespace {

namespace fs = std::filesystem;

const char* const kSystemZones = "/usr/share/zoneinfo";

/// Seconds since the epoch of a civil date and time (UTC or local, as the caller means it).
int64_t civil(int64_t year, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0) {
  return temporal::days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

#define SKIP_WITHOUT_SYSTEM_ZONES()                                                          \
  if (!fs::is_directory(kSystemZones))                                                       \
  GTEST_SKIP() << kSystemZones << " is absent: install the tzdata package to run this test"

/// Points TZDIR at a fresh temporary directory for the life of the object, then restores it.
class TemporaryZoneDirectory {
 public:
  TemporaryZoneDirectory() {
    if (const char* old = std::getenv("TZDIR")) saved_ = old;
    path_ = fs::temp_directory_path() / ("strata-tz-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(path_);
    setenv("TZDIR", path_.c_str(), 1);
  }
  ~TemporaryZoneDirectory() {
    if (saved_) {
      setenv("TZDIR", saved_->c_str(), 1);
    } else {
      unsetenv("TZDIR");
    }
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  void write(const std::string& name, const std::string& bytes) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  }

 private:
  fs::path path_;
  std::optional<std::string> saved_;
};

std::string read_system_zone(const std::string& name) {
  std::ifstream in(std::string(kSystemZones) + "/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// ---- A TZif writer for synthetic zones -------------------------------------------------------

struct SyntheticType {
  int32_t utoff;
  bool is_dst;
  std::string abbreviation;
};

struct SyntheticZone {
  char version = '2';  // 0 for version 1
  std::vector<std::pair<int64_t, uint8_t>> transitions;
  std::vector<SyntheticType> types{{0, false, "UTC"}};
  std::string footer;
  uint32_t leap_records = 0;
};

void put_be(std::string& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

void put_block(std::string& out, const SyntheticZone& zone, int time_size) {
  std::string designations;
  std::vector<size_t> indexes;
  for (const auto& type : zone.types) {
    indexes.push_back(designations.size());
    designations += type.abbreviation;
    designations += '\0';
  }
  out += "TZif";
  out += zone.version;
  out += std::string(15, '\0');
  const auto n_types = static_cast<uint32_t>(zone.types.size());
  for (const uint32_t count : {n_types, n_types, zone.leap_records, static_cast<uint32_t>(zone.transitions.size()),
                               n_types, static_cast<uint32_t>(designations.size())}) {
    put_be(out, count, 4);
  }
  for (const auto& [time, type] : zone.transitions) put_be(out, static_cast<uint64_t>(time), time_size);
  for (const auto& [time, type] : zone.transitions) out += static_cast<char>(type);
  for (size_t i = 0; i < zone.types.size(); ++i) {
    put_be(out, static_cast<uint32_t>(zone.types[i].utoff), 4);
    out += static_cast<char>(zone.types[i].is_dst);
    out += static_cast<char>(indexes[i]);
  }
  out += designations;
  for (uint32_t i = 0; i < zone.leap_records; ++i) {
    put_be(out, static_cast<uint64_t>(78796800 + 31536000 * int64_t{i}), time_size);
    put_be(out, i + 1, 4);
  }
  out += std::string(zone.types.size(), '\0');  // standard/wall indicators
  out += std::string(zone.types.size(), '\0');  // UT/local indicators
}

std::string tzif(const SyntheticZone& zone) {
  std::string out;
  put_block(out, zone, 4);
  if (zone.version == 0) return out;
  put_block(out, zone, 8);
  return out + "\n" + zone.footer + "\n";
}

/// Loads `zone` written as "Test/<name>" in a temporary zone directory.
TimeZone load_synthetic(const SyntheticZone& zone, const std::string& name = "Test/Zone") {
  TemporaryZoneDirectory directory;
  directory.write(name, tzif(zone));
  return TimeZone::load(name);
}

TimeZone zone_with_footer(const std::string& footer) {
  SyntheticZone zone;
  zone.footer = footer;
  return load_synthetic(zone);
}

std::string load_error(const std::string& name) {
  try {
    TimeZone::load(name);
  } catch (const InvalidInputError& e) {
    return e.what();
  }
  return "(no error)";
}

// ---- System zones ---------------------------------------------------------------------------

TEST(TimeZoneTest, NewYorkDaylightSaving2024) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const TimeZone ny = TimeZone::load("America/New_York");
  EXPECT_EQ(ny.name(), "America/New_York");
  EXPECT_EQ(ny.offset_at(civil(2024, 1, 15, 12)), -5 * 3600);
  EXPECT_EQ(ny.abbreviation_at(civil(2024, 1, 15, 12)), "EST");
  EXPECT_EQ(ny.offset_at(civil(2024, 7, 1, 12)), -4 * 3600);
  EXPECT_EQ(ny.abbreviation_at(civil(2024, 7, 1, 12)), "EDT");

  // Spring forward: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
  EXPECT_EQ(ny.offset_at(civil(2024, 3, 10, 6, 59, 59)), -5 * 3600);
  EXPECT_EQ(ny.offset_at(civil(2024, 3, 10, 7)), -4 * 3600);
  EXPECT_EQ(ny.to_utc(civil(2024, 3, 10, 2, 30)), std::nullopt);
  EXPECT_EQ(ny.to_utc(civil(2024, 3, 10, 2, 30), AmbiguousTime::Latest), std::nullopt);
  EXPECT_EQ(ny.to_utc(civil(2024, 3, 10, 1, 59, 59)), civil(2024, 3, 10, 6, 59, 59));
  EXPECT_EQ(ny.to_utc(civil(2024, 3, 10, 3)), civil(2024, 3, 10, 7));

  // Fall back: 01:30 happens twice.
  EXPECT_EQ(ny.to_utc(civil(2024, 11, 3, 1, 30)), civil(2024, 11, 3, 5, 30));
  EXPECT_EQ(ny.to_utc(civil(2024, 11, 3, 1, 30), AmbiguousTime::Earliest), civil(2024, 11, 3, 5, 30));
  EXPECT_EQ(ny.to_utc(civil(2024, 11, 3, 1, 30), AmbiguousTime::Latest), civil(2024, 11, 3, 6, 30));
  EXPECT_EQ(ny.to_utc(civil(2024, 11, 3, 2, 0), AmbiguousTime::Earliest), civil(2024, 11, 3, 7));

  EXPECT_EQ(ny.to_local(civil(2024, 11, 3, 5, 30)), civil(2024, 11, 3, 1, 30));
  EXPECT_EQ(ny.to_local(civil(2024, 11, 3, 6, 30)), civil(2024, 11, 3, 1, 30));
}

TEST(TimeZoneTest, FooterRuleAfterTheTransitionTable) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const TimeZone ny = TimeZone::load("America/New_York");
  EXPECT_EQ(ny.offset_at(civil(2050, 7, 1)), -4 * 3600);
  EXPECT_EQ(ny.abbreviation_at(civil(2050, 7, 1)), "EDT");
  EXPECT_EQ(ny.offset_at(civil(2050, 1, 15)), -5 * 3600);
  EXPECT_EQ(ny.abbreviation_at(civil(2050, 1, 15)), "EST");
  // 2050-03-13 is the second Sunday of March.
  EXPECT_EQ(ny.to_utc(civil(2050, 3, 13, 2, 30)), std::nullopt);
  EXPECT_EQ(ny.to_utc(civil(2050, 3, 13, 3, 0)), civil(2050, 3, 13, 7));
  EXPECT_EQ(ny.to_utc(civil(2050, 11, 6, 1, 30), AmbiguousTime::Latest), civil(2050, 11, 6, 6, 30));
  EXPECT_EQ(ny.offset_at(civil(2400, 7, 1)), -4 * 3600);
}

TEST(TimeZoneTest, BeforeTheFirstTransitionIsLocalMeanTime) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const TimeZone ny = TimeZone::load("America/New_York");
  EXPECT_EQ(ny.offset_at(civil(1850, 6, 1)), -(4 * 3600 + 56 * 60 + 2));
  EXPECT_EQ(ny.abbreviation_at(civil(1850, 6, 1)), "LMT");
  EXPECT_EQ(ny.to_utc(civil(1850, 6, 1)), civil(1850, 6, 1) + 4 * 3600 + 56 * 60 + 2);
  const TimeZone paris = TimeZone::load("Europe/Paris");
  EXPECT_EQ(paris.offset_at(civil(1880, 1, 1)), 9 * 60 + 21);
}

TEST(TimeZoneTest, London) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const TimeZone london = TimeZone::load("Europe/London");
  EXPECT_EQ(london.offset_at(civil(2024, 3, 31, 0, 59, 59)), 0);
  EXPECT_EQ(london.abbreviation_at(civil(2024, 3, 31, 0, 59, 59)), "GMT");
  EXPECT_EQ(london.offset_at(civil(2024, 3, 31, 1)), 3600);
  EXPECT_EQ(london.abbreviation_at(civil(2024, 3, 31, 1)), "BST");
  EXPECT_EQ(london.to_utc(civil(2024, 3, 31, 1, 30)), std::nullopt);
  EXPECT_EQ(london.to_utc(civil(2024, 10, 27, 1, 30)), civil(2024, 10, 27, 0, 30));
  EXPECT_EQ(london.to_utc(civil(2024, 10, 27, 1, 30), AmbiguousTime::Latest), civil(2024, 10, 27, 1, 30));
  // British Standard Time: UTC+1 all year from 1968-10-27 to 1971-10-31.
  EXPECT_EQ(london.offset_at(civil(1970, 1, 1)), 3600);
}

TEST(TimeZoneTest, LordHoweHasHalfHourDaylightSaving) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const TimeZone lord_howe = TimeZone::load("Australia/Lord_Howe");
  EXPECT_EQ(lord_howe.offset_at(civil(2024, 7, 1)), 10 * 3600 + 1800);
  EXPECT_EQ(lord_howe.offset_at(civil(2024, 1, 1)), 11 * 3600);
  // Daylight time ends 2024-04-07 02:00 local (+11:00), back to 01:30 (+10:30).
  EXPECT_EQ(lord_howe.to_utc(civil(2024, 4, 7, 1, 45)), civil(2024, 4, 6, 14, 45));
  EXPECT_EQ(lord_howe.to_utc(civil(2024, 4, 7, 1, 45), AmbiguousTime::Latest), civil(2024, 4, 6, 15, 15));
  // It starts 2024-10-06 02:00 local (+10:30), straight to 02:30 (+11:00).
  EXPECT_EQ(lord_howe.to_utc(civil(2024, 10, 6, 2, 15)), std::nullopt);
  EXPECT_EQ(lord_howe.to_utc(civil(2024, 10, 6, 2, 30)), civil(2024, 10, 5, 15, 30));
  // Far beyond the table, from the footer rule.
  EXPECT_EQ(lord_howe.offset_at(civil(2060, 1, 1)), 11 * 3600);
  EXPECT_EQ(lord_howe.offset_at(civil(2060, 7, 1)), 10 * 3600 + 1800);
}

TEST(TimeZoneTest, KolkataHalfHourOffset) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const TimeZone kolkata = TimeZone::load("Asia/Kolkata");
  EXPECT_EQ(kolkata.offset_at(civil(2024, 6, 1)), 5 * 3600 + 1800);
  EXPECT_EQ(kolkata.abbreviation_at(civil(2024, 6, 1)), "IST");
  EXPECT_EQ(kolkata.to_utc(civil(2024, 6, 1, 5, 30)), civil(2024, 6, 1));
  EXPECT_EQ(kolkata.to_local(civil(2024, 6, 1)), civil(2024, 6, 1, 5, 30));
  EXPECT_EQ(kolkata.offset_at(civil(2080, 6, 1)), 5 * 3600 + 1800);
}

TEST(TimeZoneTest, EtcZonesHaveInvertedSigns) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const TimeZone zone = TimeZone::load("Etc/GMT+5");
  EXPECT_EQ(zone.offset_at(civil(2024, 1, 1)), -5 * 3600);
  EXPECT_EQ(zone.abbreviation_at(civil(2024, 1, 1)), "-05");
  EXPECT_EQ(TimeZone::load("Etc/UTC").offset_at(civil(2024, 1, 1)), 0);
}

TEST(TimeZoneTest, LoadingIsCachedAndCopiesShareData) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const TimeZone first = TimeZone::load("Europe/Paris");
  const TimeZone second = TimeZone::load("Europe/Paris");
  EXPECT_EQ(&first.name(), &second.name());
  const TimeZone copy = first;
  EXPECT_EQ(&copy.name(), &first.name());
}

TEST(TimeZoneTest, ConcurrentLoadsAgree) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const std::vector<std::string> names{"Asia/Tokyo", "America/Chicago", "Europe/Berlin", "Africa/Cairo"};
  std::vector<std::thread> threads;
  std::vector<int32_t> offsets(16);
  for (size_t i = 0; i < offsets.size(); ++i) {
    threads.emplace_back([&, i] { offsets[i] = TimeZone::load(names[i % names.size()]).offset_at(civil(2024, 1, 15)); });
  }
  for (auto& thread : threads) thread.join();
  for (size_t i = 0; i < offsets.size(); ++i) {
    EXPECT_EQ(offsets[i], TimeZone::load(names[i % names.size()]).offset_at(civil(2024, 1, 15))) << names[i % 4];
  }
  EXPECT_EQ(offsets[0], 9 * 3600);
}

// ---- UTC and fixed offsets ------------------------------------------------------------------

TEST(TimeZoneTest, UtcNeedsNoFile) {
  TemporaryZoneDirectory empty;  // no files at all
  for (const TimeZone& zone : {TimeZone::utc(), TimeZone::load("UTC"), TimeZone::load("Z")}) {
    EXPECT_EQ(zone.name(), "UTC");
    EXPECT_EQ(zone.offset_at(civil(2024, 7, 1)), 0);
    EXPECT_EQ(zone.abbreviation_at(0), "UTC");
    EXPECT_EQ(zone.to_utc(12345), 12345);
    EXPECT_EQ(zone.to_local(-12345), -12345);
  }
}

TEST(TimeZoneTest, FixedOffsets) {
  const TimeZone india = TimeZone::load("+05:30");
  EXPECT_EQ(india.name(), "+05:30");
  EXPECT_EQ(india.offset_at(0), 19800);
  EXPECT_EQ(india.abbreviation_at(0), "+05:30");
  EXPECT_EQ(india.to_utc(civil(2024, 1, 1, 5, 30)), civil(2024, 1, 1));
  const TimeZone pacific = TimeZone::load("-08:00");
  EXPECT_EQ(pacific.offset_at(civil(2024, 7, 1)), -8 * 3600);
  EXPECT_EQ(pacific.to_local(civil(2024, 7, 1, 8)), civil(2024, 7, 1));
  EXPECT_EQ(TimeZone::load("+0530").name(), "+05:30");
  EXPECT_EQ(TimeZone::load("-03").offset_at(0), -3 * 3600);
  EXPECT_EQ(TimeZone::load("+05:30:15").offset_at(0), 19815);
  for (const char* bad : {"+5:30", "+25:00", "+05:60", "+05:3", "+0530:00", "+05:", "+abc", "-"}) {
    EXPECT_THROW(TimeZone::load(bad), InvalidInputError) << bad;
  }
}

TEST(TimeZoneTest, ExtremeInstantsDoNotOverflow) {
  const TimeZone pacific = TimeZone::load("-08:00");
  EXPECT_EQ(pacific.to_local(INT64_MIN), INT64_MIN);
  EXPECT_EQ(pacific.to_utc(INT64_MAX), std::nullopt);
  EXPECT_EQ(pacific.to_utc(INT64_MIN), INT64_MIN + 8 * 3600);
  const TimeZone rule = zone_with_footer("EST5EDT,M3.2.0,M11.1.0");
  for (const int64_t t : {INT64_MIN, INT64_MIN + 1, int64_t{-1} << 62, int64_t{1} << 62, INT64_MAX - 1, INT64_MAX}) {
    const int32_t offset = rule.offset_at(t);
    EXPECT_TRUE(offset == -5 * 3600 || offset == -4 * 3600) << t;
    // Offsets are negative here, so only the low end saturates.
    EXPECT_EQ(rule.to_local(t), t < INT64_MIN - offset ? INT64_MIN : t + offset) << t;
    const auto back = rule.to_utc(t);
    if (back) {
      EXPECT_EQ(*back + rule.offset_at(*back), t) << t;
    }
  }
}

// ---- Names ----------------------------------------------------------------------------------

TEST(TimeZoneTest, UnknownNameSuggestsTheClosest) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const std::string message = load_error("Europe/Pariss");
  EXPECT_NE(message.find("unknown time zone 'Europe/Pariss'"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'Europe/Paris'?"), std::string::npos) << message;
  const std::string far = load_error("Nowhere/Qqqqqqqqqqqqqqq");
  EXPECT_NE(far.find("unknown time zone 'Nowhere/Qqqqqqqqqqqqqqq'"), std::string::npos) << far;
  EXPECT_EQ(far.find("did you mean"), std::string::npos) << far;
  // A directory of zones is not a zone.
  EXPECT_NE(load_error("Europe").find("unknown time zone 'Europe'"), std::string::npos);
}

TEST(TimeZoneTest, PathTraversalAndStrangeNamesAreRefused) {
  for (const char* bad : {"../etc/passwd", "Europe/../../etc/passwd", "/etc/passwd", "Europe/..", "..",
                          "Europe/Paris ", "Europe\\Paris", "Europe/Paris;ls", "Europe//Paris", "Europe/",
                          "Europe/Par.is", "", "Europe/Paris\n"}) {
    const std::string message = load_error(bad);
    EXPECT_NE(message.find("invalid time zone name '" + std::string(bad) + "'"), std::string::npos)
        << bad << " -> " << message;
  }
}

// ---- Malformed files ------------------------------------------------------------------------

TEST(TimeZoneTest, EveryTruncationOfARealFileIsRefused) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const std::string bytes = read_system_zone("America/New_York");
  ASSERT_GT(bytes.size(), 100u);
  TemporaryZoneDirectory directory;
  for (size_t size = 0; size < bytes.size(); ++size) {
    // A new name each time: a zone read successfully would be cached.
    const std::string name = "Cut/At" + std::to_string(size);
    directory.write(name, bytes.substr(0, size));
    const std::string message = load_error(name);
    ASSERT_NE(message.find("time zone '" + name + "': malformed zone file"), std::string::npos)
        << size << ": " << message;
  }
  directory.write("Whole/Zone", bytes);
  EXPECT_EQ(TimeZone::load("Whole/Zone").offset_at(civil(2024, 7, 1)), -4 * 3600);
}

TEST(TimeZoneTest, CorruptedFilesLoadOrFailCleanly) {
  SKIP_WITHOUT_SYSTEM_ZONES();
  const std::string original = read_system_zone("Europe/Paris");
  ASSERT_GT(original.size(), 100u);
  TemporaryZoneDirectory directory;
  std::mt19937 random(20240310);
  int refused = 0;
  for (int i = 0; i < 800; ++i) {
    std::string bytes = original;
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int f = 0; f < flips; ++f) {
      // Mostly the headers and counts, where corruption is most dangerous.
      const size_t at = random() % 3 == 0 ? random() % bytes.size() : random() % 64;
      bytes[at] = static_cast<char>(random());
    }
    const std::string name = "Flip/N" + std::to_string(i);
    directory.write(name, bytes);
    try {
      const TimeZone zone = TimeZone::load(name);
      for (int64_t t = -4'000'000'000; t < 4'000'000'000; t += 86'400 * 365) {
        (void)zone.to_utc(zone.to_local(t));
        (void)zone.abbreviation_at(t);
      }
    } catch (const InvalidInputError&) {
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
}

TEST(TimeZoneTest, StructuralErrorsAreNamed) {
  const auto error_of = [](const std::string& bytes) {
    TemporaryZoneDirectory directory;
    directory.write("Bad/Zone", bytes);
    return load_error("Bad/Zone");
  };
  EXPECT_NE(error_of("").find("truncated"), std::string::npos);
  EXPECT_NE(error_of("TZjf2" + std::string(40, '\0')).find("bad magic"), std::string::npos);

  SyntheticZone zone;
  zone.transitions = {{100, 1}};
  EXPECT_NE(error_of(tzif(zone)).find("local time type that does not exist"), std::string::npos);

  zone.types.push_back({3600, true, "DST"});
  zone.transitions = {{100, 1}, {100, 0}};
  EXPECT_NE(error_of(tzif(zone)).find("ascending"), std::string::npos);

  zone.transitions = {};
  zone.footer = "EST5EDT,M13.1.0,M11.1.0";
  EXPECT_NE(error_of(tzif(zone)).find("invalid TZ string in the footer: 'EST5EDT,M13.1.0,M11.1.0'"),
            std::string::npos);

  zone.footer = "";
  std::string no_footer = tzif(zone);
  no_footer.pop_back();
  EXPECT_NE(error_of(no_footer).find("truncated: the file ends inside the footer"), std::string::npos);

  // A transition count far beyond the file's size is caught before anything is allocated.
  std::string huge = tzif(zone);
  huge[32] = huge[33] = huge[34] = huge[35] = '\xff';
  EXPECT_NE(error_of(huge).find("truncated"), std::string::npos);

  // An abbreviation without its terminating NUL.
  std::string unterminated = tzif(SyntheticZone{});
  const size_t second_header = unterminated.find("TZif", 4);
  unterminated[second_header + 44 + 6 + 3] = 'X';  // the NUL after "UTC" in the 64-bit block
  EXPECT_NE(error_of(unterminated).find("not terminated"), std::string::npos);

  SyntheticZone far_offset;
  far_offset.types = {{30 * 3600, false, "FAR"}};
  EXPECT_NE(error_of(tzif(far_offset)).find("out of range"), std::string::npos);
}

// ---- Synthetic TZif files -------------------------------------------------------------------

TEST(TimeZoneTest, VersionOneFileWithLeapSecondRecords) {
  SyntheticZone zone;
  zone.version = 0;
  zone.types = {{3600, false, "AAA"}, {7200, true, "BBB"}, {3600, false, "CCC"}};
  zone.transitions = {{1000, 1}, {2000, 2}};
  zone.leap_records = 3;
  const TimeZone loaded = load_synthetic(zone);
  EXPECT_EQ(loaded.offset_at(999), 3600);
  EXPECT_EQ(loaded.abbreviation_at(999), "AAA");
  EXPECT_EQ(loaded.offset_at(1000), 7200);
  EXPECT_EQ(loaded.abbreviation_at(1999), "BBB");
  EXPECT_EQ(loaded.abbreviation_at(2000), "CCC");
  EXPECT_EQ(loaded.abbreviation_at(civil(2100, 1, 1)), "CCC");  // no footer: the last type stays
}

TEST(TimeZoneTest, VersionsTwoToFourUseTheSixtyFourBitBlock) {
  for (const char version : {'2', '3', '4'}) {
    SyntheticZone zone;
    zone.version = version;
    zone.types = {{-3600, false, ""}, {0, false, "ZZZ"}};
    const int64_t before_1901 = civil(1850, 1, 1);  // out of the 32-bit range
    zone.transitions = {{before_1901, 1}};
    zone.leap_records = 2;
    const TimeZone loaded = load_synthetic(zone, std::string("Version/V") + version);
    EXPECT_EQ(loaded.offset_at(before_1901 - 1), -3600) << version;
    EXPECT_EQ(loaded.abbreviation_at(before_1901 - 1), "") << version;
    EXPECT_EQ(loaded.offset_at(before_1901), 0) << version;
  }
}

TEST(TimeZoneTest, TimeTypeZeroBeforeTheFirstTransitionThenTheFooter) {
  SyntheticZone zone;
  zone.types = {{-18000, false, "EST"}, {-14400, true, "EDT"}};
  zone.transitions = {{civil(2000, 4, 2, 7), 1}, {civil(2000, 10, 29, 6), 0}};
  zone.footer = "EST5EDT,M3.2.0,M11.1.0";
  const TimeZone loaded = load_synthetic(zone);
  EXPECT_EQ(loaded.abbreviation_at(civil(1999, 7, 1)), "EST");  // before the table: type 0
  EXPECT_EQ(loaded.abbreviation_at(civil(2000, 7, 1)), "EDT");
  EXPECT_EQ(loaded.abbreviation_at(civil(2001, 7, 1)), "EDT");  // footer
  EXPECT_EQ(loaded.abbreviation_at(civil(2001, 3, 11, 6, 59, 59)), "EST");
  EXPECT_EQ(loaded.abbreviation_at(civil(2001, 3, 11, 7)), "EDT");
}

// ---- The POSIX TZ footer grammar ------------------------------------------------------------

TEST(TimeZoneTest, FooterWithoutDaylightTimeAndQuotedNames) {
  const TimeZone plus_three = zone_with_footer("<+03>-3");
  EXPECT_EQ(plus_three.offset_at(civil(2024, 1, 1)), 3 * 3600);
  EXPECT_EQ(plus_three.abbreviation_at(civil(2024, 1, 1)), "+03");
  const TimeZone chatham = zone_with_footer("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45");
  EXPECT_EQ(chatham.offset_at(civil(2024, 1, 1)), 13 * 3600 + 45 * 60);
  EXPECT_EQ(chatham.offset_at(civil(2024, 7, 1)), 12 * 3600 + 45 * 60);
  EXPECT_EQ(chatham.abbreviation_at(civil(2024, 7, 1)), "+1245");
}

TEST(TimeZoneTest, FooterSouthernHemisphere) {
  const TimeZone sydney = zone_with_footer("AEST-10AEDT,M10.1.0,M4.1.0/3");
  EXPECT_EQ(sydney.offset_at(civil(2024, 1, 15)), 11 * 3600);
  EXPECT_EQ(sydney.offset_at(civil(2024, 7, 1)), 10 * 3600);
  // Ends 2024-04-07 03:00 AEDT = 2024-04-06 16:00 UTC; starts 2024-10-06 02:00 AEST = 10-05 16:00 UTC.
  EXPECT_EQ(sydney.offset_at(civil(2024, 4, 6, 15, 59, 59)), 11 * 3600);
  EXPECT_EQ(sydney.offset_at(civil(2024, 4, 6, 16)), 10 * 3600);
  EXPECT_EQ(sydney.offset_at(civil(2024, 10, 5, 15, 59, 59)), 10 * 3600);
  EXPECT_EQ(sydney.offset_at(civil(2024, 10, 5, 16)), 11 * 3600);
  EXPECT_EQ(sydney.to_utc(civil(2024, 4, 7, 2, 30), AmbiguousTime::Latest), civil(2024, 4, 6, 16, 30));
  // Across New Year, in daylight time.
  EXPECT_EQ(sydney.offset_at(civil(2024, 12, 31, 23)), 11 * 3600);
  EXPECT_EQ(sydney.to_utc(civil(2025, 1, 1)), civil(2024, 12, 31, 13));
}

TEST(TimeZoneTest, FooterJulianDays) {
  // Jn counts 1..365 and never February 29: J60 is March 1, leap year or not.
  const TimeZone julian = zone_with_footer("AAA0BBB,J60/0,J300/0");
  EXPECT_EQ(julian.offset_at(civil(2024, 2, 29, 23, 59, 59)), 0);
  EXPECT_EQ(julian.offset_at(civil(2024, 3, 1)), 3600);
  EXPECT_EQ(julian.offset_at(civil(2023, 3, 1)), 3600);
  EXPECT_EQ(julian.offset_at(civil(2023, 2, 28, 23, 59, 59)), 0);
  // n counts 0..365 with February 29: day 59 is February 29 in 2024, March 1 in 2023.
  const TimeZone zero_based = zone_with_footer("AAA0BBB,59/0,300/0");
  EXPECT_EQ(zero_based.offset_at(civil(2024, 2, 28, 23, 59, 59)), 0);
  EXPECT_EQ(zero_based.offset_at(civil(2024, 2, 29)), 3600);
  EXPECT_EQ(zero_based.offset_at(civil(2023, 2, 28, 23, 59, 59)), 0);
  EXPECT_EQ(zero_based.offset_at(civil(2023, 3, 1)), 3600);
}

TEST(TimeZoneTest, FooterNegativeAndLongRuleTimes) {
  // Nuuk: daylight time from the last Sunday of March at -1:00, i.e. Saturday 23:00 local.
  const TimeZone nuuk = zone_with_footer("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
  EXPECT_EQ(nuuk.offset_at(civil(2024, 3, 31, 0, 59, 59)), -2 * 3600);
  EXPECT_EQ(nuuk.offset_at(civil(2024, 3, 31, 1)), -1 * 3600);
  EXPECT_EQ(nuuk.to_utc(civil(2024, 3, 30, 23, 30)), std::nullopt);
  EXPECT_EQ(nuuk.offset_at(civil(2024, 10, 27, 0, 59, 59)), -1 * 3600);
  EXPECT_EQ(nuuk.offset_at(civil(2024, 10, 27, 1)), -2 * 3600);
  // Jerusalem: the Friday before the last Sunday of March, as Thursday + 26 hours.
  const TimeZone jerusalem = zone_with_footer("IST-2IDT,M3.4.4/26,M10.5.0");
  EXPECT_EQ(jerusalem.offset_at(civil(2024, 3, 28, 23, 59, 59)), 2 * 3600);
  EXPECT_EQ(jerusalem.offset_at(civil(2024, 3, 29)), 3 * 3600);
  EXPECT_EQ(jerusalem.to_utc(civil(2024, 3, 29, 2, 30)), std::nullopt);
  const TimeZone longest = zone_with_footer("AAA0BBB,M3.1.0/167,M10.1.0/-167");
  // First Sunday of March 2024 is March 3; +167h is March 9 23:00.
  EXPECT_EQ(longest.offset_at(civil(2024, 3, 9, 22, 59, 59)), 0);
  EXPECT_EQ(longest.offset_at(civil(2024, 3, 9, 23)), 3600);
  // First Sunday of October 2024 is October 6; -167h is September 29 01:00 local, 00:00 UTC.
  EXPECT_EQ(longest.offset_at(civil(2024, 9, 28, 23, 59, 59)), 3600);
  EXPECT_EQ(longest.offset_at(civil(2024, 9, 29)), 0);
}

TEST(TimeZoneTest, FooterDaylightTimeAllYear) {
  const TimeZone permanent = zone_with_footer("EST5EDT,0/0,J365/25");
  for (const int64_t t : {civil(2024, 1, 1), civil(2024, 7, 1), civil(2024, 12, 31, 23, 59, 59),
                          civil(2025, 1, 1, 4), civil(2025, 1, 1, 5), civil(2025, 1, 1, 6)}) {
    EXPECT_EQ(permanent.offset_at(t), -4 * 3600) << t;
  }
  EXPECT_EQ(permanent.to_utc(civil(2025, 1, 1)), civil(2025, 1, 1, 4));
}

TEST(TimeZoneTest, FooterNegativeDaylightSaving) {
  // Dublin: "standard" time is summer's IST (+1); winter GMT is flagged as daylight time.
  const TimeZone dublin = zone_with_footer("IST-1GMT0,M10.5.0,M3.5.0/1");
  EXPECT_EQ(dublin.offset_at(civil(2024, 7, 1)), 3600);
  EXPECT_EQ(dublin.abbreviation_at(civil(2024, 7, 1)), "IST");
  EXPECT_EQ(dublin.offset_at(civil(2024, 1, 15)), 0);
  EXPECT_EQ(dublin.abbreviation_at(civil(2024, 1, 15)), "GMT");
  EXPECT_EQ(dublin.offset_at(civil(2024, 3, 31, 0, 59, 59)), 0);
  EXPECT_EQ(dublin.offset_at(civil(2024, 3, 31, 1)), 3600);
}

TEST(TimeZoneTest, FooterDefaultsDaylightOffsetAndDates) {
  // Daylight offset defaults to one hour ahead; dates missing default to the US rules.
  const TimeZone zone = zone_with_footer("EST5EDT");
  EXPECT_EQ(zone.offset_at(civil(2024, 7, 1)), -4 * 3600);
  EXPECT_EQ(zone.offset_at(civil(2024, 3, 10, 6, 59, 59)), -5 * 3600);
  EXPECT_EQ(zone.offset_at(civil(2024, 3, 10, 7)), -4 * 3600);
}

TEST(TimeZoneTest, MalformedFootersAreRefused) {
  for (const char* footer :
       {"EST", "ES5", "EST5EDT,M3.2.0", "EST5EDT,M3.2.0,", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.0.0,M11.1.0",
        "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,J0,J365", "EST5EDT,366,0", "EST5EDT,M3.2.0/168,M11.1.0",
        "EST25", "<+03-3", "<>3", "<+0 3>-3", "EST5EDT4x", "EST5EDT,M3.2.0,M11.1.0x", "EST5:60",
        "EST5EDT;M3.2.0,M11.1.0"}) {
    SyntheticZone zone;
    zone.footer = footer;
    TemporaryZoneDirectory directory;
    directory.write("Bad/Footer", tzif(zone));
    const std::string message = load_error("Bad/Footer");
    EXPECT_NE(message.find("invalid TZ string in the footer"), std::string::npos) << footer << ": " << message;
  }
}

}  // namespace
}  // namespace strata
