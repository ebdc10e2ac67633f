/* Speed loops for bench/bench_cpu.cpp: an ALU loop (adds, eors, subs, bne: 4 instructions per
   iteration, 20 M iterations) or a load/store loop over a 1 KiB DTCM buffer (LOOP_LDST: ldr,
   add, str, add, and, cmp/bne per iteration), placed in ITCM (IN_ITCM: copied there by the
   startup's .ramfunc) or executed in place from flash, with the I-cache on (ICACHE=1) or off.
   The run ends at the HALT breakpoint after the loop; instructions / wall seconds from the run's
   report is the speed. */
#include "common/rt1060.h"

#ifdef IN_ITCM
#define PLACE __attribute__((section(".ramfunc"), noinline, used))
#else
#define PLACE __attribute__((noinline, used))
#endif
#ifndef ICACHE
#define ICACHE 0
#endif

static volatile uint32_t buf[256];

PLACE uint32_t alu_loop(uint32_t n) {
  uint32_t a = 0, b = 1;
  __asm volatile(
      "1: adds %0, %0, %1\n"
      "   eors %1, %1, %0\n"
      "   subs %2, %2, #1\n"
      "   bne 1b\n"
      : "+r"(a), "+r"(b), "+r"(n));
  return a;
}

PLACE uint32_t ldst_loop(uint32_t n) {
  uint32_t s = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t k = i & 255u;
    buf[k] = buf[k] + i;
    s += buf[k];
  }
  return s;
}

int main(void) {
  clock_600mhz();
  if (ICACHE) icache_on();
#ifdef LOOP_LDST
  return (int)ldst_loop(5000000u);
#else
  return (int)alu_loop(20000000u);
#endif
}
