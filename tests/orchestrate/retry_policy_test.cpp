#include <gtest/gtest.h>

#include "strata/orchestrate/retry_policy.hpp"

namespace strata {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicyTest, BackoffKinds) {
  std::mt19937_64 rng(1);
  RetryPolicy constant = RetryPolicy::times(5).wait(milliseconds(100));
  EXPECT_EQ(constant.delay_before(1, rng), milliseconds(100));
  EXPECT_EQ(constant.delay_before(4, rng), milliseconds(100));
  RetryPolicy linear = RetryPolicy::times(5).wait(milliseconds(100)).linear();
  EXPECT_EQ(linear.delay_before(1, rng), milliseconds(100));
  EXPECT_EQ(linear.delay_before(3, rng), milliseconds(300));
  RetryPolicy exponential = RetryPolicy::times(5).wait(milliseconds(100)).exponential();
  EXPECT_EQ(exponential.delay_before(1, rng), milliseconds(100));
  EXPECT_EQ(exponential.delay_before(2, rng), milliseconds(200));
  EXPECT_EQ(exponential.delay_before(4, rng), milliseconds(800));
}

TEST(RetryPolicyTest, CapAndHugeRetryNumbersDoNotOverflow) {
  std::mt19937_64 rng(1);
  RetryPolicy policy = RetryPolicy::times(1000).wait(milliseconds(1000)).exponential().cap(milliseconds(5000));
  EXPECT_EQ(policy.delay_before(3, rng), milliseconds(4000));
  EXPECT_EQ(policy.delay_before(4, rng), milliseconds(5000));
  EXPECT_EQ(policy.delay_before(1000, rng), milliseconds(5000));
  EXPECT_EQ(policy.delay_before(0, rng), milliseconds(1000));  // treated as the first retry
  RetryPolicy none;
  EXPECT_EQ(none.delay_before(1, rng), milliseconds(0));
}

TEST(RetryPolicyTest, JitterStaysInRange) {
  std::mt19937_64 rng(42);
  RetryPolicy full = RetryPolicy::times(3).wait(milliseconds(1000)).jitter_by(Jitter::Full);
  RetryPolicy plus_minus = RetryPolicy::times(3).wait(milliseconds(1000)).jitter_by(Jitter::PlusMinus);
  bool varied = false;
  milliseconds first = full.delay_before(1, rng);
  for (int i = 0; i < 200; ++i) {
    milliseconds a = full.delay_before(1, rng);
    EXPECT_GE(a.count(), 0);
    EXPECT_LE(a.count(), 1000);
    if (a != first) varied = true;
    milliseconds b = plus_minus.delay_before(2, rng);
    EXPECT_GE(b.count(), 0);
    EXPECT_LE(b.count(), 2000);
  }
  EXPECT_TRUE(varied);
}

}  // namespace
}  // namespace strata
