#include "strata/orchestrate/instance.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "strata/orchestrate/config_schema.hpp"
#include "strata/orchestrate/csv_io_manager.hpp"
#include "strata/orchestrate/memory_io_manager.hpp"
#include "strata/orchestrate/memory_run_storage.hpp"
#include "strata/orchestrate/parquet_io_manager.hpp"
#include "strata/orchestrate/postgres_run_storage.hpp"
#include "strata/orchestrate/run_config.hpp"
#include "strata/orchestrate/run_ownership.hpp"
#include "strata/orchestrate/sqlite_run_storage.hpp"

namespace fs = std::filesystem;

namespace strata {

namespace {

const ConfigSchema& settings_schema() {
  static const ConfigSchema schema({
      ConfigField::string("storage").default_to("sqlite").describe(
          "run storage: sqlite, memory, or a postgresql:// URL"),
      ConfigField::string("default_io_manager").default_to("").describe("what the 'default' IO manager is"),
      ConfigField::object("retention",
                          ConfigSchema({
                              ConfigField::integer("max_age_days").default_to(0),
                              ConfigField::integer("keep_runs").default_to(0),
                          }))
          .default_to(Json::object()),
  });
  return schema;
}

fs::path fresh_temporary_folder() {
  static std::atomic<int64_t> counter{0};
  fs::path folder = fs::temp_directory_path() /
                    ("strata-ephemeral-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)));
  fs::create_directories(folder);
  return folder;
}

}  // namespace

std::string builtin_default_io_manager() { return "parquet"; }

InstanceSettings load_instance_settings(const fs::path& file) {
  InstanceSettings settings;
  if (!fs::exists(file)) return settings;
  Json validated = settings_schema().validate(load_yaml_config_file(file.string()), "");
  settings.storage = validated["storage"].get<std::string>();
  if (settings.storage != "sqlite" && settings.storage != "memory" && !is_postgres_url(settings.storage))
    throw ConfigError("settings file '" + file.string() + "': storage must be sqlite, memory or a postgresql:// URL, "
                      "not '" + settings.storage + "'");
  settings.default_io_manager = validated["default_io_manager"].get<std::string>();
  settings.retention.max_age_days = validated["retention"]["max_age_days"].get<int64_t>();
  settings.retention.keep_runs = validated["retention"]["keep_runs"].get<int64_t>();
  if (settings.retention.max_age_days < 0 || settings.retention.keep_runs < 0)
    throw ConfigError("settings file '" + file.string() + "': retention values must be 0 (no limit) or positive");
  return settings;
}

fs::path default_home() {
  const char* home = std::getenv("STRATA_HOME");
  if (home && *home) return fs::path(home);
  return fs::current_path() / ".strata";
}

std::unique_ptr<Instance> Instance::open(const fs::path& home) {
  std::error_code error;
  fs::create_directories(home, error);
  if (error)
    throw IOError("cannot create the Strata home folder '" + home.string() + "': " + error.message() +
                  "; set STRATA_HOME to a writable folder");
  InstanceSettings settings = load_instance_settings(home / "strata.yaml");
  if (const char* url = std::getenv("STRATA_STORAGE_URL"); url && *url) {
    if (!is_postgres_url(url) && std::string(url) != "sqlite" && std::string(url) != "memory")
      throw ConfigError("STRATA_STORAGE_URL must be sqlite, memory or a postgresql:// URL");
    settings.storage = url;
  }
  std::shared_ptr<RunStorage> storage;
  if (settings.storage == "memory") {
    storage = std::make_shared<MemoryRunStorage>();
  } else if (is_postgres_url(settings.storage)) {
    storage = std::make_shared<PostgresRunStorage>(settings.storage);
  } else {
    storage = std::make_shared<SqliteRunStorage>((home / "runs.db").string());
  }
  // Runs left STARTED by a process that died (SIGKILL, out of memory) end here.
  fail_abandoned_runs(*storage);
  return std::make_unique<Instance>(std::move(storage), home, std::move(settings));
}

std::unique_ptr<Instance> Instance::ephemeral(fs::path storage_root) {
  InstanceSettings settings;
  settings.storage = "memory";
  settings.default_io_manager = "memory";
  fs::path home = storage_root.empty() ? fresh_temporary_folder() : std::move(storage_root);
  return std::make_unique<Instance>(std::make_shared<MemoryRunStorage>(), std::move(home), std::move(settings));
}

Instance::Instance(std::shared_ptr<RunStorage> storage, fs::path home, InstanceSettings settings)
    : storage_(std::move(storage)), home_(std::move(home)), settings_(std::move(settings)) {}

std::string Instance::default_io_manager_name() const {
  return settings_.default_io_manager.empty() ? builtin_default_io_manager() : settings_.default_io_manager;
}

std::shared_ptr<IOManager> Instance::io_manager(const std::string& requested, const Definitions& definitions) {
  const std::string name = requested == "default" ? default_io_manager_name() : requested;
  std::lock_guard lock(mutex_);
  auto it = io_managers_.find(name);
  if (it != io_managers_.end()) return it->second;
  std::shared_ptr<IOManager> manager;
  if (const IOManagerFactory* factory = definitions.find_io_manager(name)) {
    manager = (*factory)(storage_root());
  } else if (name == "csv") {
    manager = std::make_shared<CsvIOManager>(storage_root());
  } else if (name == "parquet") {
    manager = std::make_shared<ParquetIOManager>(storage_root());
  } else if (name == "memory") {
    manager = std::make_shared<MemoryIOManager>();
  } else {
    std::vector<std::string> known = definitions.io_manager_names();
    std::string hint = closest_name(name, known);
    throw InvalidInputError("unknown IO manager '" + name + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  }
  if (!manager) throw InvalidInputError("the factory of IO manager '" + name + "' returned nothing");
  io_managers_[name] = manager;
  return manager;
}

}  // namespace strata
