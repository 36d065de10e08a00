#pragma once
// Everything a Strata user needs, in one include.
#include "strata/core/error.hpp"
#include "strata/core/scalar.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/core/types.hpp"
#include "strata/expr/expr.hpp"
#include "strata/frame/dataframe.hpp"
#include "strata/frame/series.hpp"
#include "strata/io/csv.hpp"
#include "strata/validate/validate.hpp"
#include "strata/orchestrate/orchestrate.hpp"
#include "strata/cli/run_cli.hpp"
