/* FCB, IVT and boot data that let the ROM boot the test firmware (boot-reference §2, §6):
   1-pad 03h reads with 24 address bits at 30 MHz (serialClkFreq 1), internal loopback sampling,
   so any serial NOR part boots it. A firmware may build with another sample source and clock
   (FCB_SAMPLE_CLK_SRC, FCB_SERIAL_CLK_FREQ: tests/firmware/CMakeLists.txt), or read with EBh on
   four pads (FCB_QUAD_READ: 24 address bits and 6 dummy cycles on 4 pads, the read sequence of
   NXP's RT1060 EVK FCB for its IS25WP064A, which needs the part's QE bit set). */
#include <stdint.h>

#include "boot_structs.h"

#ifndef FCB_SAMPLE_CLK_SRC
#define FCB_SAMPLE_CLK_SRC 0
#endif
#ifndef FCB_FLASH_SIZE /* the part on port A1: 8 MiB (RT1060 EVK); RT1064's W25Q32JV has 4 MiB */
#define FCB_FLASH_SIZE (8u * 1024 * 1024)
#endif
#ifndef FCB_SERIAL_CLK_FREQ
#define FCB_SERIAL_CLK_FREQ 1
#endif

#define LUT(op, pads, operand) ((uint32_t)(((op) << 10) | ((pads) << 8) | (operand)))
#define CMD_SDR 0x01
#define RADDR_SDR 0x02
#define READ_SDR 0x09
#define DUMMY_SDR 0x0C
#if FCB_QUAD_READ
#define FCB_PAD_TYPE 4
#define FCB_READ_LUT                                     \
  {                                                      \
    LUT(CMD_SDR, 0, 0xEB) | LUT(RADDR_SDR, 2, 24) << 16, \
        LUT(DUMMY_SDR, 2, 6) | LUT(READ_SDR, 2, 4) << 16 \
  }
#else
#define FCB_PAD_TYPE 1
#define FCB_READ_LUT \
  { LUT(CMD_SDR, 0, 0x03) | LUT(RADDR_SDR, 0, 24) << 16, LUT(READ_SDR, 0, 4) }
#endif

extern uint32_t __vectors[];
extern uint32_t __image_size[];

struct fcb {
  uint32_t tag, version, reserved0;
  uint8_t read_sample_clk_src, cs_hold_time, cs_setup_time, column_address_width;
  uint8_t rest0[0x44 - 0x10];
  uint8_t device_type, sflash_pad_type, serial_clk_freq, lut_custom_seq_enable;
  uint32_t reserved3[2];
  uint32_t sflash_a1_size, sflash_a2_size, sflash_b1_size, sflash_b2_size;
  uint8_t rest1[0x80 - 0x60];
  uint32_t lut[64];
  uint8_t rest2[0x1C0 - 0x180];
  uint32_t page_size, sector_size;
  uint8_t ipcmd_serial_clk_freq, rest3[0x200 - 0x1C9];
};

__attribute__((section(".boot_hdr.conf"), used)) const struct fcb boot_fcb = {
    .tag = 0x42464346u, /* "FCFB" */
    .version = 0x56010400u,
    .read_sample_clk_src = FCB_SAMPLE_CLK_SRC,
    .cs_hold_time = 3,
    .cs_setup_time = 3,
    .device_type = 1,
    .sflash_pad_type = FCB_PAD_TYPE,
    .serial_clk_freq = FCB_SERIAL_CLK_FREQ, /* 1: 30 MHz */
    .sflash_a1_size = FCB_FLASH_SIZE,
    .lut = FCB_READ_LUT,
    .page_size = 256,
    .sector_size = 4096,
    .ipcmd_serial_clk_freq = 1,
};

/* A plugin image (PLUGIN_IMAGE, plugin_boot.c): the IVT's entry is the plugin function the ROM
   calls, and boot data's plugin flag is 1 (boot-reference §6.3, §7.3 step 9). */
#if PLUGIN_IMAGE
int plugin(void** start, uint32_t* bytes, uint32_t* ivt_offset);
#define IVT_ENTRY ((uint32_t)plugin)
#else
#define IVT_ENTRY ((uint32_t)__vectors)
#define PLUGIN_IMAGE 0
#endif

__attribute__((section(".boot_hdr.ivt"), used)) const struct ivt boot_ivt = {
    .header = IVT_HEADER,
    .entry = IVT_ENTRY,
    .boot_data = WINDOW_BASE + 0x1020u,
    .self = WINDOW_BASE + 0x1000u,
};

__attribute__((section(".boot_hdr.boot_data"), used)) const struct boot_data boot_bd = {
    .start = WINDOW_BASE,
    .size = (uint32_t)__image_size,
    .plugin = PLUGIN_IMAGE,
};
