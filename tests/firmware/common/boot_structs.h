/* The IVT and boot data as the ROM reads them (boot-reference §6.2, §6.3), and the window the
   image is linked for. */
#pragma once
#include <stdint.h>

/* The FlexSPI window the image sits in: 0x6000_0000, or 0x7000_0000 for RT1064's FLEXSPI2. */
#ifndef WINDOW_BASE
#define WINDOW_BASE 0x60000000u
#endif

#define IVT_HEADER 0x412000D1u /* tag D1, length 0x0020, version 0x41 */
#define IVT_TAG 0xD1u

struct ivt {
  uint32_t header, entry, reserved1, dcd, boot_data, self, csf, reserved2;
};
struct boot_data {
  uint32_t start, size, plugin, reserved;
};
