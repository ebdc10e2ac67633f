#!/usr/bin/env python3
"""Wall time of a 1 MiB write-memory through `xipsim serve` at 115200 baud (issue 17's
performance item). Not a Google Benchmark: what is measured crosses a process and a
pseudo-terminal, so this drives the real session with the tests' client and prints the numbers.
A board at 115200 baud moves at most 11520 bytes/s (10 bits a byte), before protocol overhead:
1 MiB takes at least 91 s there.
Usage: serve_write_1mib.py XIPSIM CORPUS_DIR [model|binary] [KiB, default 1024]"""
import os
import signal
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "serial"))
from mboot_client import Client  # noqa: E402
from sdp_client import Sdp  # noqa: E402

xipsim, corpus = sys.argv[1:3]
mode = sys.argv[3] if len(sys.argv) > 3 else "model"
kib = int(sys.argv[4]) if len(sys.argv) > 4 else 1024
loader = open(os.path.join(corpus, "mcubootutility/src/targets/MIMXRT1064/ivt_flashloader.bin"),
              "rb").read()
args = [xipsim, "serve", "--chip", "RT1060", "--flash", "IS25WP064A", "--qe", "--uart", "pty",
        "--log", "/dev/null"] + (["--flashloader", "model"] if mode == "model" else [])
proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
try:
    c = Client(proc.stdout.readline().strip(), timeout=600)
    sdp = Sdp(c)
    sdp.write_file(0x20208200, loader)
    sdp.jump(0x20208200)
    c.ping()
    c.write_memory(0x20202000, struct.pack("<I", 0xC0000007))
    assert c.generic(0x11, [9, 0x20202000]) == 0
    size = kib * 1024
    t0 = time.monotonic()
    assert c.generic(0x02, [0x60000000, size, 9]) == 0
    erase = time.monotonic() - t0
    data = bytes((i * 7) & 0xFF for i in range(size))
    t0 = time.monotonic()
    assert c.write_memory(0x60000000, data) == 0
    write = time.monotonic() - t0
    print(f"{mode}: erase {kib} KiB {erase:.1f} s wall; write-memory {kib} KiB {write:.1f} s wall, "
          f"{size / write:.0f} B/s (a board at 115200 baud: at most 11520 B/s)")
finally:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
