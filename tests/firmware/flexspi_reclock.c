/* The application changes the FlexSPI clock: PLL3 PFD0 with PFD0_FRAC 22 (480 MHz x 18 / 22 =
   392.7 MHz) and FLEXSPI_PODF /8: 49.09 MHz. Before, the ROM runs this FCB at 30 MHz
   (serialClkFreq 1; the CCM it leaves says PLL3 PFD0, FRAC 35, PODF /8, which only matters once
   the application changes one of them). The W25Q64JV reads 03h up to 50 MHz. Changed without
   gating the clock (the model applies it at once). Expected: the FlexSPI model follows (the
   run's notes say 49.1 MHz) and four uncached loads from the window, 4 KiB apart (no RX buffer
   hit; 1-pad reads), measured after a warm-up run of the same code, take between 30 / 49.09 =
   0.611 (if all their time were serial clocks) and 0.9 times the core cycles they took before.
   Printed as A=<cycles before> B=<after>. */
#include "common/rt1060.h"

#define DEMCR REG(0xE000EDFC)
#define PFD_480 REG(0x400D80F0)

static uint32_t four_loads(void) {
  const uint32_t t0 = DWT_CYCCNT;
  for (uint32_t a = 0x60010000u; a < 0x60014000u; a += 0x1000u)
    (void)REG(a);
  return DWT_CYCCNT - t0;
}

int main(void) {
  clock_600mhz();
  DEMCR |= 1u << 24;  /* TRCENA */
  DWT_CTRL |= 1u;     /* CYCCNTENA */
  (void)four_loads(); /* the code of four_loads into the RX buffers: both runs alike */
  const uint32_t before = four_loads();
  PFD_480 = (PFD_480 & ~0x3Fu) | 22u;
  const uint32_t after = four_loads();
  uart_puts("A=");
  uart_hex(before);
  uart_puts(" B=");
  uart_hex(after);
  uart_puts("\r\n");
  HALT(0);
  return 0;
}
