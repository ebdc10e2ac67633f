#!/usr/bin/env python3
"""Every xipsim command's JSON against docs/schema/*.schema.json (Debian's python3-jsonschema).

Runs inspect, boot and run on inputs that reach the different shapes of each report (valid and
invalid images, unsupported chips, booted, failed with causes, non-XIP, a DCD, a whole scenario
library) and fails on the first output that does not validate, naming the command.
Usage: validate_outputs.py XIPSIM SCHEMA_DIR CORPUS_DIR SCENARIO_DIR
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

xipsim, schema_dir, corpus, scenarios = sys.argv[1:5]
store = {}
for path in glob.glob(os.path.join(schema_dir, "*.schema.json")):
    with open(path) as f:
        s = json.load(f)
    store[s["$id"]] = s


def validator(name):
    schema = store["https://xipsim.invalid/schema/xipsim-" + name + ".schema.json"]
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, resolver=resolver)


def errors_of(name, doc):
    return sorted(validator(name).iter_errors(doc), key=lambda e: list(e.path))


def check(name, args, doc=None):
    if doc is None:
        out = subprocess.run([xipsim] + args, capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(f"FAIL {' '.join(args)}: exit {out.returncode}: {out.stderr}")
        doc = json.loads(out.stdout)
    errors = errors_of(name, doc)
    if errors:
        e = errors[0]
        sys.exit(f"FAIL {name} for {' '.join(args)}: at {'/'.join(map(str, e.path))}: {e.message}")
    print(f"ok   {name}: {' '.join(args)}")
    return doc


c = lambda rel: os.path.join(corpus, rel)
evkb = c("mcubootutility/apps/NXP_MIMXRT1060-EVKB_Rev.B/led_blinky_0x60002000_fdcb.hex")
dcd = c("mcubootutility/apps/NXP_MIMXRT1060-EVK_Rev.A1/led_blinky_0x60005000_fdcb_ivt_dcd.bin")
rt1170 = c("mcubootutility/apps/NXP_MIMXRT1170-EVK_Rev.A/cm7/led_blinky_0x30002000_fdcb_ivt.bin")
no_header = c("mcubootutility/apps/invalid_vector/led_blinky_0x60000000.srec")
ahab = sorted(glob.glob(c("spsdk/**/mimxrt118*/**/*.bin"), recursive=True))

inspect_args = [["--chip", "RT1060", "--flash", "W25Q64JV-IQ", evkb],
                ["--chip", "RT1060", dcd],
                ["--chip", "RT1060", "--hab", "closed", dcd],
                [rt1170],
                ["--chip", "RT1060", rt1170],
                ["--chip", "RT1060", no_header]] + [[a] for a in ahab[:2]]
docs = [check("inspect-2", ["inspect", "--json"] + args) for args in inspect_args]

# The schemas can say no: a v1 spelling, a string address and a missing key are each refused.
for spoil in (lambda d: d["fcb"].update(readSampleClkSrc=d["fcb"].pop("read_sample_clk_src")),
              lambda d: d["ivt"].update(entry="0x60002000"),
              lambda d: d.pop("valid")):
    d = json.loads(json.dumps(docs[0]))
    spoil(d)
    if not errors_of("inspect-2", d):
        sys.exit("FAIL the inspect schema accepts a spoiled report")
print("ok   spoiled reports are refused")

for args in (["--chip", "RT1060", "--flash", "W25Q64JV-IQ", evkb],
             ["--chip", "RT1060", "--flash", "IS25WP064A", "--dqs", "loaded", evkb],
             ["--chip", "RT1060", "--flash", "W25Q64JV-IQ", "--qe", dcd],
             ["--chip", "RT1060", "--flash", "W25Q64JV-IQ", "--fuse", "0x460=0x2", evkb],
             ["--chip", "RT1060", "--flash", "W25Q64JV-IQ", no_header],
             ["--chip", "RT1060", "--flash", "W25Q64JV-IQ", "--run", "250ms", evkb]):
    check("boot-2", ["boot", "--json"] + args)

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "run.json")
    files = sorted(glob.glob(os.path.join(scenarios, "*.yaml")))
    bad = os.path.join(tmp, "bad.yaml")
    with open(bad, "w") as f:
        f.write("board: {chip: RT1060}\n")
    r = subprocess.run([xipsim, "run", "-j", "2", "--json", out] + files + [bad],
                       capture_output=True, text=True)
    if r.returncode not in (1, 2):  # the bad file is an error result
        sys.exit(f"FAIL run: exit {r.returncode}: {r.stderr}")
    with open(out) as f:
        check("run-2", ["run", "--json", "<library + a bad file>"], json.load(f))
