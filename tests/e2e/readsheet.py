#!/usr/bin/env python3
"""Reads a spreadsheet praxis wrote, with Python's own readers, and
prints it as JSON for the end-to-end tests:

    readsheet.py csv FILE    [[cell, ...], ...]      (csv module, RFC 4180)
    readsheet.py xlsx FILE   {"SHEET": [[cell, ...], ...], ...}
                             (zipfile and xml.etree: the sheets' XML, in
                             the workbook's order)

Every cell is a string; a number is written without its fraction when
it has none. A CSV must start with the UTF-8 byte order mark and end its
records with CRLF."""
import csv
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def read_csv(path):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        sys.exit("no UTF-8 byte order mark")
    if raw[3:] and not raw.endswith(b"\r\n"):
        sys.exit("the last record does not end with CRLF")
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [row for row in csv.reader(f, strict=True)]


def col(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def number(v):
    f = float(v)
    return str(int(f)) if f == int(f) else v


def read_xlsx(path):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    rels = {r.get("Id"): r.get("Target") for r in
            ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).findall("p:Relationship", NS)}
    out = {}
    for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", NS):
        target = rels[s.get("{%s}id" % NS["r"])]
        sheet = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "", 1)))
        rows = []
        for row in sheet.find("m:sheetData", NS).findall("m:row", NS):
            cells = {}
            for c in row.findall("m:c", NS):
                t, v = c.get("t"), c.find("m:v", NS)
                if t == "s":
                    val = shared[int(v.text)]
                elif t == "inlineStr":
                    val = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
                elif t == "str":
                    val = v.text or ""
                elif c.find("m:f", NS) is not None:
                    sys.exit("a formula in cell " + c.get("r"))
                else:
                    val = number(v.text) if v is not None else ""
                cells[col(c.get("r"))] = val
            rows.append([cells.get(i, "") for i in range(max(cells) + 1 if cells else 0)])
        # an empty text is no cell in the sheet's XML: every row as wide as the widest
        width = max((len(r) for r in rows), default=0)
        out[s.get("name")] = [r + [""] * (width - len(r)) for r in rows]
    return out


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    json.dump(read_csv(path) if kind == "csv" else read_xlsx(path), sys.stdout, ensure_ascii=False)
    print()
