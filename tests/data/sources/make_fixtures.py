#!/usr/bin/python3
"""Writes the source-reader test files (run with Debian's /usr/bin/python3 + python3-openpyxl).

The outputs are committed: the tests never need Python. Re-run after changing this script:
    /usr/bin/python3 tests/data/sources/make_fixtures.py
Every byte is deterministic (fixed timestamps), so a re-run without changes gives identical files.
"""
import datetime as dt
import io
import os
import struct
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = (2024, 1, 1, 0, 0, 0)


def path(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def write_bytes(rel, data):
    with open(path(*rel.split("/")), "wb") as f:
        f.write(data)


def normalize_zip(data, patch=None, extra=None):
    """Rewrites an .xlsx with fixed timestamps (deterministic output), optional part patches and extra
    parts."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in (extra or {}).items():
            zi = zipfile.ZipInfo(name, FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body.encode("utf-8"))
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                continue  # holds the creation time
            if patch and info.filename in patch:
                body = patch[info.filename](body.decode("utf-8")).encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body)
    return out.getvalue()


def drop_core_props(xml):
    return xml.replace('<Override PartName="/docProps/core.xml" '
                       'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>', "")


def save(wb, rel, patch=None, extra=None):
    buf = io.BytesIO()
    wb.save(buf)
    patch = dict(patch or {})
    patch.setdefault("[Content_Types].xml", drop_core_props)
    patch.setdefault("_rels/.rels", lambda x: x.replace(
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>', ""))
    data = normalize_zip(buf.getvalue(), patch, extra)
    write_bytes(rel, data)
    return data


def make_types_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Products"
    ws["A1"] = "Product list, spring catalogue"  # a title row above the header
    ws["A2"] = "Prices in EUR"
    ws.append([])  # row 3 blank
    ws.append(["Id", "Name", "Price", "InStock", "Released", "Updated", "Alarm", "Shipped"])  # row 4
    rows = [
        [1, "Widget", 9.99, True, dt.date(2024, 1, 31), dt.datetime(2024, 2, 1, 13, 5, 30), dt.time(7, 30), dt.date(2023, 12, 24)],
        [2, "Gadget \u00e9\u20ac", 120, False, dt.date(1999, 12, 31), dt.datetime(2000, 1, 1, 0, 0, 1), dt.time(23, 59, 59), dt.date(1900, 1, 1)],
        [3, "Sprocket", -0.5, True, dt.date(2020, 2, 29), dt.datetime(2020, 2, 29, 12, 0), dt.time(0, 0, 1), dt.date(1900, 3, 1)],
    ]
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=5, max_row=7):
        row[4].number_format = "yyyy-mm-dd"           # custom format (id >= 164)
        row[5].number_format = "yyyy-mm-dd hh:mm:ss"  # custom date-time
        row[6].number_format = "h:mm"                 # built-in 20
        row[7].number_format = "mm-dd-yy"             # built-in 14
    ws["A9"] = "Source: test catalogue"  # footnote after a blank row 8

    plain = wb.create_sheet("Plain")
    plain.append(["Code", "Amount"])
    plain.append(["A-1", 10])
    plain.append(["A-2", 20.5])
    plain.append(["007", 30])

    formulas = wb.create_sheet("Formulas")
    formulas.append(["Label", "Value", "Text"])
    formulas.append(["sum", 1, "x"])
    formulas.append(["div", 2, "y"])

    # openpyxl writes formulas without cached values and never writes inline strings; real Excel files
    # have both, so patch the Formulas sheet's XML the way Excel writes it.
    def patch_formulas(xml):
        start = xml.index("<sheetData>")
        end = xml.index("</sheetData>") + len("</sheetData>")
        data = ('<sheetData>'
                '<row r="1"><c r="A1" t="inlineStr"><is><t>Label</t></is></c>'
                '<c r="B1" t="inlineStr"><is><r><t>Val</t></r><r><t>ue</t></r></is></c>'
                '<c r="C1" t="inlineStr"><is><t>Text</t></is></c></row>'
                '<row r="2"><c r="A2" t="inlineStr"><is><t>sum</t></is></c><c r="B2"><f>1+2</f><v>3</v></c>'
                '<c r="C2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>'
                '<row r="3"><c r="A3" t="inlineStr"><is><t>div</t></is></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
                '<c r="C3" t="b"><v>1</v></c></row>'
                # sparse: no row 4; row 6 without r attributes on cells, starting at column A
                '<row r="6"><c t="inlineStr"><is><t>sparse</t></is></c><c><v>6.25</v></c></row>'
                '</sheetData>')
        return xml[:start] + data + xml[end:]

    # openpyxl 3.0 writes every string inline; Excel writes a shared string table. Give the Plain sheet
    # shared strings (one rich-text entry, one with a phonetic run that is not part of the text).
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">'
              '<si><t>Code</t></si><si><r><t>Amo</t></r><r><rPr><b/></rPr><t>unt</t></r></si>'
              '<si><t>A-1</t><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t xml:space="preserve">A-2 </t></si>'
              '<si><t>007</t></si></sst>')

    def patch_plain(xml):
        for i, text in enumerate(["Code", "Amount", "A-1", "A-2 ", "007"]):
            xml = xml.replace('t="inlineStr"><is><t>%s</t></is>' % text.strip(), 't="s"><v>%d</v>' % i, 1)
        return xml

    def patch_types(xml):
        return xml.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType='
                           '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')

    def patch_rels(xml):
        return xml.replace("</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
                           'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')

    data = save(wb, "xlsx/types.xlsx",
                {"xl/worksheets/sheet3.xml": patch_formulas, "xl/worksheets/sheet2.xml": patch_plain,
                 "[Content_Types].xml": lambda x: patch_types(drop_core_props(x)),
                 "xl/_rels/workbook.xml.rels": patch_rels},
                {"xl/sharedStrings.xml": shared})
    # A truncated copy: the zip's central directory is gone.
    write_bytes("xlsx/truncated.xlsx", data[: len(data) // 2])
    # A copy whose first sheet is damaged inside an intact zip (stored, one byte changed: CRC mismatch).
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, FIXED)
            zi.compress_type = zipfile.ZIP_STORED if info.filename.endswith("sheet1.xml") else zipfile.ZIP_DEFLATED
            z.writestr(zi, src.read(info.filename))
    damaged = out.getvalue().replace(b"Sprocket", b"Sprockex", 1)
    write_bytes("xlsx/damaged-sheet.xlsx", damaged)


def make_1904_xlsx():
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws.append(["When", "At"])
    ws.append([dt.date(2024, 1, 31), dt.datetime(2024, 1, 31, 18, 0)])
    ws["A2"].number_format = "d/m/yyyy"
    ws["B2"].number_format = "[$-409]d mmm yyyy h:mm AM/PM;@"
    save(wb, "xlsx/date1904.xlsx")


def cfb_file(streams):
    """A minimal, valid OLE2 compound file with the given (name, bytes) streams (each >= 4096 bytes so
    they live in normal sectors). Enough to look like an Office-encrypted package."""
    sector = 512
    ENDOFCHAIN, FREESECT, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    n_sectors = [(len(b) + sector - 1) // sector for _, b in streams]
    # sector 0: FAT, sector 1: directory, then streams
    fat = [FATSECT, ENDOFCHAIN]
    starts = []
    nxt = 2
    for n in n_sectors:
        starts.append(nxt)
        for k in range(n):
            fat.append(nxt + k + 1 if k < n - 1 else ENDOFCHAIN)
        nxt += n
    fat += [FREESECT] * (sector // 4 - len(fat))
    header = bytearray(512)
    header[0:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)            # FAT sectors
    struct.pack_into("<I", header, 48, 1)            # first directory sector
    struct.pack_into("<I", header, 56, 4096)         # mini stream cutoff
    struct.pack_into("<I", header, 60, ENDOFCHAIN)   # no mini FAT
    struct.pack_into("<I", header, 68, ENDOFCHAIN)   # no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)            # DIFAT[0] = sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, FREESECT)

    def entry(name, typ, start, size, child=FREESECT, left=FREESECT, right=FREESECT):
        e = bytearray(128)
        enc = name.encode("utf-16-le") + b"\0\0"
        e[0:len(enc)] = enc
        struct.pack_into("<H", e, 64, len(enc))
        e[66] = typ
        e[67] = 1  # black
        struct.pack_into("<III", e, 68, left, right, child)
        struct.pack_into("<I", e, 116, start)
        struct.pack_into("<Q", e, 120, size)
        return bytes(e)

    dirs = [entry("Root Entry", 5, ENDOFCHAIN, 0, child=1)]
    for i, (name, body) in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else FREESECT
        dirs.append(entry(name, 2, starts[i], len(body), right=right))
    dirsec = b"".join(dirs).ljust(sector, b"\0")
    body = b"".join(b.ljust(n * sector, b"\0") for (_, b), n in zip(streams, n_sectors))
    return bytes(header) + struct.pack("<%dI" % (sector // 4), *fat) + dirsec + body


def make_encrypted():
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    package = struct.pack("<Q", 1234) + bytes(range(256)) * 16
    data = cfb_file([("EncryptionInfo", info.ljust(4096, b"\0")), ("EncryptedPackage", package)])
    write_bytes("xlsx/protected.xlsx", data)


def make_csv():
    crlf = "\r\n"
    # UTF-8 with BOM, comma, header, embedded newlines (LF and CRLF), doubled quotes, quoted empty.
    customers = (
        "id,name,city,joined,balance,vip" + crlf +
        '1,"Smith, Anna","Z\u00fcrich",2021-03-04,12.50,true' + crlf +
        '2,"Line one\nline two","Paris",2022-11-30,-3.75,false' + crlf +
        '3,"He said ""hi""",,2023-01-15,0.00,TRUE' + crlf +
        '4,"multi' + crlf + 'line CRLF","",2020-02-29,100,false' + crlf
    )
    write_bytes("csv/folder/customers.csv", b"\xef\xbb\xbf" + customers.encode("utf-8"))
    # Windows-1252, semicolon, decimal commas are just text here.
    orders = ("order;customer;amount;note\n"
              "10;1;99.90;Caf\u00e9 \u20ac\n"
              "11;2;5;na\u00efve \u2013 test\n"
              "12;1;7.25;\n")
    write_bytes("csv/folder/orders.csv", orders.encode("cp1252"))
    # UTF-16LE with BOM, tab delimited (.tsv).
    products = "sku\tlabel\tweight\r\nP-1\tTee \u2615\t0.25\r\nP-2\tMug\t0.4\r\n"
    write_bytes("csv/folder/products.tsv", b"\xff\xfe" + products.encode("utf-16-le"))
    # Pipe-delimited, no header, all numbers.
    write_bytes("csv/folder/readings.csv", b"1|20.5|2024-01-01T10:00:00\n2|21|2024-01-01T11:00:00\n3|19.75|2024-01-01T12:30:00\n")

    # Single files.
    write_bytes("csv/utf16be.csv", b"\xfe\xff" + "a,b\n1,2\n3,4\n".encode("utf-16-be"))
    write_bytes("csv/utf16le-nobom.csv", "name,qty\nbolt,5\nnut,7\n".encode("utf-16-le"))
    # Stray quotes: line 3 has a quote inside an unquoted field, line 5 text after a closing quote,
    # line 7 opens a quote that is never closed. Everything else must still be read.
    stray = ("id,text,qty\n"
             "1,fine,10\n"
             '2,5" pipe,20\n'
             "3,ok,30\n"
             '4,"quoted"x,40\n'
             '5,"multi\nline",50\n'
             '7,"never closed,70\n'
             "8,after,80\n"
             "9,last,90\n")
    write_bytes("csv/stray-quote.csv", stray.encode("utf-8"))
    # Field counts that do not match the header.
    write_bytes("csv/ragged.csv", b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
    # All-text file without a header (repeated values), and one with a header.
    write_bytes("csv/noheader-text.csv", b"Alice,Paris\nBob,Paris\nCarol,Rome\n")
    write_bytes("csv/header-text.csv", b"name,city\nAlice,Paris\nBob,Rome\n")
    # Leading zeros stay text; big integers become decimals.
    write_bytes("csv/numbers.csv", b"zip,big,ratio\n01234,123456789012345678901234,1e3\n02000,5,2.5E-1\n")
    # Binary (NUL bytes, not UTF-16) and invalid UTF-16 (unpaired surrogate).
    write_bytes("csv-bad/binary.csv", bytes([0x00, 0x01, 0x02, 0x00, 0x00, 0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00, 0x00, 0x10, 0x20, 0x00, 0x00] * 64))
    write_bytes("csv-bad/bad-utf16.csv", b"\xff\xfe" + "a,b\n1,".encode("utf-16-le") + b"\x00\xd8" + "x\n".encode("utf-16-le"))
    write_bytes("csv-bad/good.csv", b"x,y\n1,2\n")


def make_xls():
    """Excel 97-2003 (BIFF8) files through xlwt (Debian python3-xlwt)."""
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Orders")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    dt_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    ws.write(0, 0, "Orders export")  # title row
    header = ["OrderNo", "Customer", "Amount", "Paid", "OrderDate", "Shipped"]
    for c, h in enumerate(header):
        ws.write(2, c, h)  # header on row 3, row 2 blank
    rows = [
        (1001, "M\u00fcller GmbH", 1250.5, True, dt.date(2023, 5, 17), dt.datetime(2023, 5, 18, 9, 15, 0)),
        (1002, "\u0160koda \u20ac", 99, False, dt.date(2024, 2, 29), dt.datetime(2024, 3, 1, 23, 59, 59)),
        (1003, "Plain", -7.25, True, dt.date(1999, 12, 31), dt.datetime(2000, 1, 1, 0, 0, 0)),
    ]
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if c == 4:
                ws.write(r, c, v, date_style)
            elif c == 5:
                ws.write(r, c, v, dt_style)
            else:
                ws.write(r, c, v)
    ws.write(8, 0, "(1) Amounts in EUR")  # footnote after blank rows
    big = wb.add_sheet("Strings")
    big.write(0, 0, "Id")
    big.write(0, 1, "Text")
    # Enough distinct strings that the shared string table spans CONTINUE records, with one long
    # string cut across a record boundary.
    for i in range(1, 301):
        big.write(i, 0, i)
        big.write(i, 1, ("row %d " % i) + ("\u00e9" if i % 2 else "x") * (40 if i != 150 else 3000))
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    write_bytes("xls/orders.xls", data)
    write_bytes("xls/truncated.xls", data[: len(data) // 3])
    write_bytes("xls/protected.xls", protect_xls(wb))


def protect_xls(wb):
    """The Orders workbook with a FILEPASS record (XOR obfuscation, as "password to open" writes it)
    after the globals' BOF; sheet offsets in BOUNDSHEET records are shifted to match."""
    import olefile
    tmp = io.BytesIO()
    wb.save(tmp)
    stream = olefile.OleFileIO(io.BytesIO(tmp.getvalue())).openstream("Workbook").read()
    filepass = struct.pack("<HHHHH", 0x2F, 6, 0, 0x1234, 0x5678)
    recs = []
    pos = 0
    while pos + 4 <= len(stream):
        typ, ln = struct.unpack_from("<HH", stream, pos)
        recs.append([typ, bytearray(stream[pos + 4:pos + 4 + ln])])
        pos += 4 + ln
    for typ, body in recs:
        if typ == 0x85:  # BOUNDSHEET8: lbPlyPos
            struct.pack_into("<I", body, 0, struct.unpack_from("<I", body, 0)[0] + len(filepass))
    out = b""
    for i, (typ, body) in enumerate(recs):
        out += struct.pack("<HH", typ, len(body)) + bytes(body)
        if i == 0:
            out += filepass
    return cfb_file([("Workbook", out)])


if __name__ == "__main__":
    make_xls()
    make_types_xlsx()
    make_1904_xlsx()
    make_encrypted()
    make_csv()
    print("fixtures written to", HERE)
