// The FlexSPI registers as the driver (firmware) sees them, written from the reference
// (boot-reference §4.1 register table and the SDK's FLEXSPI_Type field names) independently of the
// model's own table (models/flexspi/registers.h): a wrong offset or field on one side is caught
// by tests/flexspi/test_register_tables.cpp, which checks both against the reference values.
#pragma once

#include <cstdint>

#include "xipsim/core/register_table.h"

namespace xipsim::nor_driver::hw {

// Offsets from the FlexSPI base (RT10xx numbering; RT1170 has 8 AHBRXBUFnCR0 at the same base).
constexpr std::uint32_t MCR0 = 0x000, MCR1 = 0x004, MCR2 = 0x008, AHBCR = 0x00C, INTR = 0x014,
                        LUTKEY = 0x018, LUTCR = 0x01C, AHBRXBUF0CR0 = 0x020, FLSHA1CR0 = 0x060,
                        FLSHA1CR1 = 0x070, FLSHA1CR2 = 0x080, IPCR0 = 0x0A0, IPCR1 = 0x0A4,
                        IPCMD = 0x0B0, IPRXFCR = 0x0B8, IPTXFCR = 0x0BC, DLLCRA = 0x0C0,
                        DLLCRB = 0x0C4, STS0 = 0x0E0, STS1 = 0x0E4, STS2 = 0x0E8, IPRXFSTS = 0x0F0,
                        RFDR0 = 0x100, TFDR0 = 0x180, LUT0 = 0x200;
constexpr std::uint32_t kLutKeyValue = 0x5AF05AF0;  // LUTKEY.KEY

// Single bits.
constexpr std::uint32_t MCR0_SWRESET = 1u << 0, MCR0_MDIS = 1u << 1, MCR0_ARDFEN = 1u << 6,
                        MCR0_ATDFEN = 1u << 7, MCR0_HSEN = 1u << 11, MCR0_DOZEEN = 1u << 12;
constexpr std::uint32_t MCR2_SAMEDEVICEEN = 1u << 15;
constexpr std::uint32_t AHBCR_APAREN = 1u << 0, AHBCR_PREFETCHEN = 1u << 5,
                        AHBCR_READADDROPT = 1u << 6;
constexpr std::uint32_t INTR_IPCMDDONE = 1u << 0, INTR_IPCMDGE = 1u << 1, INTR_AHBCMDGE = 1u << 2,
                        INTR_IPCMDERR = 1u << 3, INTR_AHBCMDERR = 1u << 4, INTR_IPRXWA = 1u << 5,
                        INTR_IPTXWE = 1u << 6, INTR_SEQTIMEOUT = 1u << 11;
constexpr std::uint32_t LUTCR_LOCK = 1u << 0, LUTCR_UNLOCK = 1u << 1;
constexpr std::uint32_t FLSHCR2_CLRINSTRPTR = 1u << 31;
constexpr std::uint32_t IPCMD_TRG = 1u << 0;
constexpr std::uint32_t IPRXFCR_CLRIPRXF = 1u << 0, IPTXFCR_CLRIPTXF = 1u << 0;
constexpr std::uint32_t DLLCR_DLLEN = 1u << 0, DLLCR_OVRDEN = 1u << 8;
constexpr std::uint32_t STS0_SEQIDLE = 1u << 0, STS0_ARBIDLE = 1u << 1;
constexpr std::uint32_t STS2_ASLVLOCK = 1u << 0, STS2_AREFLOCK = 1u << 1, STS2_BSLVLOCK = 1u << 16,
                        STS2_BREFLOCK = 1u << 17;

// Multi-bit fields.
constexpr Field MCR0_RXCLKSRC{4, 2}, MCR0_IPGRANTWAIT{16, 8}, MCR0_AHBGRANTWAIT{24, 8};
constexpr Field MCR1_AHBBUSWAIT{0, 16}, MCR1_SEQWAIT{16, 16};
constexpr Field AHBRXBUFCR0_BUFSZ{0, 8}, AHBRXBUFCR0_MSTRID{16, 4};
constexpr Field FLSHCR1_TCSS{0, 5}, FLSHCR1_TCSH{5, 5}, FLSHCR1_WA{10, 1}, FLSHCR1_CAS{11, 4},
    FLSHCR1_CSINTERVALUNIT{15, 1}, FLSHCR1_CSINTERVAL{16, 16};
constexpr Field FLSHCR2_ARDSEQID{0, 4}, FLSHCR2_ARDSEQNUM{5, 3}, FLSHCR2_AWRSEQID{8, 4},
    FLSHCR2_AWRSEQNUM{13, 3};
constexpr Field IPCR1_IDATSZ{0, 16}, IPCR1_ISEQID{16, 4}, IPCR1_ISEQNUM{24, 3};
constexpr Field IPRXFCR_RXWMRK{2, 4}, IPTXFCR_TXWMRK{2, 4};
constexpr Field DLLCR_SLVDLYTARGET{3, 4}, DLLCR_OVRDVAL{9, 6};
constexpr Field STS1_IPCMDERRID{16, 4}, STS1_IPCMDERRCODE{24, 4};
constexpr Field IPRXFSTS_FILL{0, 8};

}  // namespace xipsim::nor_driver::hw
