#!/usr/bin/env python3
"""Saves documents password-protected with real LibreOffice, for the `encrypted` bad-input fixtures.

Usage (system python with the python3-uno Debian package; see scripts/make-encrypted-fixtures.sh):
    /usr/bin/python3 scripts/save-encrypted.py PROFILE_DIR PASSWORD SRC:FILTER:OUT ...

Starts one headless soffice with a private profile, opens each SRC, stores it as OUT through the
export FILTER with the password in the media descriptor (the way File > Save As > "Save with
password" does), and shuts soffice down. Only the OUT paths are written.

The binary filters (MS Excel 97, MS Word 97) encrypt with that password. LibreOffice 7.4's OOXML
filters ignore it when driven this way (the file comes out unencrypted), so the encrypted .xlsx
case is covered by a test-built OLE2 container instead (tests/xlsx-ingest.test.ts).
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    profile, password, *jobs = sys.argv[1:]
    pipe = f"shenbao_{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{os.path.abspath(profile)}",
            "--headless",
            "--norestore",
            "--invisible",
            f"--accept=pipe,name={pipe};urp;",
        ]
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        ctx = None
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        if ctx is None:
            raise SystemExit("soffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for job in jobs:
            src, filt, out = job.split(":", 2)
            doc = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),)
            )
            doc.storeToURL(
                uno.systemPathToFileUrl(os.path.abspath(out)),
                (prop("FilterName", filt), prop("Password", password)),
            )
            doc.close(True)
            print(out, flush=True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as soffice exits
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
