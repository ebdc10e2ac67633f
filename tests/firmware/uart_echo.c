/* The console receives: LPUART1 at 115200-ish baud on UART_CLK_ROOT 80 MHz (PLL3 / 6, the
   CSCDR1 reset selection, PLL3 on since the ROM clocked the FlexSPI from it): BAUD OSR 15 (16
   samples), SBR 43: 80 MHz / (16 x 43) = 116279 baud, a 10-bit frame every 86.0 us. CTRL RE | TE
   | RIE, LPUART1_IRQn 20 enabled. The handler takes every waiting byte (STAT.RDRF, DATA) and
   sends it back in upper case; at '\r' it sends "\nOFF\r\n" and turns the receiver off (RE 0).
   Expected with the input "hello\r" at 10 ms and "x" at 20 ms: the console prints
   "HELLO\r\nOFF\r\n", takes in "hello\r" (six interrupts, one per byte: each is read before
   the next arrives) and loses "x" (the receiver is off). Registers: SDK MIMXRT1062.h
   LPUART_Type (BAUD 0x10, STAT 0x14, CTRL 0x18, DATA 0x1C). */
#include "common/rt1060.h"

#define LPUART1_BAUD REG(0x40184010)

void IRQ20_Handler(void) {
  while (LPUART1_STAT & (1u << 21)) { /* RDRF */
    char c = (char)(LPUART1_DATA & 0xFF);
    if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    uart_putc(c);
    if (c == '\r') {
      uart_puts("\nOFF\r\n");
      LPUART1_CTRL &= ~(1u << 18); /* RE off */
    }
  }
  __asm volatile("dsb");
}

int main(void) {
  clock_600mhz();
  LPUART1_BAUD = (15u << 24) | 43u;
  LPUART1_CTRL = (1u << 18) | (1u << 19) | (1u << 21); /* RE, TE, RIE */
  NVIC_ISER(0) = 1u << 20;
  for (;;)
    __asm volatile("wfi");
}
