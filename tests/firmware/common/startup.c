/* Vector table and reset handler of the test firmware: copies .data and .ramfunc, clears .bss,
   calls main; unhandled exceptions print their number on LPUART1 and halt (BKPT). */
#include <stdint.h>

#include "rt1060.h"

extern uint32_t __stack_top[], __data_start[], __data_end[], __data_load[], __bss_start[],
    __bss_end[], __ramfunc_start[], __ramfunc_end[], __ramfunc_load[], __vectors[];
int main(void);

void Reset_Handler(void) {
  for (uint32_t *d = __data_start, *s = __data_load; d < __data_end;)
    *d++ = *s++;
  for (uint32_t *d = __ramfunc_start, *s = __ramfunc_load; d < __ramfunc_end;)
    *d++ = *s++;
  for (uint32_t* d = __bss_start; d < __bss_end;)
    *d++ = 0;
  SCB_VTOR = (uint32_t)__vectors; /* 0x6000_2000 in the XIP layout */
  REG(0xE000ED88) |= 0xFu << 20;  /* CPACR: CP10 and CP11 full access (the FPU) */
  main();
  HALT(0x01);
  for (;;) {
  }
}

void Default_Handler(void) {
  uint32_t ipsr;
  __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  uart_puts("unhandled exception ");
  uart_hex(ipsr);
  uart_puts("\r\n");
  HALT(0xEE);
  for (;;) {
  }
}

#define WEAK __attribute__((weak, alias("Default_Handler")))
void HardFault_Handler(void) WEAK;
void BusFault_Handler(void) WEAK;
void UsageFault_Handler(void) WEAK;
void SVC_Handler(void) WEAK;
void PendSV_Handler(void) WEAK;
void SysTick_Handler(void) WEAK;
void IRQ20_Handler(void) WEAK;
void PIT_IRQHandler(void) WEAK;  /* IRQ 122 on RT1060 (SDK MIMXRT1062.h PIT_IRQn) */
void GPT1_IRQHandler(void) WEAK; /* IRQ 100 (GPT1_IRQn) */

__attribute__((section(".isr_vector"), used)) void (*const vectors[16 + 160])(void) = {
    (void (*)(void))__stack_top,
    Reset_Handler,
    Default_Handler,
    HardFault_Handler,
    Default_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0,
    0,
    0,
    0,
    SVC_Handler,
    Default_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
    [16 ... 16 + 159] = Default_Handler,
    [16 + 20] = IRQ20_Handler,
    [16 + 100] = GPT1_IRQHandler,
    [16 + 122] = PIT_IRQHandler};
