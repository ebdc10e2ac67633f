"""What the serial end-to-end tests share: a named check that prints ok/FAIL and remembers
failures, and the exit status from them."""
import sys

failures = []


def check(what, got, want):
    ok = got == want
    print(f"{'ok  ' if ok else 'FAIL'} {what}: {got!r}" + ("" if ok else f" (expected {want!r})"))
    if not ok:
        failures.append(what)


def finish():
    sys.exit(1 if failures else 0)
