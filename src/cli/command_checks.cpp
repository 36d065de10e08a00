#include "cli/check_results.hpp"
#include "cli/commands.hpp"
#include "cli/text_format.hpp"

namespace strata::cli {

int run_checks(CliContext& context, const ChecksOptions& options) {
  AssetGraph graph = context.definitions.asset_graph();
  const AssetKey key(options.key);
  std::vector<CheckStatus> checks = latest_checks(context.open_instance().storage(), graph, key);
  if (!graph.contains(key) && checks.empty()) {
    std::string hint = closest_name(key.to_string(), graph.key_names());
    throw NotFoundError("unknown asset '" + key.to_string() + "'" +
                        (hint.empty() ? "; `list` shows the asset keys" : "; did you mean '" + hint + "'?"));
  }
  if (options.json) {
    context.out << Json({{"key", key.to_string()}, {"checks", checks_to_json(checks)}}).dump(2) << "\n";
    return 0;
  }
  if (checks.empty()) {
    context.out << "Asset " << key.to_string() << " has no checks. Attach one with .check(...) in its definition.\n";
    return 0;
  }
  context.out << "Checks of asset " << key.to_string() << " (latest result each)\n";
  print_checks(context.out, checks);
  return 0;
}

}  // namespace strata::cli
