/* A plugin boot image (boot data plugin flag 1): the ROM calls plugin() as a function with the
   HAB4 plugin convention, BOOL plugin(void **start, size_t *bytes, uint32_t *ivt_offset), on its
   own stack. The plugin finds the application image at APP_FLASH (plugin_app.c: its IVT at its
   start, boot data after it), copies it to the RAM its boot data names, and returns that image's
   start, size and IVT offset; the ROM then boots it.
   Variants (tests/firmware/CMakeLists.txt): plugin_looks_elsewhere reads the wrong flash address,
   finds no IVT and returns 0 (the ROM logs PLUGIN_IMAGE_FAIL and falls back to the serial
   downloader); plugin_ivt_offset_0x1000 returns the FlexSPI NOR IVT offset instead of the
   image's own (the ROM finds no IVT at start + 0x1000). The plugin runs before any start-up code:
   it uses no .data or .bss, only its stack and the registers. */
#include "common/boot_structs.h"
#include "common/rt1060.h"

#ifndef APP_FLASH
#define APP_FLASH 0x60010000u
#endif

int plugin(void** start, uint32_t* bytes, uint32_t* ivt_offset) {
  const struct ivt* ivt = (const struct ivt*)APP_FLASH;
  uart_puts("plugin: looking for the application at ");
  uart_hex(APP_FLASH);
  uart_puts("\r\n");
  if ((ivt->header & 0xFFu) != IVT_TAG) {
    uart_puts("plugin: no IVT there\r\n");
    return 0;
  }
  const struct boot_data* bd = (const struct boot_data*)(APP_FLASH + (ivt->boot_data - ivt->self));
  volatile uint32_t* to = (volatile uint32_t*)bd->start;
  const uint32_t* from = (const uint32_t*)APP_FLASH;
  for (uint32_t i = 0; i < (bd->size + 3) / 4; ++i)
    to[i] = from[i];
  uart_puts("plugin: copied ");
  uart_hex(bd->size);
  uart_puts(" bytes to ");
  uart_hex(bd->start);
  uart_puts("\r\n");
  *start = (void*)bd->start;
  *bytes = bd->size;
#if IVT_OFFSET_NOR
  *ivt_offset = 0x1000u; /* the FlexSPI NOR layout's offset, not this image's */
#else
  *ivt_offset = ivt->self - bd->start;
#endif
  return 1;
}
