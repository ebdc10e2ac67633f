/* An application that changes its flash's non-volatile configuration and resets. The image reads
   with EBh on four pads (FCB_QUAD_READ), so the IS25WP064A it boots from needs SR1.QE (bit 6) set.
   On the first boot main prints "clearing QE", and a routine in ITCM writes SR1 = 00h with WRSR
   (01h after 06h write enable: non-volatile on this part), waits for WIP to clear, and resets the
   SoC with AIRCR.SYSRESETREQ; nothing runs from the flash in between (its quad reads stopped
   working with QE clear). Variants (CMakeLists):
   - nv_qe_cleared: the next boot's reads with the FCB's EBh sequence find IO2/IO3 undriven.
   - nv_qe_restored (RESTORE): the routine writes SR1 = 40h (QE set again) before the reset; the
     next boot, seeing SRC_SRSR.LOCKUP_SYSRESETREQ (bit 1), prints "booted after the reset".
   Commands: ISSI IS25WP064A datasheet (06h, 01h, 05h), as docs/flash-parts.md. */
#include "common/flexspi_ip.h"

#ifndef RESTORE
#define RESTORE 0
#endif

enum { SEQ_WREN = 5, SEQ_WRSR = 6, SEQ_STATUS = 7 };

RAMFUNC static void write_sr1(uint32_t value) {
  ip_command(SEQ_WREN, 0);
  ip_write(SEQ_WRSR, 0, value, 0, 1);
  wait_ready(SEQ_STATUS);
}

RAMFUNC static void change_and_reset(void) {
  lut_set(SEQ_WREN, LUTI(CMD, 0, 0x06), 0);
  lut_set(SEQ_WRSR, LUTI(CMD, 0, 0x01) | LUTI(WRITE, 0, 1) << 16, 0);
  lut_set(SEQ_STATUS, LUTI(CMD, 0, 0x05) | LUTI(READ, 0, 1) << 16, 0);
  write_sr1(0x00u);
#if RESTORE
  write_sr1(0x40u);
#endif
  __asm volatile("dsb");
  SCB_AIRCR = (0x05FAu << 16) | (1u << 2);
  for (;;) {
  }
}

int main(void) {
  if (SRC_SRSR & 2u) {
    uart_puts("booted after the reset\r\n");
    HALT(0);
  }
  uart_puts("clearing QE\r\n");
  change_and_reset();
  return 0;
}
