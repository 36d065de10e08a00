// The command line a pipeline binary gets, driven through run_cli with
// captured output.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "strata/cli/run_cli.hpp"
#include "strata/orchestrate/orchestrate.hpp"

namespace strata {
namespace {

namespace fs = std::filesystem;

DataFrame numbers(std::vector<int64_t> values) { return DataFrame({Series::from("n", values)}); }

class CliTest : public ::testing::Test {
 protected:
  CliTest() {
    home_ = fs::temp_directory_path() / ("strata-cli-test-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(home_);
    // Defined first, so it runs first and Ctrl-C cancels the steps after it.
    defs_.asset("interrupt", [] {
      std::raise(SIGINT);
      return Json(1);
    });
    defs_.asset("source", [](AssetContext& ctx) {
          ctx.info("making " + std::to_string(ctx.config()["rows"].get<int64_t>()) + " rows");
          return numbers(std::vector<int64_t>(static_cast<size_t>(ctx.config()["rows"].get<int64_t>()), 7));
        })
        .group("ingest")
        .description("numbers to add up")
        .config_schema(ConfigSchema({ConfigField::integer("rows").default_to(3)}));
    defs_.asset("total", {"source"}, [](const DataFrame& source) { return source.select({col("n").sum()}); })
        .group("report");
    defs_.asset("fragile", [this]() -> Json {
      if (fail_) throw ComputeError("fragile broke");
      return Json("ok");
    });
    defs_.op("hello", [] { return Json("hi"); });
    defs_.job("greet").node("hello");
    defs_.asset_job("reporting", "group:report");
  }
  ~CliTest() override { fs::remove_all(home_); }

  int cli(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    args.insert(args.begin(), {"--home", home_.string()});
    return run_cli(defs_, args, out_, err_);
  }
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }
  Json json_out() const { return Json::parse(out_.str()); }

