#!/bin/sh
# Regenerates the LibreOffice-written test workbooks libreoffice.xlsx and libreoffice.xls next to this
# script. Needs Debian's python3-openpyxl (writes the source workbook) and libreoffice-calc-nogui (saves it
# again as .xlsx and .xls, so the committed files are exactly what LibreOffice writes). Not needed by CI:
# the generated files are committed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 - "$work/source.xlsx" <<'PY'
import datetime, sys
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "People"
ws.append(["Id", "Name", "Born", "Amount", "Active", "Note", "Seen"])
rows = [
    (1, "Zoë Ångström", datetime.date(1984, 2, 29), 1234.5, True, "première", datetime.datetime(2024, 3, 1, 13, 5, 0)),
    (2, "Łukasz Żółć", datetime.date(2001, 12, 31), -7.25, False, None, datetime.datetime(2023, 12, 31, 23, 59, 59)),
    (3, "東京", datetime.date(1970, 1, 1), 0, True, "x", datetime.datetime(2000, 1, 1, 0, 0, 0)),
]
for r in rows:
    ws.append(list(r))
for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
    for c in row:
        c.number_format = "yyyy-mm-dd"
for row in ws.iter_rows(min_row=2, min_col=7, max_col=7):
    for c in row:
        c.number_format = "yyyy-mm-dd hh:mm:ss"
cities = wb.create_sheet("Städte")
cities.append(["Stadt", "Einwohner"])
cities.append(["München", 1488202])
cities.append(["Köln", 1083498])
wb.save(sys.argv[1])
PY

# LibreOffice needs a writable profile; a private one keeps the user's own untouched.
profile="file://$work/profile"
soffice --headless -env:UserInstallation="$profile" --convert-to xlsx:"Calc MS Excel 2007 XML" \
    --outdir "$work/xlsx" "$work/source.xlsx" >/dev/null
soffice --headless -env:UserInstallation="$profile" --convert-to xls:"MS Excel 97" \
    --outdir "$work/xls" "$work/source.xlsx" >/dev/null
cp "$work/xlsx/source.xlsx" "$here/libreoffice.xlsx"
cp "$work/xls/source.xls" "$here/libreoffice.xls"
echo "wrote $here/libreoffice.xlsx and $here/libreoffice.xls"
