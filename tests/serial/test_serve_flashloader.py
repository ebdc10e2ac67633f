#!/usr/bin/env python3
"""NXP's own flashloader binary on the simulated CPU, end to end through a pseudo-terminal:
`xipsim serve` on an RT1060 with an IS25WP064A (QE set) and an empty flash, so the ROM serves
SDP. The clients (written from serial-protocols.md) write MCUBootUtility's RT1062 flashloader
(corpus mcubootutility/src/targets/MIMXRT1064/ivt_flashloader.bin) to 0x2020_8200 and jump to its
IVT there (serial-protocols.md §2). From then on only the binary's own code answers: it times the
ping's falling edges on GPIO1_IO13 (its autobaud), then speaks the MCU bootloader protocol through
LPUART1 with interrupts, probes the flash's SFDP for option 0xC0000007 through the FlexSPI
model, erases, programs and reads. Expected values: the ping bytes and packet size from
serial-protocols.md; the flash's attributes are the part's geometry (IS25WP064A: 8 MiB, 256-byte
pages, 4 KiB sectors, 64 KiB blocks), the same the C++ model answers (test_serve_blhost.py); after
reset the binary resets the chip (SYSRESETREQ) and the ROM, finding the test bytes where the FCB
should be (first word 0x03020100), is back in its serial downloader.
The same runs on RT1050 with MCUBootUtility's RT1052 flashloader (its load address is the same).
Usage: test_serve_flashloader.py XIPSIM CORPUS_DIR [CHIP TARGET] (default RT1060 MIMXRT1064)"""
import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402
from mboot_client import Client  # noqa: E402
from sdp_client import HAB_OPEN, Sdp  # noqa: E402

xipsim, corpus = sys.argv[1:3]
chip, target = sys.argv[3:5] if len(sys.argv) > 4 else ("RT1060", "MIMXRT1064")
loader = open(os.path.join(corpus, f"mcubootutility/src/targets/{target}/ivt_flashloader.bin"),
              "rb").read()


with tempfile.TemporaryDirectory() as tmp:
    report = os.path.join(tmp, "serve.json")
    proc = subprocess.Popen([xipsim, "serve", "--chip", chip, "--flash", "IS25WP064A", "--qe",
                             "--uart", "pty", "--json", report, "--log", os.path.join(tmp, "log")],
                            stdout=subprocess.PIPE, text=True)
    try:
        c = Client(proc.stdout.readline().strip(), timeout=20)
        sdp = Sdp(c)
        check("SDP WRITE_FILE the flashloader", sdp.write_file(0x20208200, loader),
              (HAB_OPEN, 0x88888888))
        check("SDP JUMP_ADDRESS", sdp.jump(0x20208200), HAB_OPEN)
        check("the binary answers the ping", c.ping().hex(), "5aa7000201500000aaea")
        status, (version,) = c.get_property(1)
        check("get-property 1: 'K' 2.x", (status, version >> 24, version >> 16 & 0xFF),
              (0, 0x4B, 2))
        check("get-property 11 (MaxPacketSize)", c.get_property(11), (0, [512]))
        check("option word 0xC0000007 into OCRAM",
              c.write_memory(0x20202000, struct.pack("<I", 0xC0000007)), 0)
        check("configure-memory 9 (the binary probes SFDP)", c.generic(0x11, [9, 0x20202000]), 0)
        check("get-property 25 9: the part's geometry, as the model answers",
              c.get_property(25, 9), (0, [0x1F, 0x60000000, 8192, 256, 4096, 65536]))
        check("flash-erase-region one sector", c.generic(0x02, [0x60000000, 0x1000, 9]), 0)
        data = bytes(range(256)) * 4
        check("write-memory 1 KiB", c.write_memory(0x60000000, data), 0)
        status, back = c.read_memory(0x60000000, len(data))
        check("read-memory returns it", (status, back == data), (0, True))
        check("reset", c.generic(0x0B, []), 0)
        time.sleep(1)
        check("the ROM's serial downloader answers again", sdp.error_status()[0], HAB_OPEN)
        c.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    doc = json.load(open(report))
    resets = doc["execution"]["resets"] if doc["execution"] else []
    check("the binary reset the chip", [r["source"] for r in resets], ["AIRCR.SYSRESETREQ"])
    check("the ROM found the written bytes, not an FCB",
          any("0x03020100" in r["boot"] for r in resets), True)

finish()
