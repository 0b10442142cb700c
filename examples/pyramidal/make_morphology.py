#!/usr/bin/env python3
"""Writes pyramidal.swc: a stylised layer-5 pyramidal cell for Ranvier's example.

A one-point soma of 20 um diameter; four basal dendrites that branch twice; an apical trunk of
300 um with two oblique branches and a tuft that branches twice; an axon of 500 um. Diameters
taper along each branch. Coordinates and radii are multiples of 1/16 um, which single
precision (NEURON's 3-D points) holds exactly, so both simulators see the same shape.

Usage: python3 make_morphology.py > pyramidal.swc
"""
import math

SOMA, AXON, BASAL, APICAL = 1, 2, 3, 4
rows = []


def q(x):
    return round(x * 16) / 16


def add(kind, x, y, z, r, parent):
    rows.append((len(rows) + 1, kind, q(x), q(y), q(z), q(r), parent))
    return len(rows)


def branch(kind, parent, start, direction, length, r0, r1, step=10.0):
    """Points every `step` um from `start` along `direction`, tapering from r0 to r1."""
    dx, dy, dz = direction
    norm = math.sqrt(dx * dx + dy * dy + dz * dz)
    dx, dy, dz = dx / norm, dy / norm, dz / norm
    n = max(1, int(round(length / step)))
    last = parent
    for k in range(1, n + 1):
        s = length * k / n
        r = r0 + (r1 - r0) * k / n
        last = add(kind, start[0] + dx * s, start[1] + dy * s, start[2] + dz * s, r, last)
    end = rows[last - 1]
    return last, (end[2], end[3], end[4])


soma = add(SOMA, 0, 0, 0, 10, -1)

# Axon: down from the soma's surface.
branch(AXON, soma, (0, -10, 0), (0, -1, 0), 500, 0.75, 0.5, step=25)

# Basal dendrites: four primaries, each forking twice.
for k in range(4):
    angle = math.pi / 4 + k * math.pi / 2
    d = (math.cos(angle), -0.5, math.sin(angle))
    start = (10 * math.cos(angle), -2, 10 * math.sin(angle))
    tip, end = branch(BASAL, soma, start, d, 60, 1.0, 0.75)
    for side in (-1, 1):
        d2 = (d[0] + side * 0.4 * d[2], d[1] - 0.2, d[2] - side * 0.4 * d[0])
        branch(BASAL, tip, end, d2, 90, 0.625, 0.375)

# Apical trunk with two obliques, then the tuft.
tip, end = branch(APICAL, soma, (0, 10, 0), (0, 1, 0), 100, 2.0, 1.75)
branch(APICAL, tip, end, (1, 0.6, 0), 120, 0.75, 0.5)
tip, end = branch(APICAL, tip, end, (0, 1, 0), 100, 1.75, 1.5)
branch(APICAL, tip, end, (-1, 0.6, 0.3), 120, 0.75, 0.5)
tip, end = branch(APICAL, tip, end, (0, 1, 0), 100, 1.5, 1.25)
for side in (-1, 1):
    t2, e2 = branch(APICAL, tip, end, (side * 0.7, 1, 0), 150, 1.0, 0.75)
    for side2 in (-1, 1):
        branch(APICAL, t2, e2, (side * 0.7 + side2 * 0.5, 1, side2 * 0.5), 100, 0.625, 0.375)

print("# Stylised layer-5 pyramidal cell for Ranvier's example (make_morphology.py).")
print("# id type x y z radius parent")
for row in rows:
    print("%d %d %g %g %g %g %d" % row)
