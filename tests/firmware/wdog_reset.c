/* A watchdog that is enabled and never serviced. Each boot prints why the SoC last reset
   (SRC_SRSR, WDOG1 WRSR), turns the I-cache on, enables WDOG1 with WCR.WT = 1 ((1 + 1) * 0.5 s
   = 1.0 s) and spins. Expected (hand calculation): the first boot prints SRSR=00000001
   (ipp_reset_b, power-on) WRSR=0010 (POR); 1.0 s after WDE is set WDOG1 resets the SoC and every
   later boot prints SRSR=00000011 (ipp_reset_b stays until cleared, wdog_rst_b) WRSR=0002 (TOUT);
   the resets come 1.0 s plus one boot apart. After enabling it, the code tries to disable it again
   as the SDK's WDOG_Disable would (WCR.WDE written 0): WDE is write-one-once, so that write is
   reported as misuse and the watchdog still resets. */
#include "common/rt1060.h"

int main(void) {
  icache_on();
  uart_puts("SRSR=");
  uart_hex(SRC_SRSR);
  uart_puts(" WRSR=");
  uart_hex(WDOG1_WRSR);
  uart_puts("\r\n");
  WDOG1_WCR = (uint16_t)((1u << 8) | (1u << 4) | (1u << 2)); /* WT 1, SRS kept 1, WDE */
  WDOG1_WCR = (uint16_t)(WDOG1_WCR & ~(1u << 2));            /* too late: write one once */
  for (;;) {
  }
}
