/* SysTick blink: the core at 600 MHz, SysTick every 600000 core clocks (1 ms), GPIO1_IO09
   toggled every 20 ticks. Expected (hand calculation): the pin changes every 20 * 600000 /
   600 MHz = 20.000 ms. The I-cache stays off: every fetch is an AHB read through the model. */
#include "common/rt1060.h"

static volatile uint32_t ticks;
void SysTick_Handler(void) {
  ++ticks;
}

int main(void) {
  clock_600mhz();
  GPIO1_GDIR |= 1u << 9;
  SYST_RVR = 600000u - 1u;
  SYST_CVR = 0;
  SYST_CSR = 7; /* CLKSOURCE core, TICKINT, ENABLE */
  for (;;) {
    const uint32_t until = ticks + 20;
    while (ticks != until) {
    }
    GPIO1_DR_TOGGLE = 1u << 9;
  }
}
