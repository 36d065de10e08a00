// Strata side of the TPC-H benchmark (see bench/README.md, "TPC-H"):
//
//   tpch_bench DATA_DIR THREADS REPEAT [q1,q2,...] [--answers DIR] [--profile]
//
// DATA_DIR holds the tables written by generate_tpch (one folder of Parquet
// files per table, and a `scale_factor` file). Every query runs REPEAT times
// from the files (nothing is cached between runs); for each it prints one
// JSON line
//   {"engine":"strata","version","query","threads","first_s","best_s","rows","peak_rss_mb"}
// and, with --answers, writes the last run's result to DIR/<query>.csv.
// With --profile, one more run per query prints its plans (explain()) and
// its rows and time per operator to stderr.
// A failing query prints {"engine":"strata","query":...,"error":"..."} and
// the program goes on with the next one; it exits 1 if any failed.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "strata/core/thread_pool.hpp"
#include "strata/io/csv.hpp"
#include "tpch/strata_queries.hpp"

#ifndef STRATA_VERSION_STRING
#define STRATA_VERSION_STRING "unknown"
#endif

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

/// A JSON string literal (error messages may hold quotes and newlines).
std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

[[noreturn]] void usage(const std::string& message) {
  std::fprintf(
      stderr,
      "tpch_bench: %s\nusage: tpch_bench DATA_DIR THREADS REPEAT [q1,q2,...] [--answers DIR] [--profile]\n",
      message.c_str());
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  std::string answers_dir;
  bool profile = false;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--profile") {
      profile = true;
    } else if (argument == "--answers") {
      if (i + 1 >= argc) usage("missing folder after --answers");
      answers_dir = argv[++i];
    } else {
      positional.push_back(argument);
    }
  }
  if (positional.size() < 3 || positional.size() > 4) usage("wrong number of arguments");
  tpch::QueryInput input;
  input.data_dir = positional[0];
  const int threads = std::atoi(positional[1].c_str());
  const int repeat = std::atoi(positional[2].c_str());
  if (threads < 1 || repeat < 1) usage("THREADS and REPEAT must be positive");
  {
    std::ifstream file(input.data_dir + "/scale_factor");
    if (!(file >> input.scale_factor))
      usage("no scale_factor file in " + input.data_dir + " (run generate_tpch)");
  }
  const auto& queries = tpch::strata_queries();
  std::vector<std::string> names;
  if (positional.size() == 4) {
    names = split(positional[3], ',');
  } else {
    for (int q = 1; q <= 22; ++q) names.push_back("q" + std::to_string(q));
  }
  for (const auto& name : names) {
    if (!queries.count(name)) usage("unknown query " + name);
  }
  if (!answers_dir.empty()) std::filesystem::create_directories(answers_dir);

  strata::ThreadPool::set_global_threads(threads);
  bool failed = false;
  for (const auto& name : names) {
    try {
      double first_s = 0, best_s = 1e300;
      strata::DataFrame result;
      for (int run = 0; run < repeat; ++run) {
        result = strata::DataFrame();  // the previous answer is freed before the next run
        const auto start = std::chrono::steady_clock::now();
        result = queries.at(name)(input).collect();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (run == 0) first_s = seconds;
        best_s = std::min(best_s, seconds);
      }
      if (profile) {
        const strata::LazyFrame query = queries.at(name)(input);
        std::fprintf(stderr, "==== %s\n%s\n%s\n", name.c_str(), query.explain().c_str(),
                     query.profile().second.to_string().c_str());
      }
      if (!answers_dir.empty()) strata::write_csv(result, answers_dir + "/" + name + ".csv");
      std::printf(
          "{\"engine\":\"strata\",\"version\":\"%s\",\"query\":\"%s\",\"threads\":%d,\"first_s\":%.6f,"
          "\"best_s\":%.6f,\"rows\":%lld,\"peak_rss_mb\":%.1f}\n",
          STRATA_VERSION_STRING, name.c_str(), threads, first_s, best_s,
          static_cast<long long>(result.height()), peak_rss_mb());
    } catch (const std::exception& error) {
      failed = true;
      std::printf("{\"engine\":\"strata\",\"query\":\"%s\",\"error\":%s}\n", name.c_str(),
                  json_string(error.what()).c_str());
    }
    std::fflush(stdout);
  }
  return failed ? 1 : 0;
}
