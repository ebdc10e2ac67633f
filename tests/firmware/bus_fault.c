/* A read from 0x3000_0000, where the RT1060 has nothing: a precise bus fault, escalated to
   HardFault because SHCSR.BUSFAULTENA is clear. Expected by hand (ARMv7-M B3.2.15-16):
   CFSR = PRECISERR (bit 9) | BFARVALID (bit 15) = 0x00008200, HFSR = FORCED (bit 30) =
   0x40000000, BFAR = 0x30000000. */
#include "common/rt1060.h"

void HardFault_Handler(void) {
  uart_puts("HF CFSR=");
  uart_hex(SCB_CFSR);
  uart_puts(" HFSR=");
  uart_hex(SCB_HFSR);
  uart_puts(" BFAR=");
  uart_hex(SCB_BFAR);
  uart_puts("\r\n");
  HALT(0x42);
}

int main(void) {
  (void)REG(0x30000000);
  uart_puts("not reached\r\n");
  return 0;
}
