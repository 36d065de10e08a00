#pragma once
// The live resources of one run: set up before the first step, torn down
// after the last, in reverse order.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "strata/orchestrate/definitions.hpp"

namespace strata::internal {

class ResourceSet {
 public:
  ResourceSet() = default;
  ~ResourceSet();  // tears down anything still alive (errors ignored)
  ResourceSet(const ResourceSet&) = delete;
  ResourceSet& operator=(const ResourceSet&) = delete;

  /// Sets up `names` in order with their validated configs. When a setup
  /// fails, tears down those already set up and throws ComputeError naming
  /// the resource and the cause.
  void setup(const Definitions& definitions, const std::vector<std::string>& names,
             const std::map<std::string, Json>& configs, const std::string& run_id,
             const std::function<void(LogLevel, const std::string&)>& log);
  /// The resource object, or nullptr when `name` is not set up. Throws
  /// TypeError when it is not of `type`.
  void* get(const std::string& name, const std::type_info& type) const;
  /// Tears everything down in reverse order of setup; returns one message
  /// per teardown that threw. Never throws.
  std::vector<std::string> teardown() noexcept;

 private:
  struct Live {
    const ResourceDefinition* definition;
    std::shared_ptr<void> object;
  };
  std::vector<Live> live_;
};

}  // namespace strata::internal
