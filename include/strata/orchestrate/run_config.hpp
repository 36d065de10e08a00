#pragma once
// Run configuration: where it comes from and how the sources combine.
//
// A run's config is one JSON object laid out like this (YAML shown):
//
//   resources:
//     warehouse: {config: {url: "sqlite://x.db"}}
//   assets:
//     events: {config: {rows: 1000}}          # keyed by asset key, "raw/events"
//   ops:
//     extract: {config: {limit: 10}}          # keyed by op node name
//
// Sources, later ones winning field by field: a YAML file (`--config`,
// repeatable), then `--set path=value` assignments. Fields not given at all
// fall back to their environment variable (ConfigField::env_var), then to
// their default. Anywhere in a file, `{env: NAME}` stands for the value of
// environment variable NAME (text parsed as a YAML scalar).
#include <string>
#include <string_view>

#include "strata/orchestrate/value.hpp"

namespace strata {

/// A YAML scalar as JSON: true/false -> bool, integers -> int, decimals and
/// exponents -> float, null/~ -> null, anything else -> string.
Json parse_yaml_scalar(std::string_view text);

/// A whole YAML document as JSON. Quoted scalars stay strings. Throws
/// ConfigError naming `source` and the line and column of a syntax error.
Json parse_yaml_document(std::string_view text, const std::string& source);

/// Reads and parses a YAML file; throws IOError when unreadable and
/// ConfigError for syntax errors or a top level that is not a mapping.
Json load_yaml_config_file(const std::string& path);

/// Applies "a.b.c=value" to `config`, creating objects along the path; the
/// value is parsed as a YAML scalar. Throws ConfigError for a missing '=',
/// an empty path component, or a path through a non-object value.
void apply_config_assignment(Json& config, std::string_view assignment);

/// Deep merge: objects merge key by key, anything else in `overlay` replaces.
Json merge_config(Json base, const Json& overlay);

/// Replaces every `{env: NAME}` object by the variable's value. Throws
/// ConfigError naming the config path and the variable when it is unset.
Json resolve_env_references(const Json& config, const std::string& path = "");

}  // namespace strata
