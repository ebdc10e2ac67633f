// SymbolTable: addresses named by the symbol that holds them. Expected names worked out by hand
// from the table built here: `reset` 0x6000_2100 for 0x40 bytes, `main` 0x6000_2140 for 0x20,
// `counter` (an object) 0x2000_0010 for 4.
#include <gtest/gtest.h>

#include "xipsim/image/symbols.h"

namespace xipsim::test {
namespace {

image::SymbolTable table() {
  return image::SymbolTable("app.elf", {{"main", 0x60002140, 0x20, true},
                                        {"counter", 0x20000010, 4, false},
                                        {"reset", 0x60002100, 0x40, true}});
}

TEST(Symbols, NamesAddressesInsideASymbol) {
  const image::SymbolTable t = table();
  EXPECT_EQ(t.describe(0x60002100), "reset");
  EXPECT_EQ(t.describe(0x6000213E), "reset+0x3E");
  EXPECT_EQ(t.describe(0x60002140), "main");
  EXPECT_EQ(t.describe(0x6000215F), "main+0x1F");
  EXPECT_EQ(t.describe(0x20000012), "counter+0x2");
}

TEST(Symbols, AddressesOutsideEverySymbolHaveNoName) {
  const image::SymbolTable t = table();
  EXPECT_EQ(t.describe(0x60002160), "");  // one past main's end
  EXPECT_EQ(t.describe(0x600020FF), "");
  EXPECT_EQ(t.describe(0x20000014), "");
}

TEST(Symbols, FindsByName) {
  const image::SymbolTable t = table();
  EXPECT_EQ(t.find("main"), 0x60002140u);
  EXPECT_FALSE(t.find("Main").has_value());
}

}  // namespace
}  // namespace xipsim::test
