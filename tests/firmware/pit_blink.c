/* A PIT interrupt blinks the LED: PERCLK from the 24 MHz oscillator (CCM_CSCMR1 PERCLK_CLK_SEL
   bit 6 = 1, PERCLK_PODF bits 0-5 = 0), PIT MCR.MDIS cleared, channel 0 with LDVAL 2399999 and
   TCTRL = TIE | TEN, PIT_IRQn 122 enabled in the NVIC; the handler clears TFLG0.TIF and toggles
   GPIO1_IO09; main sleeps in WFI. Channel 1 runs with LDVAL 999 and no interrupt (a timeout
   every 41.7 us), and main prints its TFLG1 after the first interrupt: TIF set, 00000001, since
   nobody cleared it. Expected by hand: the pin
   changes every (2399999 + 1) / 24 MHz = 100.000 ms; the first toggle comes 100 ms after the
   start; awake only in the handler (a few instructions per interrupt). PIT registers: SDK
   MIMXRT1062.h PIT_Type (MCR 0x0, channel n at 0x100 + 0x10 n: LDVAL, CVAL, TCTRL, TFLG). */
#include "common/rt1060.h"

#define CCM_CSCMR1 REG(0x400FC01C)
#define PIT_MCR REG(0x40084000)
#define PIT_LDVAL(n) REG(0x40084100 + 0x10 * (n))
#define PIT_CVAL(n) REG(0x40084104 + 0x10 * (n))
#define PIT_TCTRL(n) REG(0x40084108 + 0x10 * (n))
#define PIT_TFLG(n) REG(0x4008410C + 0x10 * (n))

static volatile uint32_t ticks;

void PIT_IRQHandler(void) {
  PIT_TFLG(0) = 1u; /* TIF is write 1 to clear; the line drops */
  GPIO1_DR_TOGGLE = 1u << 9;
  ++ticks;
  __asm volatile("dsb");
}

int main(void) {
  clock_600mhz();
  GPIO1_GDIR |= 1u << 9;
  CCM_CSCMR1 = (CCM_CSCMR1 & ~0x7Fu) | (1u << 6); /* PERCLK: oscillator, / 1 */
  PIT_MCR = 0;                                    /* MDIS 0: the module runs */
  PIT_LDVAL(0) = 2399999u;
  PIT_LDVAL(1) = 999u;
  PIT_TCTRL(1) = 1u; /* TEN, no interrupt */
  NVIC_ISER(122 / 32) = 1u << (122 % 32);
  PIT_TCTRL(0) = 3u; /* TIE | TEN */
  while (ticks == 0)
    __asm volatile("wfi");
  uart_puts("TIF1=");
  uart_hex(PIT_TFLG(1));
  uart_puts("\r\n");
  for (;;)
    __asm volatile("wfi");
}
