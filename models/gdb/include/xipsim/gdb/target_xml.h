// The Cortex-M7 register file as this stub describes it to GDB (qXfer:features:read target.xml):
// org.gnu.gdb.arm.m-profile (r0-r12, sp, lr, pc, xpsr), org.gnu.gdb.arm.m-system (msp, psp and
// the masks and CONTROL, as OpenOCD lists them there) and org.gnu.gdb.arm.vfp (d0-d15, fpscr).
// The GDB register numbers below are the order of the description.
#pragma once

#include <string>

namespace xipsim::gdb {

namespace reg {
constexpr unsigned kR0 = 0, kSp = 13, kLr = 14, kPc = 15, kXpsr = 16;
constexpr unsigned kMsp = 17, kPsp = 18, kPrimask = 19, kBasepri = 20, kFaultmask = 21,
                   kControl = 22;
constexpr unsigned kD0 = 23, kFpscr = 39;  // d0..d15 are 23..38, 64 bits each
constexpr unsigned kCount = 40;
}  // namespace reg

unsigned register_bytes(unsigned n);  // 8 for d0-d15, else 4
const std::string& target_xml();

}  // namespace xipsim::gdb
