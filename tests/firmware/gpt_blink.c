/* A GPT1 compare interrupt blinks the LED: GPT1 on the 24 MHz crystal clock (CR.CLKSRC 5 with
   CR.EN_24M), PR.PRESCALER 23 (1 MHz counts), restart mode (CR.FRR 0) with OCR1 49999 and
   IR.OF1IE; GPT1_IRQn 100 enabled; the handler clears SR.OF1 (write 1) and toggles GPIO1_IO09.
   OCR2 9999 compares too, without an interrupt, and main prints SR after the first interrupt.
   Expected by hand: OF1 every OCR1 + 1 = 50000 counts = 50.000 ms (the first 49999 counts after
   the start from 0); SR = 00000002 (OF2 set 10 ms in and never cleared, OF1 cleared by the
   handler). GPT registers: SDK MIMXRT1062.h GPT_Type (CR 0x0, PR 0x4, SR 0x8, IR 0xC, OCR1
   0x10, OCR2 0x14), GPT1 at 0x401E_C000. */
#include "common/rt1060.h"

#define GPT1_CR REG(0x401EC000)
#define GPT1_PR REG(0x401EC004)
#define GPT1_SR REG(0x401EC008)
#define GPT1_IR REG(0x401EC00C)
#define GPT1_OCR1 REG(0x401EC010)
#define GPT1_OCR2 REG(0x401EC014)

static volatile uint32_t ticks;

void GPT1_IRQHandler(void) {
  GPT1_SR = 1u; /* OF1, write 1 to clear */
  GPIO1_DR_TOGGLE = 1u << 9;
  ++ticks;
  __asm volatile("dsb");
}

int main(void) {
  clock_600mhz();
  GPIO1_GDIR |= 1u << 9;
  GPT1_CR = 0;
  GPT1_PR = 23u; /* PRESCALER: / 24 */
  GPT1_OCR1 = 49999u;
  GPT1_OCR2 = 9999u;
  GPT1_IR = 1u; /* OF1IE */
  NVIC_ISER(100 / 32) = 1u << (100 % 32);
  GPT1_CR = (5u << 6) | (1u << 10) | (1u << 1) | 1u; /* CLKSRC crystal, EN_24M, ENMOD, EN */
  while (ticks == 0)
    __asm volatile("wfi");
  uart_puts("SR=");
  uart_hex(GPT1_SR);
  uart_puts("\r\n");
  for (;;)
    __asm volatile("wfi");
}
