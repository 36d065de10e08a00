#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "orchestrate/orchestrate_test_support.hpp"
#include "strata/orchestrate/config_schema.hpp"
#include "strata/orchestrate/run_config.hpp"

namespace strata {
namespace {

ConfigSchema database_schema() {
  return ConfigSchema({
      ConfigField::string("url").describe("database URL"),
      ConfigField::integer("port").default_to(5432),
      ConfigField::floating("timeout").default_to(1.5),
      ConfigField::boolean("verbose").make_optional(),
      ConfigField::string("mode").default_to("read").allow({"read", "write"}),
      ConfigField::list("tables", ConfigType::String).default_to(Json::array()),
      ConfigField::object("pool", ConfigSchema({ConfigField::integer("size").default_to(4)})).default_to(Json::object()),
  });
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(ConfigSchemaTest, FillsDefaultsAndKeepsGivenValues) {
  Json value = database_schema().validate({{"url", "sqlite://x"}, {"port", 6000}, {"pool", {{"size", 8}}}}, "resources.db.config");
  EXPECT_EQ(value["url"], "sqlite://x");
  EXPECT_EQ(value["port"], 6000);
  EXPECT_EQ(value["timeout"], 1.5);
  EXPECT_EQ(value["mode"], "read");
  EXPECT_EQ(value["pool"]["size"], 8);
  EXPECT_FALSE(value.contains("verbose"));
  // Nested defaults apply even when the object is absent.
  Json defaults = database_schema().validate({{"url", "u"}}, "");
  EXPECT_EQ(defaults["pool"]["size"], 4);
  // An integral float is accepted as an int and normalized.
  EXPECT_EQ(database_schema().validate({{"url", "u"}, {"port", 7.0}}, "")["port"].get<int64_t>(), 7);
}

TEST(ConfigSchemaTest, ErrorsNameTheFieldPath) {
  const ConfigSchema schema = database_schema();
  std::string missing = error_of([&] { schema.validate(Json::object(), "resources.db.config"); });
  EXPECT_NE(missing.find("'resources.db.config.url' is required"), std::string::npos) << missing;
  EXPECT_NE(missing.find("database URL"), std::string::npos) << missing;

  std::string wrong_type = error_of([&] { schema.validate({{"url", "u"}, {"port", "abc"}}, "resources.db.config"); });
  EXPECT_NE(wrong_type.find("'resources.db.config.port': expected int, got a string \"abc\""), std::string::npos)
      << wrong_type;

  std::string unknown = error_of([&] { schema.validate({{"url", "u"}, {"prot", 1}}, "resources.db.config"); });
  EXPECT_NE(unknown.find("'resources.db.config.prot' is not declared; did you mean 'port'?"), std::string::npos)
      << unknown;

  std::string nested = error_of([&] { schema.validate({{"url", "u"}, {"pool", {{"size", true}}}}, "r"); });
  EXPECT_NE(nested.find("'r.pool.size': expected int, got a bool"), std::string::npos) << nested;

  std::string element = error_of([&] { schema.validate({{"url", "u"}, {"tables", {"a", 3}}}, "r"); });
  EXPECT_NE(element.find("'r.tables[1]': expected string"), std::string::npos) << element;

  std::string choice = error_of([&] { schema.validate({{"url", "u"}, {"mode", "delete"}}, "r"); });
  EXPECT_NE(choice.find("'r.mode': \"delete\" is not one of the allowed values"), std::string::npos) << choice;

  std::string not_object = error_of([&] { schema.validate(Json(5), "r"); });
  EXPECT_NE(not_object.find("expected an object"), std::string::npos) << not_object;

  std::string fractional = error_of([&] { schema.validate({{"url", "u"}, {"port", 1.5}}, "r"); });
  EXPECT_NE(fractional.find("expected int"), std::string::npos) << fractional;
}

TEST(ConfigSchemaTest, RejectsBadSchemas) {
  EXPECT_THROW(ConfigSchema({ConfigField::string("a"), ConfigField::integer("a")}), ConfigError);
  EXPECT_THROW(ConfigSchema({ConfigField::integer("a").default_to("x")}), ConfigError);
  EXPECT_THROW(ConfigSchema({ConfigField::string("")}), ConfigError);
}

TEST(ConfigSchemaTest, EmptySchemaAcceptsNothingButNull) {
  ConfigSchema empty;
  EXPECT_EQ(empty.validate(Json(), "x"), Json::object());
  std::string message = error_of([&] { empty.validate({{"a", 1}}, "assets.x.config"); });
  EXPECT_NE(message.find("takes no fields"), std::string::npos) << message;
}

TEST(ConfigSchemaTest, EnvironmentVariablesFillMissingFieldsByType) {
  ConfigSchema schema({ConfigField::string("url").env("STRATA_TEST_URL"),
                       ConfigField::integer("port").env("STRATA_TEST_PORT").default_to(1),
                       ConfigField::boolean("debug").env("STRATA_TEST_DEBUG").default_to(false)});
  ::setenv("STRATA_TEST_URL", "007", 1);  // a string field keeps the text as is
  ::setenv("STRATA_TEST_PORT", "6543", 1);
  ::setenv("STRATA_TEST_DEBUG", "yes", 1);
  Json value = schema.validate(Json::object(), "c");
  EXPECT_EQ(value["url"], "007");
  EXPECT_EQ(value["port"], 6543);
  EXPECT_EQ(value["debug"], true);
  // Given values win over the environment.
  EXPECT_EQ(schema.validate({{"port", 2}}, "c")["port"], 2);
  ::setenv("STRATA_TEST_PORT", "many", 1);
  std::string message = error_of([&] { schema.validate(Json::object(), "c"); });
  EXPECT_NE(message.find("STRATA_TEST_PORT=\"many\" is not an int"), std::string::npos) << message;
  ::unsetenv("STRATA_TEST_URL");
  ::unsetenv("STRATA_TEST_PORT");
  ::unsetenv("STRATA_TEST_DEBUG");
  std::string missing = error_of([&] { schema.validate(Json::object(), "c"); });
  EXPECT_NE(missing.find("or set the environment variable STRATA_TEST_URL"), std::string::npos) << missing;
}

TEST(RunConfigTest, YamlScalarsBecomeTypedJson) {
  EXPECT_EQ(parse_yaml_scalar("42"), Json(42));
  EXPECT_EQ(parse_yaml_scalar("-7"), Json(-7));
  EXPECT_EQ(parse_yaml_scalar("2.5"), Json(2.5));
  EXPECT_EQ(parse_yaml_scalar("1e3"), Json(1000.0));
  EXPECT_EQ(parse_yaml_scalar("true"), Json(true));
  EXPECT_EQ(parse_yaml_scalar("False"), Json(false));
  EXPECT_TRUE(parse_yaml_scalar("~").is_null());
  EXPECT_EQ(parse_yaml_scalar("hello"), Json("hello"));
  EXPECT_EQ(parse_yaml_scalar("1.2.3"), Json("1.2.3"));
  EXPECT_EQ(parse_yaml_scalar("12345678901234567890"), Json("12345678901234567890"));  // beyond int64 stays text
}

TEST(RunConfigTest, LoadsYamlFilesKeepingQuotedStrings) {
  testing::TemporaryFolder folder;
  const auto file = folder.path() / "run.yaml";
  std::ofstream(file) << "resources:\n  db:\n    config:\n      port: 5433\n      url: \"5433\"\n"
                         "assets:\n  events:\n    config:\n      rows: 10\n      names: [a, b]\n      note: café\n";
  Json config = load_yaml_config_file(file.string());
  EXPECT_EQ(config["resources"]["db"]["config"]["port"], 5433);
  EXPECT_EQ(config["resources"]["db"]["config"]["url"], "5433");
  EXPECT_EQ(config["assets"]["events"]["config"]["names"], (Json{"a", "b"}));
  EXPECT_EQ(config["assets"]["events"]["config"]["note"], "café");
}

TEST(RunConfigTest, YamlErrorsNameFileAndLine) {
  testing::TemporaryFolder folder;
  const auto file = folder.path() / "bad.yaml";
  std::ofstream(file) << "assets:\n  events: [unclosed\n";
  try {
    load_yaml_config_file(file.string());
    FAIL();
  } catch (const ConfigError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("bad.yaml"), std::string::npos) << message;
    EXPECT_NE(message.find("line"), std::string::npos) << message;
  }
  std::ofstream(folder.path() / "list.yaml") << "- a\n- b\n";
  EXPECT_THROW(load_yaml_config_file((folder.path() / "list.yaml").string()), ConfigError);
  EXPECT_THROW(load_yaml_config_file((folder.path() / "missing.yaml").string()), IOError);
  std::ofstream(folder.path() / "empty.yaml") << "";
  EXPECT_EQ(load_yaml_config_file((folder.path() / "empty.yaml").string()), Json::object());
}

TEST(RunConfigTest, AssignmentsAndMergesLayerSources) {
  Json config = {{"assets", {{"events", {{"config", {{"rows", 10}, {"seed", 1}}}}}}}};
  apply_config_assignment(config, "assets.events.config.rows=25");
  apply_config_assignment(config, "resources.db.config.url=sqlite://a.db");
  EXPECT_EQ(config["assets"]["events"]["config"]["rows"], 25);
  EXPECT_EQ(config["assets"]["events"]["config"]["seed"], 1);
  EXPECT_EQ(config["resources"]["db"]["config"]["url"], "sqlite://a.db");
  EXPECT_THROW(apply_config_assignment(config, "no_equals"), ConfigError);
  EXPECT_THROW(apply_config_assignment(config, "a..b=1"), ConfigError);
  EXPECT_THROW(apply_config_assignment(config, "assets.events.config.rows.deep=1"), ConfigError);

  Json merged = merge_config({{"a", {{"x", 1}, {"y", 2}}}}, {{"a", {{"y", 3}}}, {"b", 4}});
  EXPECT_EQ(merged, (Json{{"a", {{"x", 1}, {"y", 3}}}, {"b", 4}}));
}

TEST(RunConfigTest, EnvReferencesResolveOrNameTheVariable) {
  ::setenv("STRATA_TEST_ROWS", "12", 1);
  Json resolved = resolve_env_references({{"assets", {{"e", {{"config", {{"rows", {{"env", "STRATA_TEST_ROWS"}}}}}}}}}});
  EXPECT_EQ(resolved["assets"]["e"]["config"]["rows"], 12);
  ::unsetenv("STRATA_TEST_ROWS");
  try {
    resolve_env_references({{"resources", {{"db", {{"config", {{"url", {{"env", "STRATA_TEST_UNSET_VAR"}}}}}}}}}});
    FAIL();
  } catch (const ConfigError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("'resources.db.config.url'"), std::string::npos) << message;
    EXPECT_NE(message.find("STRATA_TEST_UNSET_VAR"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace strata
