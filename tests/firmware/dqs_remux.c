/* F04 at run time (zephyr#60155): executing in place with the I-cache off, the application
   muxes the FlexSPI DQS pad GPIO_SD_B1_05 to GPIO3_IO05 (ALT5, SW_MUX_CTL_PAD at 0x401F_81E8,
   SDK fsl_iomuxc.h) and goes on. Built three ways, all reading with EBh on four pads:
   dqs_remux boots with readSampleClkSrc 1 (the read strobe loops back through that pad) at
   133 MHz; dqs_remux_internal with readSampleClkSrc 0 (internal loopback; the pad plays no part)
   at 60 MHz. Expected: dqs_remux_internal prints "after\r\n"
   and halts at BKPT #0, as does dqs_remux_kept (KEEP_PAD: the same DQS-loopback build that leaves
   the pad alone); dqs_remux never gets there: the first fetch of after() (4 KiB away, not in the
   AHB RX buffers) samples without a strobe, and the CPU runs what the controller returns instead.
 */
#include "common/rt1060.h"

/* 4 KiB away from main: its code is not in the AHB RX buffers when it is called. */
__attribute__((noinline, aligned(4096))) static void after(void) {
  uart_puts("after\r\n");
  HALT(0);
}

int main(void) {
  uart_puts("before\r\n");
#ifndef KEEP_PAD
  REG(0x401F81E8) = 5u; /* GPIO_SD_B1_05: ALT5 (GPIO3_IO05) */
#endif
  after();
  return 0;
}
