/* Registers the test firmware uses, with the addresses of the SDK device header MIMXRT1062.h
   and the ARMv7-M system control space; and small helpers. */
#pragma once
#include <stdint.h>

#define REG(a) (*(volatile uint32_t*)(a))
/* System control space (ARMv7-M B3.2, B3.3, B3.4) */
#define SYST_CSR REG(0xE000E010)
#define SYST_RVR REG(0xE000E014)
#define SYST_CVR REG(0xE000E018)
#define NVIC_ISER(n) REG(0xE000E100 + 4 * (n))
#define NVIC_IPR8(n) (*(volatile uint8_t*)(0xE000E400 + (n)))
#define NVIC_STIR REG(0xE000EF00)
#define SCB_ICSR REG(0xE000ED04)
#define SCB_VTOR REG(0xE000ED08)
#define SCB_AIRCR REG(0xE000ED0C)
#define SCB_CCR REG(0xE000ED14)
#define SCB_SHPR(n) (*(volatile uint8_t*)(0xE000ED18 + (n)-4))
#define SCB_SHCSR REG(0xE000ED24)
#define SCB_CFSR REG(0xE000ED28)
#define SCB_HFSR REG(0xE000ED2C)
#define SCB_BFAR REG(0xE000ED38)
#define SCB_ICIALLU REG(0xE000EF50)
#define DWT_CTRL REG(0xE0001000)
#define DWT_CYCCNT REG(0xE0001004)
/* RT1060 CCM, CCM_ANALOG, GPIO1, LPUART1 (SDK MIMXRT1062.h) */
#define CCM_CACRR REG(0x400FC010)
#define CCM_CBCDR REG(0x400FC014)
#define CCM_CBCMR REG(0x400FC018)
#define PLL_ARM REG(0x400D8000)
#define GPIO1_DR REG(0x401B8000)
#define GPIO1_GDIR REG(0x401B8004)
#define GPIO1_DR_TOGGLE REG(0x401B808C)
#define LPUART1_CTRL REG(0x40184018)
#define LPUART1_STAT REG(0x40184014)
#define LPUART1_DATA REG(0x4018401C)
/* SRC, WDOG1 (16-bit registers), RTWDOG (SDK MIMXRT1062.h) */
#define SRC_SRSR REG(0x400F8008)
#define REG16(a) (*(volatile uint16_t*)(a))
#define WDOG1_WCR REG16(0x400B8000)
#define WDOG1_WSR REG16(0x400B8002)
#define WDOG1_WRSR REG16(0x400B8004)
#define RTWDOG_CS REG(0x400BC000)
#define RTWDOG_CNT REG(0x400BC004)
#define RTWDOG_TOVAL REG(0x400BC008)

/* ARM PLL to 1200 MHz (DIV_SELECT 100: 24 MHz * 100 / 2), ARM_PODF /2, AHB_PODF /1, the core
   from PRE_PERIPH_CLK (PLL1 / ARM_PODF): 600 MHz, as the SDK's BOARD_BootClockRUN. */
static inline void clock_600mhz(void) {
  PLL_ARM = (1u << 13) | 100u; /* ENABLE, powered (POWERDOWN 0), not bypassed */
  while (!(PLL_ARM & (1u << 31))) {
  }
  CCM_CACRR = 1;                                      /* ARM_PODF: /2 */
  CCM_CBCMR = (CCM_CBCMR & ~(3u << 18)) | (3u << 18); /* PRE_PERIPH_CLK_SEL: PLL1 */
  CCM_CBCDR &= ~((7u << 10) | (1u << 25));            /* AHB_PODF /1, PERIPH_CLK_SEL 0 */
}

/* The I-cache on, as CMSIS SCB_EnableICache: invalidate all, then CCR.IC (bit 17). */
static inline void icache_on(void) {
  __asm volatile("dsb\n isb");
  SCB_ICIALLU = 0;
  __asm volatile("dsb\n isb");
  SCB_CCR |= 1u << 17;
  __asm volatile("dsb\n isb");
}

static inline void uart_putc(char c) {
  while (!(LPUART1_STAT & (1u << 23))) { /* TDRE */
  }
  LPUART1_DATA = (uint8_t)c;
}
static inline void uart_puts(const char* s) {
  LPUART1_CTRL |= 1u << 19; /* TE */
  while (*s)
    uart_putc(*s++);
}
static inline void uart_hex(uint32_t v) {
  for (int i = 28; i >= 0; i -= 4)
    uart_putc("0123456789ABCDEF"[(v >> i) & 0xF]);
}
#define HALT(code) __asm volatile("bkpt #" #code)
