// FlexSPI register map, RT1060 numbering (boot-reference §4.1), with the RT1170 difference of
// eight AHB RX buffer control registers (0x20-0x3C, §4.2). Names, fields and reset values follow
// the reference manual / SDK header names.
#pragma once

#include <cstdint>
#include <vector>

#include "xipsim/core/register_table.h"
#include "xipsim/flexspi/seq_errors.h"

namespace xipsim::flexspi {

namespace reg {
constexpr std::uint32_t MCR0 = 0x00, MCR1 = 0x04, MCR2 = 0x08, AHBCR = 0x0C, INTEN = 0x10,
                        INTR = 0x14, LUTKEY = 0x18, LUTCR = 0x1C, AHBRXBUF0CR0 = 0x20,
                        FLSHA1CR0 = 0x60, FLSHA1CR1 = 0x70, FLSHA1CR2 = 0x80, FLSHCR4 = 0x94,
                        IPCR0 = 0xA0, IPCR1 = 0xA4, IPCMD = 0xB0, IPRXFCR = 0xB8, IPTXFCR = 0xBC,
                        DLLCRA = 0xC0, DLLCRB = 0xC4, STS0 = 0xE0, STS1 = 0xE4, STS2 = 0xE8,
                        AHBSPNDSTS = 0xEC, IPRXFSTS = 0xF0, IPTXFSTS = 0xF4, RFDR0 = 0x100,
                        TFDR0 = 0x180, LUT0 = 0x200;
constexpr std::uint32_t kSpan = 0x300;
constexpr std::uint32_t kFifoWindowBytes = 0x80;  // RFDR[32], TFDR[32]
constexpr std::uint32_t kLutWords = 64;
constexpr std::uint32_t kLutKey = 0x5AF05AF0;  // §3.3
}  // namespace reg

// Bit masks (names as in the SDK header).
namespace bits {
constexpr std::uint32_t MCR0_SWRESET = 1u << 0, MCR0_MDIS = 1u << 1, MCR0_HSEN = 1u << 11;
constexpr std::uint32_t AHBCR_APAREN = 1u << 0, AHBCR_CLRAHBRXBUF = 1u << 1,
                        AHBCR_CLRAHBTXBUF = 1u << 2, AHBCR_CACHABLEEN = 1u << 3,
                        AHBCR_BUFFERABLEEN = 1u << 4, AHBCR_PREFETCHEN = 1u << 5,
                        AHBCR_READADDROPT = 1u << 6;
constexpr std::uint32_t INTR_IPCMDDONE = 1u << 0, INTR_IPCMDGE = 1u << 1, INTR_AHBCMDGE = 1u << 2,
                        INTR_IPCMDERR = 1u << 3, INTR_AHBCMDERR = 1u << 4, INTR_IPRXWA = 1u << 5,
                        INTR_IPTXWE = 1u << 6, INTR_SCKSTOPBYRD = 1u << 8,
                        INTR_SCKSTOPBYWR = 1u << 9, INTR_AHBBUSTIMEOUT = 1u << 10,
                        INTR_SEQTIMEOUT = 1u << 11;
constexpr std::uint32_t LUTCR_LOCK = 1u << 0, LUTCR_UNLOCK = 1u << 1;
constexpr std::uint32_t AHBRXBUF_PREFETCHEN = 1u << 31;
constexpr std::uint32_t FLSHCR2_CLRINSTRPTR = 1u << 31;
constexpr std::uint32_t IPCMD_TRG = 1u << 0;
constexpr std::uint32_t FIFO_CLR = 1u << 0;  // IPRXFCR.CLRIPRXF / IPTXFCR.CLRIPTXF
constexpr std::uint32_t DLLCR_DLLEN = 1u << 0, DLLCR_OVRDEN = 1u << 8;
constexpr std::uint32_t STS0_SEQIDLE = 1u << 0, STS0_ARBIDLE = 1u << 1;
}  // namespace bits

// Multi-bit fields (boot-reference §4.1, SDK header names without the FLEXSPI_ prefix).
namespace field {
constexpr Field MCR0_RXCLKSRC{4, 2}, MCR0_SERCLKDIV{8, 3}, MCR0_IPGRANTWAIT{16, 8},
    MCR0_AHBGRANTWAIT{24, 8};
constexpr Field MCR1_AHBBUSWAIT{0, 16}, MCR1_SEQWAIT{16, 16};
constexpr Field AHBRXBUFCR0_BUFSZ{0, 8}, AHBRXBUFCR0_MSTRID{16, 4}, AHBRXBUFCR0_PRIORITY{24, 2};
constexpr Field FLSHCR0_FLSHSZ{0, 23};
constexpr Field FLSHCR1_TCSS{0, 5}, FLSHCR1_TCSH{5, 5}, FLSHCR1_WA{10, 1}, FLSHCR1_CAS{11, 4},
    FLSHCR1_CSINTERVALUNIT{15, 1}, FLSHCR1_CSINTERVAL{16, 16};
constexpr Field FLSHCR2_ARDSEQID{0, 4}, FLSHCR2_ARDSEQNUM{5, 3}, FLSHCR2_AWRSEQID{8, 4},
    FLSHCR2_AWRSEQNUM{13, 3};
constexpr Field IPCR1_IDATSZ{0, 16}, IPCR1_ISEQID{16, 4}, IPCR1_ISEQNUM{24, 3};
constexpr Field IPRXFCR_RXWMRK{2, 4}, IPTXFCR_TXWMRK{2, 4};
constexpr Field DLLCR_SLVDLYTARGET{3, 4}, DLLCR_OVRDVAL{9, 6};
constexpr Field IPRXFSTS_FILL{0, 8}, IPRXFSTS_RDCNTR{16, 16}, IPTXFSTS_FILL{0, 8},
    IPTXFSTS_WRCNTR{16, 16};
constexpr Field STS1_AHBCMDERRID{0, 4}, STS1_AHBCMDERRCODE{8, 4}, STS1_IPCMDERRID{16, 4},
    STS1_IPCMDERRCODE{24, 4};
}  // namespace field

// The register table for a FlexSPI instance with `ahb_rx_buffers` (4 on RT10xx, 8 on RT1170).
std::vector<RegisterDef> register_table(unsigned ahb_rx_buffers);

}  // namespace xipsim::flexspi
