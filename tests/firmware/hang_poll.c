/* A wait that can never end: RTWDOG_Unlock-style polling of RTWDOG CS.ULK (bit 11, RTWDOG at
   0x400B_C000 on the RT1060, SDK MIMXRT1062.h) on a block the model does not give behaviour:
   CS reads 0 for ever. Expected: the run ends as a hang naming 0x400B_C000 and the value 0. */
#include "common/rt1060.h"

int main(void) {
  while (!(REG(0x400BC000) & (1u << 11))) {
  }
  uart_puts("not reached\r\n");
  return 0;
}
