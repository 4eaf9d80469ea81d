#!/usr/bin/env python3
"""Pre-generates UpsertMultiple bodies for the ferry-emulator benchmark.

Reads the wide table from an org file (EntityDefinitions shape), and writes COUNT bodies of RECORDS targets,
each carrying every writable column (38 on ferry_widerecord), one body per line, to OUT. Values respect the
metadata (max lengths, ranges, option values), so the service accepts every record.
"""
import json
import sys


def main():
    org_path, table, count, records, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    org = json.load(open(org_path))
    entity = next(e for e in org["value"] if e["LogicalName"] == table)
    key = entity["Keys"][0]["KeyAttributes"][0]
    skip = {"Uniqueidentifier", "Lookup", "Owner", "State", "Status", "BigInt", "Customer", "Virtual"}
    columns = [a for a in entity["Attributes"]
               if a.get("IsValidForCreate") and a.get("AttributeType") not in skip and not a.get("AttributeOf")]
    with open(out_path, "w") as out:
        for b in range(count):
            targets = []
            for r in range(records):
                n = b * records + r
                t = {"@odata.type": "Microsoft.Dynamics.CRM." + table,
                     "@odata.id": "%s(%s='BENCH-%07d')" % (entity["EntitySetName"], key, n)}
                for a in columns:
                    name, kind = a["LogicalName"], a["AttributeType"]
                    if name == key:
                        v = "BENCH-%07d" % n
                    elif kind in ("String", "Memo"):
                        v = ("%s %d " % (name, n) * 8)[: max(1, min(a.get("MaxLength") or 100, 60))].strip()
                    elif kind == "Integer":
                        lo, hi = a.get("MinValue", 0), a.get("MaxValue", 1000)
                        v = lo + n % (min(hi, lo + 1000) - lo + 1)
                    elif kind in ("Decimal", "Money", "Double"):
                        v = round((n % 100000) / 7.0, min(2, a.get("Precision") or 0))
                    elif kind == "Boolean":
                        v = n % 2 == 0
                    elif kind == "DateTime":
                        day = 1 + n % 28
                        v = ("2024-03-%02d" % day) if a.get("Format") == "DateOnly" else ("2024-03-%02dT12:30:00Z" % day)
                    elif kind == "Picklist":
                        options = (a.get("OptionSet") or {}).get("Options") or [{"Value": 100000000}]
                        v = options[n % len(options)]["Value"]
                    else:
                        continue
                    t[name] = v
                targets.append(t)
            out.write(json.dumps({"Targets": targets}, separators=(",", ":")) + "\n")
    print(len(columns))


if __name__ == "__main__":
    main()
