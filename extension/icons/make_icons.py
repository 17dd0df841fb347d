#!/usr/bin/env python3
"""Draws the toolbar/store icons (a newspaper page on a blue tile) as PNGs.

Stdlib only; run from this folder: python3 make_icons.py. The PNGs are committed.
"""
import struct
import zlib

BLUE = (47, 93, 138)
PAPER = (255, 255, 255)
INK = (44, 62, 80)
PHOTO = (160, 190, 220)
LINE = (150, 165, 180)


def rrect(x0, y0, x1, y1, r):
    def inside(x, y):
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        cx = min(max(x, x0 + r), x1 - r)
        cy = min(max(y, y0 + r), y1 - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    return inside


def shapes(size):
    """(test, colour) pairs in paint order, in unit coordinates."""
    out = [(rrect(0.02, 0.02, 0.98, 0.98, 0.2), BLUE), (rrect(0.2, 0.17, 0.8, 0.83, 0.05), PAPER)]
    out.append((rrect(0.28, 0.26, 0.72, 0.34, 0.015), INK))  # headline
    if size >= 32:
        out.append((rrect(0.28, 0.42, 0.47, 0.58, 0.015), PHOTO))
        for y in (0.42, 0.5):
            out.append((rrect(0.52, y, 0.72, y + 0.04, 0.01), LINE))
        for y in (0.64, 0.72):
            out.append((rrect(0.28, y, 0.72, y + 0.04, 0.01), LINE))
    else:
        for y in (0.46, 0.6):
            out.append((rrect(0.28, y, 0.72, y + 0.06, 0.01), LINE))
    return out


def render(size, ss=8):
    rows = []
    layers = shapes(size)
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    x, y = (px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size
                    colour = None
                    for test, c in layers:
                        if test(x, y):
                            colour = c
                    if colour:
                        for i in range(3):
                            acc[i] += colour[i]
                        acc[3] += 1
            n = acc[3]
            row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // (ss * ss)] if n else [0, 0, 0, 0])
        rows.append(bytes(row))
    return rows


def png(size, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


for s in (16, 32, 48, 128):
    with open(f"{s}.png", "wb") as f:
        f.write(png(s, render(s)))
