/* The FPU in single and double precision, and its registers across an exception. Expected by
   hand (IEEE 754): 2.0 * 1.5 + 0.25 = 3.25 = 0x400A000000000000 as a double; 1.5f * 3.0f = 4.5f
   = 0x40900000; s0 holds 1.0f (0x3F800000) before PendSV, whose handler overwrites s0, and holds
   it again after the return (the FP frame restores s0-s15). */
#include "common/rt1060.h"

static volatile double a = 2.0, b = 1.5, c = 0.25;
static volatile float x = 1.5f, y = 3.0f;

void PendSV_Handler(void) {
  __asm volatile("vmov.f32 s0, #2.0" ::: "s0");
}

int main(void) {
  union {
    double d;
    uint32_t w[2];
  } d = {.d = a * b + c};
  union {
    float f;
    uint32_t w;
  } f = {.f = x * y};
  uart_puts("D=");
  uart_hex(d.w[1]);
  uart_hex(d.w[0]);
  uart_puts(" F=");
  uart_hex(f.w);
  uint32_t s0;
  __asm volatile(
      "vmov.f32 s0, #1.0\n"
      "str %1, [%2]\n"
      "dsb\n isb\n"
      "vmov %0, s0"
      : "=r"(s0)
      : "r"(1u << 28), "r"(&SCB_ICSR)
      : "s0", "memory");
  uart_puts(" S0=");
  uart_hex(s0);
  uart_puts("\r\n");
  HALT(0x42);
  return 0;
}
