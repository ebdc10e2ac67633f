#!/usr/bin/env python3
"""End to end through a pseudo-terminal: `xipsim serve --flashloader model` on an RT1060 with an
IS25WP064A (QE set, as on the EVK) and an empty flash: the ROM finds no FCB and serves SDP. The
clients (sdp_client.py and mboot_client.py, written from serial-protocols.md) ask the error
status, write NXP's RT1062 flashloader from the corpus to 0x2020_8200 and jump to its IVT there
(MCUBootUtility's load address, serial-protocols.md §2); the flashloader model stands in for the
binary and answers: ping, properties, configures the flash with option 0xC0000007 (SFDP),
erases, writes the RT1060 EVK blinky from the corpus, reads it back, resets; the ROM then boots it
(verdict and entry in the session's JSON report). Expected values: the ping bytes for P1.2.0 and
the property values from serial-protocols.md, the flash geometry from the part's datasheet values
in flash-parts.md (8 MiB, 256-byte pages, 4 KiB sectors, 64 KiB blocks), the entry 0x6000_5000
from the corpus MANIFEST. Also: a frame with a bad CRC is NAKed and the session goes on.
The report is checked against docs/schema/xipsim-serve-1.schema.json.
Usage: test_serve_blhost.py XIPSIM CORPUS_DIR SCHEMA_DIR"""
import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import time

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402
from mboot_client import Client  # noqa: E402
from sdp_client import HAB_OPEN, Sdp  # noqa: E402

xipsim, corpus, schema_dir = sys.argv[1:4]
image_path = os.path.join(corpus, "mcubootutility/apps/NXP_MIMXRT1060-EVK_Rev.A1/"
                          "led_blinky_0x60005000_fdcb_ivt.bin")
image = open(image_path, "rb").read()
loader = open(os.path.join(corpus, "mcubootutility/src/targets/MIMXRT1064/ivt_flashloader.bin"),
              "rb").read()


with tempfile.TemporaryDirectory() as tmp:
    report = os.path.join(tmp, "serve.json")
    log = os.path.join(tmp, "serve.log")
    proc = subprocess.Popen([xipsim, "serve", "--chip", "RT1060", "--flash", "IS25WP064A", "--qe",
                             "--uart", "pty", "--flashloader", "model", "--json", report,
                             "--log", log], stdout=subprocess.PIPE, text=True)
    try:
        path = proc.stdout.readline().strip()
        check("the port is a pseudo-terminal", path.startswith("/dev/pts/"), True)
        c = Client(path)
        sdp = Sdp(c)
        check("SDP ERROR_STATUS (HAB open, success)", sdp.error_status(), (HAB_OPEN, 0xF0F0F0F0))
        check("SDP READ_REGISTER SRC_SBMR2 (BOOT_MODE 10: internal)",
              (lambda r: (r[0], struct.unpack("<I", r[1])[0] >> 24 & 3))(
                  sdp.read_register(0x400F801C)), (HAB_OPEN, 2))
        check("SDP WRITE_FILE into ROM-reserved OCRAM is refused",
              sdp.write_file(0x20200000, b"\0" * 16), (HAB_OPEN, 0x33333333))
        check("SDP WRITE_FILE the flashloader", sdp.write_file(0x20208200, loader),
              (HAB_OPEN, 0x88888888))
        check("SDP JUMP_ADDRESS", sdp.jump(0x20208200), HAB_OPEN)
        check("ping", c.ping().hex(), "5aa7000201500000aaea")
        check("get-property 1 (CurrentVersion K2.8.0)", c.get_property(1), (0, [0x4B020800]))
        check("get-property 11 (MaxPacketSize)", c.get_property(11), (0, [512]))
        # A frame whose CRC does not match: NAK, and the next command still works.
        bad = bytearray(c.frame(0xA4, bytes([0x07, 0, 0, 1, 1, 0, 0, 0])))
        bad[4] ^= 0xFF
        c.write(bad)
        c.read_start()
        check("a bad CRC is NAKed", c.read(1), b"\xa2")
        check("option word 0xC0000007 into OCRAM",
              c.write_memory(0x20202000, struct.pack("<I", 0xC0000007)), 0)
        check("configure-memory 9", c.generic(0x11, [9, 0x20202000]), 0)
        check("get-property 25 9 (attributes)", c.get_property(25, 9),
              (0, [0x1F, 0x60000000, 8192, 256, 4096, 65536]))
        size = (len(image) + 0xFFF) // 0x1000 * 0x1000
        check("flash-erase-region", c.generic(0x02, [0x60000000, size, 9]), 0)
        t0 = time.monotonic()
        check(f"write-memory {len(image)} bytes", c.write_memory(0x60000000, image), 0)
        wall = time.monotonic() - t0
        print(f"info write-memory: {len(image)} bytes in {wall:.2f} s wall "
              f"({len(image) / wall:.0f} B/s; a board at 115200 baud: at most 11520 B/s)")
        status, back = c.read_memory(0x60000000, len(image))
        check("read-memory status", status, 0)
        check("read-memory returns the image", back == image, True)
        check("reset", c.generic(0x0B, []), 0)
        time.sleep(0.5)
        c.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    check("serve exits 0", proc.returncode, 0)
    doc = json.load(open(report))
    store = {}
    for name in os.listdir(schema_dir):
        if name.endswith(".schema.json"):
            schema = json.load(open(os.path.join(schema_dir, name)))
            store[schema["$id"]] = schema
    serve_schema = store["https://xipsim.invalid/schema/xipsim-serve-1.schema.json"]
    resolver = jsonschema.RefResolver.from_schema(serve_schema, store=store)
    errors = list(jsonschema.Draft202012Validator(serve_schema, resolver=resolver).iter_errors(doc))
    check("the report follows xipsim-serve-1.schema.json",
          [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:3]], [])
    check("the ROM booted the written image after the reset", doc["boot"]["verdict"], "booted")
    if doc["boot"]["verdict"] != "booted":
        print("     ", doc["boot"]["failed_step"], doc["boot"]["reason"])
    check("entry", doc["boot"]["entry"], 0x60005000)
    narration = open(log).read()
    check("the narration names configure-memory", "configure-memory 0x9 0x20202000" in narration,
          True)

finish()
