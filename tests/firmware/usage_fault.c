/* An undefined instruction (UDF #0) with SHCSR.USGFAULTENA set: UsageFault, not HardFault.
   Expected by hand (ARMv7-M B3.2.15): CFSR = UNDEFINSTR (bit 16) = 0x00010000. */
#include "common/rt1060.h"

void UsageFault_Handler(void) {
  uart_puts("UF CFSR=");
  uart_hex(SCB_CFSR);
  uart_puts("\r\n");
  HALT(0x42);
}

int main(void) {
  SCB_SHCSR |= 1u << 18;
  __asm volatile("udf #0");
  uart_puts("not reached\r\n");
  return 0;
}
