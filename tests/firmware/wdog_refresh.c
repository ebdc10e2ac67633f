/* The twin of wdog_reset: the same WDOG1 setup (WT = 1: 1.0 s), serviced every 100 ms from the
   SysTick handler (0x5555 then 0xAAAA in WSR; SysTick every 1 ms at 600 MHz), GPIO1_IO09
   toggled at each service, the I-cache on. Expected: no reset for the whole run, the pin changes every
   100.000 ms. */
#include "common/rt1060.h"

static volatile uint32_t ticks;
void SysTick_Handler(void) {
  if (++ticks % 100 == 0) {
    WDOG1_WSR = 0x5555;
    WDOG1_WSR = 0xAAAA;
    GPIO1_DR_TOGGLE = 1u << 9;
  }
}

int main(void) {
  icache_on();
  clock_600mhz();
  GPIO1_GDIR |= 1u << 9;
  WDOG1_WCR = (uint16_t)((1u << 8) | (1u << 4) | (1u << 2)); /* WT 1, SRS kept 1, WDE */
  SYST_RVR = 600000u - 1u;
  SYST_CVR = 0;
  SYST_CSR = 7;
  for (;;) {
  }
}
