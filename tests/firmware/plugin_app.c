/* The application a plugin loads (plugin_boot.c): linked for OCRAM after the ROM-reserved 32 KiB
   (common/rt1060_ocram_app.ld), stored in flash at 0x6001_0000, with its own IVT at its start and
   boot data after it (boot-reference §6.2, §6.3), its vector table at +0x400. Prints where it
   runs and VTOR, then halts with BKPT #0x42. */
#include "common/boot_structs.h"
#include "common/rt1060.h"

extern uint32_t __vectors[], __app_start[], __image_size[];

__attribute__((section(".app_hdr.ivt"), used)) const struct ivt app_ivt = {
    .header = IVT_HEADER,
    .entry = (uint32_t)__vectors,
    .boot_data = (uint32_t)__app_start + 0x20u,
    .self = (uint32_t)__app_start,
};

__attribute__((section(".app_hdr.boot_data"), used)) const struct boot_data app_bd = {
    .start = (uint32_t)__app_start,
    .size = (uint32_t)__image_size,
};

int main(void) {
  uint32_t pc;
  __asm volatile("mov %0, pc" : "=r"(pc));
  uart_puts("app: running at ");
  uart_hex(pc & ~0xFFFu);
  uart_puts(", VTOR ");
  uart_hex(SCB_VTOR);
  uart_puts("\r\n");
  HALT(0x42);
  return 0;
}
