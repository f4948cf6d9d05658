#!/usr/bin/python3
"""Baseline for bench/screen: Python's pyahocorasick (Debian python3-ahocorasick).

Counts the lines of FILE that contain at least one lexicon literal, case-insensitively,
the way a script would do it: one automaton of the lower-cased literals, each line
lower-cased and searched until its first hit. No normalisation, no word boundaries.

usage: aho.py LEXICON FILE
"""
import sys

import ahocorasick


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    automaton = ahocorasick.Automaton()
    with open(sys.argv[1], encoding="utf-8") as f:
        for i, line in enumerate(f):
            term = line.rstrip("\n").lower()
            if term:
                automaton.add_word(term, i)
    automaton.make_automaton()
    lines = matched = size = 0
    with open(sys.argv[2], encoding="utf-8", errors="replace") as f:
        for line in f:
            lines += 1
            size += len(line)
            for _ in automaton.iter(line.lower()):
                matched += 1
                break
    print(f"lines={lines} matched={matched} chars={size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
