#!/usr/bin/env python3
"""Writes the real-looking corpus of bench/ratio.sh: the hand-written reports
of samples/ (the UTF-8 ones; a GB18030 file would make a mixed document)
joined in a rotating order into files of about 1 MB, each cut at a line end.
With --from DIR, the reports of DIR instead (ratio.sh: ../shared/seeds, real
reports read where they are, never copied into the project).

    real_corpus.py OUT_DIR [--files 16] [--size 1000000] [--from DIR]

Output depends only on the reports and the arguments.
"""

import argparse
import glob
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=16)
    ap.add_argument("--size", type=int, default=1000000)
    ap.add_argument("--from", dest="source", default=os.path.join(ROOT, "samples"))
    a = ap.parse_args()
    texts = []
    for path in sorted(glob.glob(os.path.join(a.source, "*.txt"))):
        data = open(path, "rb").read()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        texts.append(data if data.endswith(b"\n") else data + b"\n")
    os.makedirs(a.out, exist_ok=True)
    k = 0
    for i in range(a.files):
        buf = bytearray()
        while len(buf) < a.size:
            buf += texts[k % len(texts)] + b"\n"
            k += 1
        cut = buf.rfind(b"\n", 0, a.size) + 1 or a.size
        with open(os.path.join(a.out, "r%03d.txt" % i), "wb") as f:
            f.write(buf[:cut])
        k += 1  # the next file starts with another report


if __name__ == "__main__":
    main()
