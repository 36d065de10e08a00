#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "strata/orchestrate/asset_graph.hpp"

namespace strata::cli {

namespace {

/// Asks on the terminal; without one, refuses (the caller must pass --yes).
void confirm(CliContext& context, const std::string& what) {
  if (!::isatty(STDIN_FILENO))
    throw ConfirmationRequired("refusing to " + what + " without confirmation; pass --yes");
  context.err << "This will " << what << ". Continue? [y/N] ";
  context.err.flush();
  std::string answer;
  std::getline(std::cin, answer);
  if (answer != "y" && answer != "Y" && answer != "yes") throw ConfirmationRequired("cancelled; nothing was deleted");
}

}  // namespace

int run_wipe(CliContext& context, const WipeOptions& options) {
  if (options.keys.empty() && !options.all)
    throw InvalidInputError("name the assets to wipe, or pass --all (see `wipe --help`)");
  if (!options.keys.empty() && options.all)
    throw InvalidInputError("give either asset keys or --all, not both");
  if (options.runs && !options.all)
    throw InvalidInputError("--runs deletes every run; combine it with --all");

  AssetGraph graph = context.definitions.asset_graph();
  std::vector<AssetKey> keys;
  if (options.all) {
    for (const AssetKey& key : graph.topological_order()) keys.push_back(key);
  } else {
    for (const std::string& text : options.keys) {
      AssetKey key(text);
      if (!graph.contains(key)) graph.throw_unknown(text, "the wipe command");
      keys.push_back(key);
    }
  }
  Instance& instance = context.open_instance();
  std::string what = options.runs ? "delete every run and event" : "delete the materialization history of " +
                                                                          std::to_string(keys.size()) + " asset(s)";
  if (options.data) what += " and their stored values";
  if (!options.yes) confirm(context, what + " in " + instance.home().string());

  int64_t events_deleted = 0;
  if (options.runs) {
    instance.storage().wipe_all();
  } else {
    std::vector<std::string> names = to_strings(keys);
    events_deleted = instance.storage().wipe_assets(names);
  }
  int64_t values_deleted = 0;
  if (options.data) {
    for (const AssetKey& key : keys) {
      const AssetNode& node = graph.node(key);
      if (node.is_external()) continue;  // made elsewhere: never ours to delete
      if (instance.io_manager(node.definition->io_manager_of(*node.spec), context.definitions)->remove(key))
        ++values_deleted;
    }
  }
  if (options.json) {
    context.out << Json{{"assets", to_strings(keys)},
                        {"runs_deleted", options.runs},
                        {"events_deleted", events_deleted},
                        {"values_deleted", values_deleted}}
                       .dump(2)
                << "\n";
    return 0;
  }
  if (options.runs) {
    context.out << "Deleted every run and event.\n";
  } else {
    context.out << "Deleted " << events_deleted << " materialization/observation event(s) of " << keys.size()
                << " asset(s).\n";
  }
  if (options.data) context.out << "Deleted " << values_deleted << " stored value(s).\n";
  return 0;
}

}  // namespace strata::cli
