/* Reclocking the FlexSPI while executing in place from it (zephyr#33633: an RT1064 stopped
   booting once the flash driver, which reclocks the FlexSPI, was enabled). The routine is the
   sequence Zephyr's flexspi clock code runs (docs/cpu-execution-notes.md): wait for
   STS0.ARBIDLE and SEQIDLE, MCR0.MDIS = 1, the FLEXSPI clock gate (CCM CCGR6 CG5) off,
   CSCMR1.FLEXSPI_PODF from /8 to /6 (PLL3 PFD0 at 480 MHz x 18 / 35 = 246.9 MHz: 30.9 MHz to
   41.1 MHz, inside the 50 MHz of the W25Q64JV's 03h read), the gate on, MDIS = 0, SWRESET and its
   self-clear. The I-cache stays off: every fetch goes to the FlexSPI. Variants (CMakeLists):
   - reclock_from_flash (FROM_FLASH): the routine runs in place; the first fetch after MDIS = 1
     cannot be served.
   - reclock_from_ram: the routine in ITCM (.ramfunc): nothing fetches from the flash while its
     clock is off; main then prints "reclocked\r\n" from the flash at the new clock.
   All print "reclock\r\n" first; the end is BKPT #0. CCM offsets: SDK MIMXRT1062.h. */
#if FROM_FLASH
#define RAMFUNC __attribute__((noinline))
#endif
#include "common/flexspi_ip.h"

#define CCM_CSCMR1 REG(0x400FC01C)
#define CCM_CCGR6 REG(0x400FC080)
#define CSCMR1_FLEXSPI_PODF (7u << 23)
#define CCGR6_CG5 (3u << 10)

RAMFUNC static void reclock(void) {
  while ((FS(STS0) & STS0_IDLE) != STS0_IDLE) {
  }
  FS(MCR0) |= MCR0_MDIS;
  CCM_CCGR6 &= ~CCGR6_CG5;
  CCM_CSCMR1 = (CCM_CSCMR1 & ~CSCMR1_FLEXSPI_PODF) | (5u << 23); /* /6 */
  CCM_CCGR6 |= CCGR6_CG5;
  FS(MCR0) &= ~MCR0_MDIS;
  FS(MCR0) |= MCR0_SWRESET;
  while (FS(MCR0) & MCR0_SWRESET) {
  }
}

int main(void) {
  clock_600mhz();
  uart_puts("reclock\r\n");
  reclock();
  uart_puts("reclocked\r\n");
  HALT(0);
  return 0;
}
