/* A word passed through a warm reset in SNVS: main prints LPGPR_ALIAS0 (0x400D_4090, the alias
   of LPGPR0 at 0x400D_4100; SDK MIMXRT1062.h SNVS_Type) and, when it is 0, writes 0xCAFEF00D
   to LPGPR0 and resets with AIRCR.SYSRESETREQ; after the reset it finds the word and halts.
   Expected: "LPGPR0=00000000\r\n" then "LPGPR0=CAFEF00D\r\n", one reset, then halted. */
#include "common/rt1060.h"

#define SNVS_LPGPR_ALIAS0 REG(0x400D4090)
#define SNVS_LPGPR0 REG(0x400D4100)

int main(void) {
  const uint32_t v = SNVS_LPGPR_ALIAS0;
  uart_puts("LPGPR0=");
  uart_hex(v);
  uart_puts("\r\n");
  if (v != 0) return 0; /* halts (startup) */
  SNVS_LPGPR0 = 0xCAFEF00Du;
  __asm volatile("dsb");
  SCB_AIRCR = (0x05FAu << 16) | (1u << 2);
  for (;;) {
  }
}
