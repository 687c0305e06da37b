#!/usr/bin/python3
"""Independent figures for test_repeat_locations_merseyside.cpp (run by hand, prints them).

A location is a distinct (Longitude, Latitude) pair of a police.uk row, parsed as floats; every
row of the 36 Merseyside files counts (none lacks coordinates). Usage: repeat_locations_oracle.py [DATA]
"""
import csv
import glob
import gzip
import sys

import numpy as np

data = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'
txt, flt, months = {}, {}, {}
for f in sorted(glob.glob(data + '/crime/merseyside_street_2022-10_2025-09/*.csv.gz')):
    for r in csv.DictReader(gzip.open(f, 'rt')):
        txt[(r['Longitude'], r['Latitude'])] = 1
        k = (float(r['Longitude']), float(r['Latitude']))
        flt[k] = flt.get(k, 0) + 1
        months.setdefault(k, set()).add(r['Month'])
print('distinct text pairs', len(txt), 'distinct float pairs', len(flt))
c = np.sort(np.array(list(flt.values())))[::-1]
N, L = c.sum(), len(c)
for share in (0.01, 0.05, 0.10):
    k = int(np.floor(L * share))
    print(f'top {share:.0%}: {k} locations hold {c[:k].sum()} of {N} = {100 * c[:k].sum() / N:.6f} %')
print('single-incident locations', int((c == 1).sum()), 'max', c[0], 'median', np.median(c),
      'incidents at repeat locations', int(c[c >= 2].sum()))
top = max(flt, key=flt.get)
print('busiest', top, flt[top], 'incidents in', len(months[top]), 'months')
