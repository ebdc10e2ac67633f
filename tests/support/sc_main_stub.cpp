// libsystemc's main calls sc_main; in a gtest binary gtest_main runs the tests instead, so the
// symbol only has to exist. Linked into every test binary that uses SystemC without elaborating
// a design of its own in sc_main.
extern "C" int sc_main(int, char**) {
  return 0;
}
