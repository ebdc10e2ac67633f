/* UART hello: prints "hello world\r\n" on LPUART1 and halts with BKPT #0x42. */
#include "common/rt1060.h"

int main(void) {
  uart_puts("hello world\r\n");
  HALT(0x42);
  return 0;
}
