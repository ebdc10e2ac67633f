/* A software reset: NVIC_SystemReset's AIRCR write (VECTKEY 0x05FA, SYSRESETREQ bit 2) after
   printing SRC_SRSR. Expected: every run of the image resets at once; the first boot prints
   SRSR=00000001 (power-on), each later one SRSR=00000003 (ipp_reset_b, lockup_sysresetreq). */
#include "common/rt1060.h"

int main(void) {
  uart_puts("SRSR=");
  uart_hex(SRC_SRSR);
  uart_puts("\r\n");
  __asm volatile("dsb");
  SCB_AIRCR = (0x05FAu << 16) | (1u << 2);
  for (;;) {
  }
}
