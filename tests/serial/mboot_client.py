"""A blhost-like MCU bootloader client, written from ../shared/docs/serial-protocols.md §1b and
independent of xipsim's own codec: framing, CRC-16/XMODEM, ACKs, data phases, ping. It talks to a
serial device path (a pseudo-terminal) with the standard library only."""
import os
import select
import struct
import termios
import time
import tty


def crc16(data, crc=0):
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


class MbootError(Exception):
    pass


class Client:
    def __init__(self, path, baud=termios.B115200, timeout=5.0):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)
        attrs = termios.tcgetattr(self.fd)
        attrs[4] = attrs[5] = baud
        termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
        self.timeout = timeout
        self.sent = bytearray()  # everything written, for tests that inspect the wire

    def close(self):
        os.close(self.fd)

    def write(self, data):
        self.sent += data
        os.write(self.fd, bytes(data))

    def read(self, n):
        out = bytearray()
        end = time.monotonic() + self.timeout
        while len(out) < n:
            left = end - time.monotonic()
            if left <= 0:
                raise MbootError(f"timeout: {len(out)} of {n} bytes ({out.hex()})")
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                out += os.read(self.fd, n - len(out))
        return bytes(out)

    def read_start(self):
        # skips junk and zeros before the 5A, as spsdk does
        for _ in range(64):
            if self.read(1) == b"\x5a":
                return
        raise MbootError("no 5A start byte")

    def ping(self, tries=3):
        # spsdk pings with a timeout of max(500 ms, timeout / 10), up to 3 times: a flashloader
        # that has just started may not be listening yet, and times the ping's edges (autobaud).
        for attempt in range(tries):
            saved, self.timeout = self.timeout, max(0.5, self.timeout / 10)
            try:
                self.write(b"\x5a\xa6")
                self.read_start()
                break
            except MbootError:
                if attempt == tries - 1:
                    raise
            finally:
                self.timeout = saved
        rest = self.read(9)
        # answers to an earlier try may still come: a new session starts with an empty input,
        # as a tool reopening the port has
        time.sleep(0.2)
        termios.tcflush(self.fd, termios.TCIFLUSH)
        if rest[0] != 0xA7:
            raise MbootError(f"ping answered with type {rest[0]:02X}")
        if crc16(b"\x5a" + rest[:7]) != struct.unpack("<H", rest[7:9])[0]:
            raise MbootError("ping response CRC")
        return b"\x5a" + rest

    def frame(self, ftype, payload):
        head = bytes([0x5A, ftype]) + struct.pack("<H", len(payload))
        return head + struct.pack("<H", crc16(head + payload)) + payload

    def expect_ack(self):
        self.read_start()
        t = self.read(1)[0]
        if t != 0xA1:
            raise MbootError(f"expected ACK, got 5A {t:02X}")

    def read_frame(self):
        self.read_start()
        head = self.read(5)
        ftype, length, crc = head[0], *struct.unpack("<HH", head[1:])
        payload = self.read(length)
        if crc16(bytes([0x5A, ftype]) + head[1:3] + payload) != crc:
            raise MbootError("response CRC")
        self.write(b"\x5a\xa1")
        return ftype, payload

    def response(self):
        ftype, payload = self.read_frame()
        if ftype != 0xA4:
            raise MbootError(f"expected a command frame, got {ftype:02X}")
        tag, _, _, n = payload[:4]
        return tag, list(struct.unpack(f"<{n}I", payload[4:4 + 4 * n]))

    def command(self, tag, params, flags=0):
        payload = bytes([tag, flags, 0, len(params)]) + b"".join(struct.pack("<I", p) for p in params)
        self.write(self.frame(0xA4, payload))
        self.expect_ack()
        return self.response()

    def get_property(self, prop, mem=0):
        tag, params = self.command(0x07, [prop, mem])
        assert tag == 0xA7, tag
        return params[0], params[1:]

    def generic(self, tag, params):
        rtag, out = self.command(tag, params)
        assert rtag == 0xA0 and out[1] == tag, (rtag, out)
        return out[0]

    def write_memory(self, address, data, mem=0, packet=512):
        rtag, out = self.command(0x04, [address, len(data), mem], flags=1)
        if out[0] != 0:
            return out[0]
        for i in range(0, len(data), packet):
            self.write(self.frame(0xA5, bytes(data[i:i + packet])))
            self.expect_ack()
        _, final = self.response()
        return final[0]

    def read_memory(self, address, length, mem=0):
        rtag, out = self.command(0x03, [address, length, mem])
        assert rtag == 0xA3, rtag
        if out[0] != 0:
            return out[0], b""
        data = bytearray()
        while len(data) < out[1]:
            ftype, payload = self.read_frame()
            assert ftype == 0xA5, ftype
            data += payload
        _, final = self.response()
        return final[0], bytes(data)
