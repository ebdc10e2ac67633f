#!/usr/bin/env python3
"""`xipsim serve --uart tcp:0` with a client that misbehaves: garbage before a command, an SDP
WRITE_FILE announced at 1000 bytes of which only 10 come, then the client vanishes. The board
answers what it can (ERROR_STATUS after the garbage: the ROM takes 16 bytes as a command, so the
garbage is sent as whole junk commands and answered with the failure word), the cut-off transfer
is logged with its byte count, and the session ends by itself with exit 0 and its JSON report
(no hang, no crash). Written from serial-protocols.md §1a.
Usage: test_serve_tcp.py XIPSIM"""
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

xipsim = sys.argv[1]


def read(sock, n):
    out = b""
    while len(out) < n:
        chunk = sock.recv(n - len(out))
        if not chunk:
            break
        out += chunk
    return out


with tempfile.TemporaryDirectory() as tmp:
    report, log = os.path.join(tmp, "serve.json"), os.path.join(tmp, "log")
    proc = subprocess.Popen([xipsim, "serve", "--chip", "RT1060", "--flash", "W25Q64JV-IQ",
                             "--uart", "tcp:0", "--json", report, "--log", log],
                            stdout=subprocess.PIPE, text=True)
    host, port = proc.stdout.readline().strip().split(":")
    check("a loopback address", host, "127.0.0.1")
    s = socket.create_connection((host, int(port)), timeout=30)
    s.sendall(b"\xde\xad" * 8)  # 16 bytes of junk: one command of an unknown type
    check("junk is answered with HAB open + failure", struct.unpack("<II", read(s, 8)),
          (0x56787856, 0x33333333))
    s.sendall(struct.pack(">HIBIIB", 0x0505, 0, 0, 0, 0, 0))
    check("ERROR_STATUS reports that failure", struct.unpack("<II", read(s, 8)),
          (0x56787856, 0x33333333))
    s.sendall(struct.pack(">HIBIIB", 0x0404, 0x20210000, 0, 1000, 0, 0) + b"x" * 10)
    s.close()
    code = proc.wait(timeout=60)
    check("serve ends by itself with exit 0", code, 0)
    text = open(log).read()
    check("the cut-off transfer is logged", "the data stopped after 10 of 1000 bytes" in text, True)
    doc = json.load(open(report))
    check("the report's last step is serve", doc["steps"][-1]["step"], "serve")

finish()
