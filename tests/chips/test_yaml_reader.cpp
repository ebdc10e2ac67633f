#include <gtest/gtest.h>

#include "xipsim/core/yaml_reader.h"

using namespace xipsim;

TEST(ParseUnsigned, HexDecimalAndSeparators) {
  EXPECT_EQ(parse_unsigned("0x6000_0000"), 0x60000000u);
  EXPECT_EQ(parse_unsigned("1768"), 1768u);
  EXPECT_FALSE(parse_unsigned("0x").has_value());
  EXPECT_FALSE(parse_unsigned("12a").has_value());
  EXPECT_FALSE(parse_unsigned("0x1_0000_0000_0000_0000").has_value());  // overflow
}

TEST(ClosestMatch, SuggestsNearKey) {
  EXPECT_EQ(closest_match("fcb_ofset", {"fcb_offset", "ivt_offset"}), "fcb_offset");
  EXPECT_EQ(closest_match("zzzzzz", {"fcb_offset", "ivt_offset"}), "");
}

TEST(YamlMap, ErrorsNameFileLineAndField) {
  const YamlMap m(YAML::Load("a: 1\nb: nope\n"), "x.yaml", "top");
  try {
    m.u64("b");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(
        e.what(),
        "x.yaml:2:4: field 'top.b': expected an unsigned number (decimal or 0x hex), got 'nope'");
  }
  const YamlMap k(YAML::Load("a: 1\nbx: 2\n"), "x.yaml", "top");
  try {
    k.allow_only({"a", "bb"});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "x.yaml:2:1: unknown key 'top.bx' (did you mean 'bb'?)");
  }
}
