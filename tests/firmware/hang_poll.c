/* A wait that can never end: polling PIT channel 0's TFLG0.TIF (bit 0; PIT at 0x4008_4000,
   TFLG0 at +0x10C on the RT1060, SDK MIMXRT1062.h) without ever starting the PIT (MCR.MDIS is
   set out of reset, the timer never runs, TIF never sets). Expected: the run ends as a hang
   naming 0x4008_410C and the value 0. */
#include "common/rt1060.h"

int main(void) {
  while (!(REG(0x4008410C) & 1u)) {
  }
  uart_puts("not reached\r\n");
  return 0;
}
