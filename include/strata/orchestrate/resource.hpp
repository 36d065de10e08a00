#pragma once
// Resources: named, configurable objects (a database client, an API
// session, a warehouse connection) set up once per run for the steps that
// declare them and torn down when the run ends, whatever happened.
//
//   defs.resource("warehouse", [](ResourceContext& ctx) {
//         return std::make_shared<Warehouse>(ctx.config()["url"].get<std::string>());
//       })
//       .config_schema(ConfigSchema({ConfigField::string("url").env("WAREHOUSE_URL")}))
//       .teardown([](Warehouse& w) { w.close(); });
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <typeindex>

#include "strata/orchestrate/config_schema.hpp"
#include "strata/orchestrate/events.hpp"
#include "strata/orchestrate/internal/callable_traits.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata {

/// What a resource's setup function receives.
class ResourceContext {
 public:
  using LogFunction = std::function<void(LogLevel, const std::string&)>;
  ResourceContext(std::string name, std::string run_id, Json config, LogFunction log)
      : name_(std::move(name)), run_id_(std::move(run_id)), config_(std::move(config)), log_(std::move(log)) {}
  const std::string& name() const { return name_; }
  const std::string& run_id() const { return run_id_; }
  /// Validated against the resource's schema, defaults filled in.
  const Json& config() const { return config_; }
  void log(LogLevel level, const std::string& message) const {
    if (log_) log_(level, message);
  }

 private:
  std::string name_;
  std::string run_id_;
  Json config_;
  LogFunction log_;
};

class ResourceDefinition {
 public:
  using Setup = std::function<std::shared_ptr<void>(ResourceContext&)>;
  using Teardown = std::function<void(void*)>;

  ResourceDefinition(std::string name, std::type_index type, std::string type_name, Setup setup)
      : name_(std::move(name)), type_(type), type_name_(std::move(type_name)), setup_(std::move(setup)) {}

  ResourceDefinition& description(std::string text) {
    description_ = std::move(text);
    return *this;
  }
  ResourceDefinition& config_schema(ConfigSchema schema) {
    config_schema_ = std::move(schema);
    return *this;
  }
  /// Called with the resource when the run ends (also after failures and
  /// cancellation), in reverse order of setup. Errors are logged, not fatal.
  template <class F>
  ResourceDefinition& teardown(F function) {
    using Traits = internal::traits_of<F>;
    static_assert(Traits::arity == 1, "a teardown function takes the resource: [](Warehouse& w) { ... }");
    using T = std::remove_cvref_t<std::tuple_element_t<0, typename Traits::arguments>>;
    teardown_ = [function](void* object) mutable { function(*static_cast<T*>(object)); };
    return *this;
  }

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  const ConfigSchema& config_schema() const { return config_schema_; }
  std::type_index type() const { return type_; }
  /// The C++ type's readable name, for messages.
  const std::string& type_name() const { return type_name_; }
  const Setup& setup() const { return setup_; }
  const Teardown& teardown_function() const { return teardown_; }

 private:
  std::string name_;
  std::type_index type_;
  std::string type_name_;
  Setup setup_;
  Teardown teardown_;
  std::string description_;
  ConfigSchema config_schema_;
};

/// A readable name for a C++ type (demangled where possible).
std::string readable_type_name(const std::type_info& type);

/// Builds a definition from a setup function returning std::shared_ptr<T>
/// or a T by value.
template <class F>
ResourceDefinition make_resource_definition(std::string name, F setup) {
  using Result = std::invoke_result_t<F&, ResourceContext&>;
  if constexpr (requires { typename Result::element_type; }) {
    using T = typename Result::element_type;
    return ResourceDefinition(std::move(name), typeid(T), readable_type_name(typeid(T)),
                              [setup](ResourceContext& ctx) mutable -> std::shared_ptr<void> { return setup(ctx); });
  } else {
    using T = std::remove_cvref_t<Result>;
    return ResourceDefinition(std::move(name), typeid(T), readable_type_name(typeid(T)),
                              [setup](ResourceContext& ctx) mutable -> std::shared_ptr<void> {
                                return std::make_shared<T>(setup(ctx));
                              });
  }
}

}  // namespace strata