  fs::path home_;
  Definitions defs_;
  bool fail_ = false;
  std::ostringstream out_;
  std::ostringstream err_;
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(CliTest, HelpEverywhereAndUsageErrors) {
  EXPECT_EQ(cli({"--help"}), 0);
  for (const char* command : {"list", "materialize", "execute", "reexecute", "runs", "run", "asset", "lineage", "wipe"})
    EXPECT_TRUE(contains(out(), command)) << command;
  EXPECT_TRUE(contains(out(), "Exit codes"));
  EXPECT_EQ(cli({"materialize", "--help"}), 0);
  EXPECT_TRUE(contains(out(), "--select"));
  EXPECT_EQ(cli({}), static_cast<int>(ExitCode::Usage));
  EXPECT_EQ(cli({"frobnicate"}), static_cast<int>(ExitCode::Usage));
  EXPECT_EQ(cli({"runs", "--limit", "many"}), static_cast<int>(ExitCode::Usage));
  EXPECT_EQ(cli({"run"}), static_cast<int>(ExitCode::Usage));
}

TEST_F(CliTest, ListShowsAssetsGroupsDepsAndJobs) {
  ASSERT_EQ(cli({"list"}), 0) << err();
  EXPECT_TRUE(contains(out(), "total")) << out();
  EXPECT_TRUE(contains(out(), "ingest: source")) << out();
  EXPECT_TRUE(contains(out(), "greet  ops hello")) << out();
  ASSERT_EQ(cli({"list", "--json"}), 0);
  Json listed = json_out();
  ASSERT_EQ(listed["assets"].size(), 4u);
  EXPECT_EQ(listed["assets"][0]["key"], "interrupt");  // definition order, upstream first
  bool found = false;
  for (const Json& asset : listed["assets"])
    if (asset["key"] == "total") {
      EXPECT_EQ(asset["deps"], (Json{"source"}));
      found = true;
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(listed["jobs"].size(), 2u);
}

TEST_F(CliTest, MaterializeShowsProgressAndRecordsTheRun) {
  ASSERT_EQ(cli({"materialize", "--select", "+total"}), 0) << out() << err();
  EXPECT_TRUE(contains(out(), "[1/2] source")) << out();
  EXPECT_TRUE(contains(out(), "OK")) << out();
  EXPECT_TRUE(contains(out(), "INFO source: making 3 rows")) << out();
  EXPECT_TRUE(contains(out(), "SUCCESS")) << out();
  ASSERT_EQ(cli({"runs", "--json"}), 0);
  Json runs = json_out();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["status"], "SUCCESS");
  const std::string run_id = runs[0]["run_id"];
  ASSERT_EQ(cli({"runs"}), 0);
  EXPECT_TRUE(contains(out(), run_id.substr(0, 8))) << out();
  ASSERT_EQ(cli({"run", run_id.substr(0, 8)}), 0) << err();
  EXPECT_TRUE(contains(out(), "ASSET_MATERIALIZATION")) << out();
  EXPECT_TRUE(contains(out(), "making 3 rows")) << out();
  ASSERT_EQ(cli({"run", run_id, "--json"}), 0);
  EXPECT_EQ(json_out()["events"].back()["type"], "RUN_SUCCESS");
  ASSERT_EQ(cli({"asset", "total"}), 0) << err();
  EXPECT_TRUE(contains(out(), "Materializations")) << out();
  EXPECT_TRUE(contains(out(), "21")) << out();  // 3 * 7 in the preview
  ASSERT_EQ(cli({"asset", "total", "--json"}), 0);
  EXPECT_EQ(json_out()["materializations"][0]["data"]["metadata"]["row_count"], 1);
  ASSERT_EQ(cli({"lineage", "total"}), 0);
  EXPECT_TRUE(contains(out(), "└─ source")) << out();
}

TEST_F(CliTest, MaterializeWithTheMultiprocessExecutor) {
  ASSERT_EQ(cli({"materialize", "--select", "+total", "--executor", "multiprocess", "--max-concurrent", "2"}), 0)
      << out() << err();
  // The child's log line reaches the parent's progress output.
  EXPECT_TRUE(contains(out(), "INFO source: making 3 rows")) << out();
  ASSERT_EQ(cli({"runs", "--json"}), 0);
  const std::string run_id = json_out()[0]["run_id"];
  ASSERT_EQ(cli({"run", run_id, "--json"}), 0);
  Json events = json_out()["events"];
  EXPECT_EQ(events.front()["data"]["executor"], "multiprocess") << events.front().dump();
  EXPECT_EQ(events.back()["type"], "RUN_SUCCESS");
  EXPECT_EQ(cli({"materialize", "--executor", "threads"}), 2);
  EXPECT_EQ(cli({"materialize", "--max-concurrent", "-1"}), 2);
}

TEST_F(CliTest, ConfigFromFilesAndSetOptions) {
  const fs::path file = home_.parent_path() / ("strata-cli-config-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(file) << "assets:\n  source:\n    config:\n      rows: 5\n";
  ASSERT_EQ(cli({"materialize", "-s", "source", "--config", file.string(), "--json"}), 0) << err();
  EXPECT_EQ(json_out()["config"]["assets"]["source"]["config"]["rows"], 5);
  ASSERT_EQ(cli({"materialize", "-s", "source", "--config", file.string(), "--set", "assets.source.config.rows=2",
                 "--quiet"}),
            0);
  ASSERT_EQ(cli({"asset", "source", "--json"}), 0);
  EXPECT_EQ(json_out()["materializations"][0]["data"]["metadata"]["row_count"], 2);
  EXPECT_EQ(cli({"materialize", "-s", "source", "--set", "assets.source.config.rows=lots"}),
            static_cast<int>(ExitCode::InvalidRequest));
  EXPECT_TRUE(contains(err(), "'assets.source.config.rows'")) << err();
  EXPECT_EQ(cli({"materialize", "-s", "source", "--config", "/no/such/file.yaml"}), static_cast<int>(ExitCode::Usage));
  fs::remove(file);
}

TEST_F(CliTest, FailuresSelectionsAndUnknownNamesHaveExitCodes) {
  fail_ = true;
  EXPECT_EQ(cli({"materialize", "-s", "fragile"}), static_cast<int>(ExitCode::RunFailed));
  EXPECT_TRUE(contains(out(), "fragile broke")) << out();
  EXPECT_TRUE(contains(out(), "reexecute")) << out();
  ASSERT_EQ(cli({"runs", "--json", "--status", "failure"}), 0);
  const std::string failed_run = json_out()[0]["run_id"];
  fail_ = false;
  EXPECT_EQ(cli({"reexecute", failed_run}), 0) << out() << err();
  EXPECT_EQ(cli({"materialize", "-s", "totl"}), static_cast<int>(ExitCode::InvalidRequest));
  EXPECT_TRUE(contains(err(), "did you mean 'total'?")) << err();
  EXPECT_EQ(cli({"run", "ffffffff-no-such-run"}), static_cast<int>(ExitCode::NotFound));
  EXPECT_EQ(cli({"asset", "totl"}), static_cast<int>(ExitCode::NotFound));
  EXPECT_TRUE(contains(err(), "did you mean 'total'?")) << err();
  EXPECT_EQ(cli({"lineage", "nope"}), static_cast<int>(ExitCode::NotFound));
}

TEST_F(CliTest, CtrlCCancelsWithExitCode130) {
  EXPECT_EQ(cli({"materialize", "-s", "interrupt,source"}), static_cast<int>(ExitCode::Canceled)) << out() << err();
  EXPECT_TRUE(contains(out(), "CANCELED")) << out();
}

TEST_F(CliTest, JobsRunByName) {
  ASSERT_EQ(cli({"execute", "greet", "--json"}), 0) << err();
  EXPECT_EQ(json_out()["job"], "greet");
  ASSERT_EQ(cli({"materialize", "-s", "source", "-q"}), 0);
  ASSERT_EQ(cli({"execute", "reporting"}), 0) << out() << err();
  EXPECT_EQ(cli({"execute", "gret"}), static_cast<int>(ExitCode::InvalidRequest));
  EXPECT_TRUE(contains(err(), "did you mean 'greet'?")) << err();
}

TEST_F(CliTest, WipeDeletesHistoryAndData) {
  ASSERT_EQ(cli({"materialize", "-q"}), static_cast<int>(ExitCode::Canceled));  // "interrupt" cancels the rest
  ASSERT_EQ(cli({"materialize", "-s", "+total", "-q"}), 0);
  if (!::isatty(STDIN_FILENO)) {
    EXPECT_EQ(cli({"wipe", "total"}), static_cast<int>(ExitCode::Usage));
    EXPECT_TRUE(contains(err(), "--yes")) << err();
  }
  ASSERT_EQ(cli({"wipe", "total", "--data", "--yes", "--json"}), 0) << err();
  EXPECT_EQ(json_out()["values_deleted"], 1);
  ASSERT_EQ(cli({"asset", "total", "--json"}), 0);
  EXPECT_TRUE(json_out()["materializations"].empty());
  ASSERT_EQ(cli({"wipe", "--all", "--runs", "--yes"}), 0) << err();
  ASSERT_EQ(cli({"runs", "--json"}), 0);
  EXPECT_TRUE(json_out().empty());
  EXPECT_EQ(cli({"wipe", "--yes"}), static_cast<int>(ExitCode::InvalidRequest));
  EXPECT_EQ(cli({"wipe", "nope", "--yes"}), static_cast<int>(ExitCode::InvalidRequest));
}

TEST_F(CliTest, AFailedSchemaCheckIsShownWithItsRun) {
  defs_.asset("checked", [] { return numbers({1, -2, 3}); })
      .schema(DataFrameSchema("positive").column(ColumnSchema::integer("n").gt(0)));
  EXPECT_EQ(cli({"materialize", "-s", "checked"}), static_cast<int>(ExitCode::RunFailed));
  EXPECT_TRUE(contains(out(), "does not match schema 'positive'")) << out();
  ASSERT_EQ(cli({"runs", "--json", "--status", "failure"}), 0);
  const std::string run_id = json_out()[0]["run_id"];
  ASSERT_EQ(cli({"run", run_id}), 0) << err();
  EXPECT_TRUE(contains(out(), "ASSET_CHECK")) << out();
  EXPECT_TRUE(contains(out(), "schema check failed: asset 'checked' does not match schema 'positive'")) << out();
  ASSERT_EQ(cli({"run", run_id, "--json"}), 0);
  const Json run = json_out();
  bool found = false;
  for (const Json& event : run["events"]) {
    if (event["type"] != "ASSET_CHECK") continue;
    found = true;
    EXPECT_EQ(event["asset"], "checked");
    const Json& failure = event["data"]["metadata"]["validation"]["failures"][0];
    EXPECT_EQ(failure["constraint"], "gt(0)");
    EXPECT_EQ(failure["failing_rows"], 1);
    EXPECT_EQ(failure["cases"][0]["value"], "-2");
  }
  EXPECT_TRUE(found);
}

TEST_F(CliTest, AssetChecksShowInAssetAndChecks) {
  defs_.asset("checked", [] { return numbers({1, 2, 3}); })
      .check(AssetCheck::row_count("many_rows", 10, std::nullopt).blocking())
      .check(AssetCheck::no_nulls("no_null_n", {"n"}).severity(CheckSeverity::Warn))
      .check("never_run_yet", [](const DataFrame&) { return CheckResult::pass(); });
  defs_.asset("after_checked", {"checked"}, [](const DataFrame& checked) { return checked; });
  ASSERT_EQ(cli({"checks", "checked"}), 0) << err();
  EXPECT_TRUE(contains(out(), "NOT RUN")) << out();

  EXPECT_EQ(cli({"materialize", "-s", "checked+"}), static_cast<int>(ExitCode::RunFailed));
  EXPECT_TRUE(contains(out(), "check 'many_rows' of asset 'checked' failed")) << out();
  EXPECT_TRUE(contains(out(), "blocking check 'many_rows' of asset 'checked' failed")) << out();  // the skip
  ASSERT_EQ(cli({"asset", "checked"}), 0) << err();
  EXPECT_TRUE(contains(out(), "Checks (latest result each)")) << out();
  EXPECT_TRUE(contains(out(), "many_rows")) << out();
  EXPECT_TRUE(contains(out(), "FAILED")) << out();
  EXPECT_TRUE(contains(out(), "3 rows, expected 10..")) << out();
  ASSERT_EQ(cli({"asset", "checked", "--json"}), 0);
  EXPECT_EQ(json_out()["checks"].size(), 3u);

  ASSERT_EQ(cli({"check", "checked", "--json"}), 0) << err();
  const Json checks = json_out()["checks"];
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0]["name"], "many_rows");
  EXPECT_EQ(checks[0]["passed"], false);
  EXPECT_EQ(checks[0]["blocking"], true);
  EXPECT_EQ(checks[1]["name"], "no_null_n");
  EXPECT_EQ(checks[1]["passed"], true);
  EXPECT_EQ(checks[1]["severity"], "WARN");
  EXPECT_EQ(checks[2]["passed"], true);
  EXPECT_EQ(cli({"checks", "nope"}), static_cast<int>(ExitCode::NotFound));
}

TEST_F(CliTest, FreshnessChecksAreEvaluatedOnDemand) {
  defs_.asset("prices", [] { return numbers({1}); })
      .check(AssetCheck::freshness("hourly", std::chrono::hours(1)).severity(CheckSeverity::Error));
  EXPECT_EQ(cli({"check-freshness", "-s", "prices"}), static_cast<int>(ExitCode::RunFailed));
  EXPECT_TRUE(contains(out(), "never materialized")) << out();
  ASSERT_EQ(cli({"materialize", "-s", "prices"}), 0) << err();
  ASSERT_EQ(cli({"check-freshness", "--json"}), 0) << err() << out();
  EXPECT_EQ(json_out()["results"][0]["passed"], true);
  ASSERT_EQ(cli({"checks", "prices"}), 0);
  EXPECT_TRUE(contains(out(), "PASSED")) << out();
}

TEST_F(CliTest, PartitionsMaterializeBackfillAndShowTheirState) {
  defs_.asset("daily",
              [this](AssetContext& ctx) {
                if (fail_ && ctx.partition_key() == "2024-01-03") throw ComputeError("feed missing");
                return numbers({1});
              })
      .partitions(daily_partitions("2024-01-01", {.end = "2024-01-11"}));
  defs_.asset("customers", [] { return numbers({1}); }).partitions(dynamic_partitions("customers"));

  EXPECT_EQ(cli({"materialize", "-s", "daily"}), static_cast<int>(ExitCode::InvalidRequest));
  EXPECT_TRUE(contains(err(), "--partition")) << err();
  EXPECT_EQ(cli({"materialize", "-s", "daily", "--partition", "2024-01-32"}), static_cast<int>(ExitCode::InvalidRequest));
  EXPECT_TRUE(contains(err(), "not a partition")) << err();
  EXPECT_EQ(cli({"materialize", "-s", "daily", "--partition-range", "2024-01-02"}),
            static_cast<int>(ExitCode::InvalidRequest));
  EXPECT_TRUE(contains(err(), "FIRST...LAST")) << err();
  ASSERT_EQ(cli({"materialize", "-s", "daily", "--partition", "2024-01-01"}), 0) << err() << out();
  EXPECT_TRUE(contains(out(), "daily[2024-01-01]")) << out();

  fail_ = true;
  EXPECT_EQ(cli({"backfill", "-s", "daily", "--partition-range", "2024-01-02...2024-01-06", "--strategy", "batch=2"}),
            static_cast<int>(ExitCode::RunFailed));
  EXPECT_TRUE(contains(out(), "[3/3]")) << out();
  EXPECT_TRUE(contains(out(), "4 of 5 partitions succeeded, 1 failed")) << out();
  EXPECT_TRUE(contains(out(), "failed:  2024-01-03")) << out();
  EXPECT_TRUE(contains(out(), "backfill --retry-failed")) << out();

  ASSERT_EQ(cli({"backfills", "--json"}), 0) << err();
  const Json listed = json_out();
  ASSERT_EQ(listed.size(), 1u);
  const std::string backfill_id = listed[0]["backfill_id"];
  EXPECT_EQ(listed[0]["status"], "FAILED");
  EXPECT_EQ(listed[0]["partitions"]["2024-01-03"]["state"], "FAILED");

  ASSERT_EQ(cli({"partitions", "daily"}), 0) << err();
  EXPECT_TRUE(contains(out(), "10 partitions: 5 materialized, 1 failed, 4 missing")) << out();
  EXPECT_TRUE(contains(out(), "materialized: 2024-01-01...2024-01-02, 2024-01-04...2024-01-06")) << out();
  ASSERT_EQ(cli({"asset", "daily"}), 0) << err();
  EXPECT_TRUE(contains(out(), "missing:      2024-01-07...2024-01-10")) << out();
  EXPECT_TRUE(contains(out(), "PARTITION")) << out();

  fail_ = false;
  ASSERT_EQ(cli({"backfill", "--retry-failed", backfill_id}), 0) << err() << out();
  EXPECT_TRUE(contains(out(), "1 of 1 partitions succeeded")) << out();
  ASSERT_EQ(cli({"partitions", "daily", "--json"}), 0);
  EXPECT_EQ(json_out()["failed"], 0);
  EXPECT_EQ(json_out()["materialized"], 6);

  ASSERT_EQ(cli({"add-partitions", "customers", "acme", "globex"}), 0) << err();
  ASSERT_EQ(cli({"backfill", "-s", "customers", "--all-partitions", "--strategy", "single-run", "-q"}), 0) << err();
  EXPECT_TRUE(contains(out(), "2 of 2 partitions succeeded")) << out();
  EXPECT_EQ(cli({"add-partitions", "customers", "a|b"}), static_cast<int>(ExitCode::InvalidRequest));
  ASSERT_EQ(cli({"delete-partitions", "customers", "globex"}), 0) << err();
  ASSERT_EQ(cli({"partitions", "customers", "--json"}), 0);
  EXPECT_EQ(json_out()["total"], 1);
}

}  // namespace
}  // namespace strata
