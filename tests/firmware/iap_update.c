/* F10 and F16 by real code: an update routine in ITCM (.ramfunc) erases and programs the sector
   at flash offset 0x4_0000 (window 0x6004_0000) of the W25Q64JV it runs from, with FlexSPI IP
   commands (LUT sequences 5-8 added next to the ROM's read: 06h write enable, 20h sector erase,
   02h page program, 05h status polled until WIP clears), then main reads the word back through
   the AHB window. Before the update main reads it once (the erased flash: FFFFFFFF), which puts
   that line in an AHB RX buffer and, with the D-cache on, in the D-cache. Variants (CMakeLists):
   - iap_stale (CLEAR_BUFFERS 0): the read-back returns the AHB buffer's old FFFFFFFF (F10 b);
   - iap_cleared (CLEAR_BUFFERS 1: MCR0.SWRESET after the update): 12345678 (F10 c);
   - iap_dcache (DCACHE 1, CLEAR_BUFFERS 1): the D-cache still holds FFFFFFFF (F16);
   - iap_dcache_invalidated (+ INVALIDATE 1: DCIMVAC on the line, as
     SCB_InvalidateDCache_by_Addr): 12345678.
   - iap_from_flash (FROM_FLASH 1): the same routine executing in place: the fetches after the erase
     command reach a busy flash.
   Printed: "before=FFFFFFFF after=<AHB word> ip=<IP-command read: 12345678 in every variant>",
   then BKPT #0. FlexSPI offsets: SDK MIMXRT1062.h. The *_rt1064 builds do the same on RT1064's
   in-package W25Q32JV: FLEXSPI2 (FLEXSPI_BASE 0x402A_4000), window 0x7000_0000 (WINDOW_BASE). */
#ifndef CLEAR_BUFFERS
#define CLEAR_BUFFERS 0
#endif
#ifndef DCACHE
#define DCACHE 0
#endif
#ifndef INVALIDATE
#define INVALIDATE 0
#endif
#if FROM_FLASH /* the update runs in place from the flash it erases (F10 a) */
#define RAMFUNC __attribute__((noinline))
#endif
#include "common/boot_structs.h"
#include "common/flexspi_ip.h"

enum { SEQ_WREN = 5, SEQ_ERASE = 6, SEQ_PROGRAM = 7, SEQ_STATUS = 8, SEQ_READ = 9 };

#define TARGET 0x40000u
#define WINDOW_WORD REG(WINDOW_BASE + TARGET)
#define SCB_DCISW REG(0xE000EF60)
#define SCB_DCIMVAC REG(0xE000EF5C)

RAMFUNC static void set_lut(void) {
  lut_set(SEQ_WREN, LUTI(CMD, 0, 0x06), 0);
  lut_set(SEQ_ERASE, LUTI(CMD, 0, 0x20) | LUTI(RADDR, 0, 24) << 16, 0);
  lut_set(SEQ_PROGRAM, LUTI(CMD, 0, 0x02) | LUTI(RADDR, 0, 24) << 16, LUTI(WRITE, 0, 4));
  lut_set(SEQ_STATUS, LUTI(CMD, 0, 0x05) | LUTI(READ, 0, 1) << 16, 0);
  lut_set(SEQ_READ, LUTI(CMD, 0, 0x03) | LUTI(RADDR, 0, 24) << 16, LUTI(READ, 0, 4));
}

RAMFUNC static void update(void) {
  set_lut();
  ip_command(SEQ_WREN, TARGET);
  ip_command(SEQ_ERASE, TARGET);
  wait_ready(SEQ_STATUS);
  ip_command(SEQ_WREN, TARGET);
  ip_write(SEQ_PROGRAM, TARGET, 0x12345678u, 0x9ABCDEF0u, 8);
  wait_ready(SEQ_STATUS);
}

#if DCACHE
/* As CMSIS SCB_EnableDCache: invalidate every line by set and way (32 KiB, 4 ways, 32-byte lines:
   256 sets), then CCR.DC (bit 16). */
static void dcache_on(void) {
  for (uint32_t way = 0; way < 4; ++way)
    for (uint32_t set = 0; set < 256; ++set)
      SCB_DCISW = (way << 30) | (set << 5);
  __asm volatile("dsb\n isb");
  SCB_CCR |= 1u << 16;
  __asm volatile("dsb\n isb");
}
#endif

/* The word as the flash holds it: an IP-command read (03h), which no buffer or cache stands in
   front of. */
RAMFUNC static uint32_t flash_word(void) {
  return ip_read(SEQ_READ, TARGET, 4);
}

/* All in ITCM, so that no code fetch from flash reaches the AHB RX buffers between the two
   reads (an XIP fetch there would evict the old line and hide F10). */
RAMFUNC static uint32_t update_and_read(uint32_t* before, uint32_t* ip) {
  *before = WINDOW_WORD;
  update();
#if CLEAR_BUFFERS
  FS(MCR0) |= MCR0_SWRESET; /* the AHB RX buffers are emptied */
  while (FS(MCR0) & MCR0_SWRESET) {
  }
#endif
#if INVALIDATE
  SCB_DCIMVAC = WINDOW_BASE + TARGET;
  __asm volatile("dsb\n isb");
#endif
  *ip = flash_word();
  return WINDOW_WORD;
}

int main(void) {
#if DCACHE
  dcache_on();
#endif
  uint32_t before = 0, ip = 0;
  const uint32_t after = update_and_read(&before, &ip);
  uart_puts("before=");
  uart_hex(before);
  uart_puts(" after=");
  uart_hex(after);
  uart_puts(" ip=");
  uart_hex(ip);
  uart_puts("\r\n");
  HALT(0);
  return 0;
}
