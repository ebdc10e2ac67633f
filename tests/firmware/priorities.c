/* Exception priorities and nesting (ARMv7-M B1.5.4). SysTick at 0xE0 (lowest) pends IRQ 20
   (priority 0x40), which preempts at once and pends PendSV (0x80): PendSV cannot preempt IRQ 20
   but preempts SysTick when IRQ 20 returns. Then an SVC #5. Expected console, by hand:
   "S" (SysTick enters) "I" (IRQ 20) "P" (PendSV, after IRQ 20 returned) "s" (SysTick resumes and
   leaves) "V5" (SVCall reads its number from the stacked PC) "\r\n". */
#include "common/rt1060.h"

static volatile int done;

void SysTick_Handler(void) {
  SYST_CSR = 0;
  uart_putc('S');
  NVIC_STIR = 20;
  uart_putc('s');
  done = 1;
}
void IRQ20_Handler(void) {
  uart_putc('I');
  SCB_ICSR = 1u << 28; /* PENDSVSET */
}
void PendSV_Handler(void) {
  uart_putc('P');
}
void SVC_Handler(void) {
  uint32_t* frame;
  __asm volatile("mrs %0, msp" : "=r"(frame));
  const uint16_t insn = *(const uint16_t*)(frame[6] - 2); /* the SVC before the return address */
  uart_putc('V');
  uart_putc((char)('0' + (insn & 0xFF)));
}

int main(void) {
  LPUART1_CTRL |= 1u << 19;
  SCB_SHPR(15) = 0xE0;
  SCB_SHPR(14) = 0x80;
  NVIC_IPR8(20) = 0x40;
  NVIC_ISER(0) = 1u << 20;
  SYST_RVR = 1000;
  SYST_CVR = 0;
  SYST_CSR = 7;
  while (!done) {
  }
  __asm volatile("svc #5");
  uart_puts("\r\n");
  HALT(0x42);
  return 0;
}
