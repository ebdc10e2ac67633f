/* A software reset: NVIC_SystemReset's AIRCR write (VECTKEY 0x05FA, SYSRESETREQ bit 2) after
   printing "reset\r\n". Expected: the run ends as a reset request. */
#include "common/rt1060.h"

int main(void) {
  uart_puts("reset\r\n");
  __asm volatile("dsb");
  SCB_AIRCR = (0x05FAu << 16) | (1u << 2);
  for (;;) {
  }
}
