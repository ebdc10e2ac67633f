"""An sdphost-like client for the i.MX RT ROM's serial downloader, written from
../shared/docs/serial-protocols.md §1a: 16-byte big-endian commands, the HAB mode word first in
every answer. Uses an open file descriptor (a pseudo-terminal set up by mboot_client.Client)."""
import struct

HAB_OPEN, HAB_CLOSED = 0x56787856, 0x12343412


class Sdp:
    def __init__(self, port):
        self.port = port  # an mboot_client.Client: write() and read(n)

    def command(self, ctype, address=0, fmt=0, count=0, data=0):
        self.port.write(struct.pack(">HIBIIB", ctype, address, fmt, count, data, 0))

    def word(self):
        return struct.unpack("<I", self.port.read(4))[0]

    def error_status(self):
        self.command(0x0505)
        return self.word(), self.word()

    def read_register(self, address, count=4):
        self.command(0x0101, address, 32, count)
        return self.word(), self.port.read(count)

    def write_register(self, address, value):
        self.command(0x0202, address, 32, 0, value)
        return self.word(), self.word()

    def write_file(self, address, data):
        self.command(0x0404, address, 0, len(data))
        self.port.write(data)
        return self.word(), self.word()

    def jump(self, address):
        self.command(0x0B0B, address)
        return self.word()
