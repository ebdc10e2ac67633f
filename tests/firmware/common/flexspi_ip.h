/* The boot FLEXSPI's registers (offsets: SDK MIMXRT1062.h) and IP-command helpers for the test
   firmware that talks to its own flash: LUT entries, a command, a status read, a wait for WIP to
   clear. The helpers carry RAMFUNC: define it before including this header to place them in
   flash (noinline) instead of ITCM (.ramfunc, the default). */
#pragma once
#include "common/rt1060.h"

#ifndef RAMFUNC
#define RAMFUNC __attribute__((section(".ramfunc"), noinline))
#endif

/* The boot instance: FLEXSPI on RT1060, FLEXSPI2 (0x402A_4000) on RT1064. */
#ifndef FLEXSPI_BASE
#define FLEXSPI_BASE 0x402A8000u
#endif
#define FS(off) REG(FLEXSPI_BASE + (off))
#define MCR0 0x00u
#define INTR 0x14u
#define LUTKEY 0x18u
#define LUTCR 0x1Cu
#define IPCR0 0xA0u
#define IPCR1 0xA4u
#define IPCMD 0xB0u
#define IPRXFCR 0xB8u
#define IPTXFCR 0xBCu
#define STS0 0xE0u
#define RFDR 0x100u
#define TFDR 0x180u
#define LUT 0x200u
#define MCR0_SWRESET (1u << 0)
#define MCR0_MDIS (1u << 1)
#define STS0_IDLE 3u /* SEQIDLE | ARBIDLE */
#define INTR_IPCMDDONE (1u << 0)
#define INTR_IPRXWA (1u << 5)
#define INTR_IPTXWE (1u << 6)
#define LUTI(op, pads, operand) (((op) << 10) | ((pads) << 8) | (operand))
#define CMD 0x01u
#define RADDR 0x02u
#define WRITE 0x08u
#define READ 0x09u

/* Writes LUT entry `seq` (its first two words) between unlock and lock. */
RAMFUNC __attribute__((unused)) static void lut_set(uint32_t seq, uint32_t word0, uint32_t word1) {
  FS(LUTKEY) = 0x5AF05AF0u;
  FS(LUTCR) = 2u; /* unlock */
  FS(LUT + 16 * seq) = word0;
  FS(LUT + 16 * seq + 4) = word1;
  FS(LUTKEY) = 0x5AF05AF0u;
  FS(LUTCR) = 1u; /* lock */
}

RAMFUNC __attribute__((unused)) static void ip_start(uint32_t seq, uint32_t address,
                                                     uint32_t size) {
  FS(IPCR0) = address;
  FS(IPCR1) = (seq << 16) | size;
  FS(IPCMD) = 1u;
}

RAMFUNC __attribute__((unused)) static void ip_done(void) {
  while (!(FS(INTR) & INTR_IPCMDDONE)) {
  }
  FS(INTR) = INTR_IPCMDDONE;
}

/* A command without data (write enable, erase) at `address`. */
RAMFUNC __attribute__((unused)) static void ip_command(uint32_t seq, uint32_t address) {
  ip_start(seq, address, 0);
  ip_done();
}

/* Up to 4 bytes read by sequence `seq` (a status register, a word of the array). */
RAMFUNC __attribute__((unused)) static uint32_t ip_read(uint32_t seq, uint32_t address,
                                                        uint32_t size) {
  FS(IPRXFCR) = 1u; /* CLRIPRXF */
  ip_start(seq, address, size);
  ip_done();
  const uint32_t v = FS(RFDR);
  FS(INTR) = INTR_IPRXWA;
  return v;
}

/* Up to 8 bytes written by sequence `seq` through the TX FIFO (watermark 8 bytes). */
RAMFUNC __attribute__((unused)) static void ip_write(uint32_t seq, uint32_t address, uint32_t lo,
                                                     uint32_t hi, uint32_t size) {
  FS(IPTXFCR) = 1u; /* CLRIPTXF */
  ip_start(seq, address, size);
  while (!(FS(INTR) & INTR_IPTXWE)) {
  }
  FS(TFDR) = lo;
  FS(TFDR + 4) = hi;
  FS(INTR) = INTR_IPTXWE; /* push the bytes */
  ip_done();
}

/* Polls the status register (sequence `status_seq`: 05h, one byte) until WIP (bit 0) clears. */
RAMFUNC __attribute__((unused)) static void wait_ready(uint32_t status_seq) {
  while (ip_read(status_seq, 0, 1) & 1u) {
  }
}
