#!/usr/bin/env python3
"""gen_t2s.py - generate src/tables/zsm_t2s.c from Unihan's kSimplifiedVariant.

Usage: scripts/gen_t2s.py [UNIHAN_VARIANTS [OUTPUT.c]]

  UNIHAN_VARIANTS  Unihan_Variants.txt, plain or .bz2
                   (default /usr/share/unicode/Unihan_Variants.txt.bz2,
                   Debian's unicode-data package)
  OUTPUT.c         where to write the C file (default: stdout; "-" = stdout)

Rules, per character C with a kSimplifiedVariant field:
  * if C itself is among its kSimplifiedVariant values, C is also a valid
    Simplified character (e.g. U+4E7E 乾, U+8457 著): leave it unchanged;
  * otherwise map C to the first listed value;
  * identity mappings are dropped.
Then, per character C without a kSimplifiedVariant field that is a glyph
variant (kSemanticVariant sourced kHKGlyph) of a character V that has one,
C maps to V's Simplified form: 爲 -> 為 -> 为, 綫 -> 線 -> 线, 裏 -> 裡 -> 里.
Last, EXTRA adds the few conversions Unihan does not record at all but every
Traditional-to-Simplified converter applies (籤 -> 签 in 集中籤約).
"""

import bz2
import os
import re
import sys

DEFAULT_INPUT = "/usr/share/unicode/Unihan_Variants.txt.bz2"

# Conversions missing from Unihan's variant fields (checked against 15.0.0).
EXTRA = {0x7C64: 0x7B7E,  # 籤 -> 签
         0x4F54: 0x5360}  # 佔 -> 占
PER_LINE = 6

_CP_RE = re.compile(r"^U\+([0-9A-F]{4,6})$")
_HDR_VERSION_RE = re.compile(r"^#\s*Unicode version:\s*(\d+\.\d+\.\d+)")
_README_VERSION_RE = re.compile(r"Version (\d+\.\d+\.\d+) of the Unicode Standard")


def die(msg):
    sys.stderr.write("gen_t2s.py: %s\n" % msg)
    sys.exit(1)


def open_text(path):
    if path.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, "rt", encoding="utf-8")


def parse_cp(tok):
    # Values may carry a "<source" annotation (not in kSimplifiedVariant as
    # of 15.0, but harmless to strip).
    tok = tok.split("<", 1)[0]
    m = _CP_RE.match(tok)
    if not m:
        die("bad code point %r" % tok)
    return int(m.group(1), 16)


def readme_version(unihan_path):
    readme = os.path.join(os.path.dirname(os.path.abspath(unihan_path)), "ReadMe.txt")
    try:
        with open(readme, "rt", encoding="utf-8", errors="replace") as f:
            for line in f:
                m = _README_VERSION_RE.search(line)
                if m:
                    return m.group(1)
    except OSError:
        pass
    return None


def read_unihan(path):
    version = None
    pairs = {}
    glyph_variants = {}
    with open_text(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                if version is None:
                    m = _HDR_VERSION_RE.match(line)
                    if m:
                        version = m.group(1)
                continue
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) == 3 and fields[1] == "kSemanticVariant":
                for token in fields[2].split():
                    cp, _, sources = token.partition("<")
                    if "kHKGlyph" in sources.split(","):
                        glyph_variants.setdefault(parse_cp(fields[0]), parse_cp(cp))
                continue
            if len(fields) != 3 or fields[1] != "kSimplifiedVariant":
                continue
            src = parse_cp(fields[0])
            values = [parse_cp(t) for t in fields[2].split()]
            if not values or src in values:
                continue
            dst = values[0]
            if dst == src:
                continue
            if src in pairs:
                die("duplicate kSimplifiedVariant for U+%04X" % src)
            pairs[src] = dst
    simplified_forms = set(pairs.values())
    for src, variant in glyph_variants.items():
        if src in pairs or src in simplified_forms or variant not in pairs:
            continue
        pairs[src] = pairs[variant]
    for src, dst in EXTRA.items():
        pairs.setdefault(src, dst)
    if version is None:
        version = readme_version(path)
    if version is None:
        die("cannot determine the Unicode version of %s" % path)
    return version, sorted(pairs.items())


def emit_array(out, name, values):
    out.append("static const uint32_t %s[ZSM_T2S_COUNT] = {" % name)
    for i in range(0, len(values), PER_LINE):
        chunk = values[i:i + PER_LINE]
        out.append("    " + " ".join("0x%05X," % v for v in chunk))
    out.append("};")
    out.append("")


def render(version, pairs, input_name):
    out = []
    out.append("/* zsm_t2s.c - Traditional -> Simplified Chinese, one code point at a time.")
    out.append(" *")
    out.append(" * Generator: scripts/gen_t2s.py")
    out.append(" * Input:     %s (Unihan kSimplifiedVariant; kHKGlyph variants; EXTRA)" % input_name)
    out.append(" * Unicode:   %s" % version)
    out.append(" * Pairs:     %d" % len(pairs))
    out.append(" *")
    out.append(" * Characters listed as their own Simplified variant (e.g. U+4E7E, U+8457)")
    out.append(" * are left out and so stay unchanged; others map to the first value.")
    out.append(" *")
    out.append(" * GENERATED - do not edit; run scripts/gen_t2s.py */")
    out.append("")
    out.append('#include "zsm_internal.h"')
    out.append("")
    out.append("#include <stddef.h>")
    out.append("#include <stdint.h>")
    out.append("")
    out.append('const char zsmp_t2s_unicode_version[] = "%s";' % version)
    out.append("")
    out.append("#define ZSM_T2S_COUNT %d" % len(pairs))
    out.append("")
    out.append("/* Sorted by traditional code point; zsm_t2s_simp[i] is the Simplified")
    out.append(" * form of zsm_t2s_trad[i]. */")
    emit_array(out, "zsm_t2s_trad", [p[0] for p in pairs])
    emit_array(out, "zsm_t2s_simp", [p[1] for p in pairs])
    out.append("uint32_t zsmp_t2s(uint32_t cp)")
    out.append("{")
    out.append("    size_t lo = 0;")
    out.append("    size_t hi = ZSM_T2S_COUNT;")
    out.append("")
    out.append("    if (cp < zsm_t2s_trad[0] || cp > zsm_t2s_trad[ZSM_T2S_COUNT - 1])")
    out.append("        return cp;")
    out.append("    while (lo < hi) {")
    out.append("        size_t mid = lo + (hi - lo) / 2;")
    out.append("        uint32_t key = zsm_t2s_trad[mid];")
    out.append("        if (key == cp)")
    out.append("            return zsm_t2s_simp[mid];")
    out.append("        if (key < cp)")
    out.append("            lo = mid + 1;")
    out.append("        else")
    out.append("            hi = mid;")
    out.append("    }")
    out.append("    return cp;")
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) > 3 or (len(argv) > 1 and argv[1] in ("-h", "--help")):
        sys.stderr.write(__doc__)
        return 2
    src = argv[1] if len(argv) > 1 else DEFAULT_INPUT
    dst = argv[2] if len(argv) > 2 else "-"
    if not os.path.isfile(src):
        die("input not found: %s" % src)
    version, pairs = read_unihan(src)
    if not pairs:
        die("no kSimplifiedVariant mappings in %s" % src)
    text = render(version, pairs, os.path.basename(src))
    if dst == "-":
        sys.stdout.write(text)
    else:
        tmp = dst + ".tmp"
        with open(tmp, "wt", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
