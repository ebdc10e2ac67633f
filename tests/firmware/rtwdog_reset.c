/* The RTWDOG, unlocked and enabled as the SDK's RTWDOG_Init does (0xD928C520 in CNT, wait for
   CS.ULK), on the 32.768 kHz LPO clock (CS.CLK 1) with TOVAL 3277, never refreshed, the I-cache on. Each boot
   prints SRC_SRSR. Expected (hand calculation): a reset 3277 / 32768 Hz = 100.006 ms after the
   enable; the first boot prints SRSR=00000001, the later ones SRSR=00000081 (ipp_reset_b,
   wdog3_rst_b). */
#include "common/rt1060.h"

int main(void) {
  icache_on();
  uart_puts("SRSR=");
  uart_hex(SRC_SRSR);
  uart_puts("\r\n");
  RTWDOG_CNT = 0xD928C520u;           /* unlock (CS.CMD32EN is set) */
  while (!(RTWDOG_CS & (1u << 11))) { /* ULK */
  }
  RTWDOG_TOVAL = 3277;
  RTWDOG_CS = (1u << 13) | (1u << 8) | (1u << 7) | (1u << 5); /* CMD32EN, CLK LPO, EN, UPDATE */
  for (;;) {
  }
}
