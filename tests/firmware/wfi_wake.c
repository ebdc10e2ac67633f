/* WFI with a timer wake-up: SysTick every 6000000 core clocks (10 ms at 600 MHz); main sleeps
   in WFI and toggles GPIO1_IO09 after each wake-up. Expected by hand: the pin changes every
   10.000 ms, and the core executes only a few instructions per wake-up (it sleeps). */
#include "common/rt1060.h"

void SysTick_Handler(void) {}

int main(void) {
  clock_600mhz();
  GPIO1_GDIR |= 1u << 9;
  SYST_RVR = 6000000u - 1u;
  SYST_CVR = 0;
  SYST_CSR = 7;
  for (;;) {
    __asm volatile("wfi");
    GPIO1_DR_TOGGLE = 1u << 9;
  }
}
