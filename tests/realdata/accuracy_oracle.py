#!/usr/bin/python3
# Independent figures for test_accuracy_merseyside.cpp (run by hand; numpy, pyproj, GDAL):
# Liverpool LSOA11 polygons rasterised by GDAL to 250 m cells (cell-centre rule), every Merseyside
# row projected with pyproj and counted per cell and month, then 24 rolling origins (fit on the 12
# months before, test on the month) of previous-12-month and previous-month counts. Lines "EXACT"
# give the sums of n and the means the C++ test checks. Trimmed from /tmp/i12/evalroll.py (ours).
import csv, gzip, glob, numpy as np, time, sys
from pyproj import Transformer
from osgeo import gdal, ogr
from scipy.spatial import cKDTree
CELL = 250.0
tr = Transformer.from_crs(4326, 27700, always_xy=True)
ds = ogr.Open('/work/shared/data/boundaries/liverpool_lsoa11.gpkg'); lyr = ds.GetLayer(0)
x0, x1, y0, y1 = lyr.GetExtent()
gx0 = np.floor(x0 / CELL) * CELL; gy1 = np.ceil(y1 / CELL) * CELL
nx = int(np.ceil((x1 - gx0) / CELL)); ny = int(np.ceil((gy1 - y0) / CELL))
mem = gdal.GetDriverByName('MEM').Create('', nx, ny, 1, gdal.GDT_Byte)
mem.SetGeoTransform((gx0, CELL, 0, gy1, 0, -CELL)); mem.SetProjection(lyr.GetSpatialRef().ExportToWkt())
gdal.RasterizeLayer(mem, [1], lyr, burn_values=[1])   # cell-centre rule (ALL_TOUCHED off)
mask = mem.ReadAsArray().astype(bool); ncell = int(mask.sum())
print(f'grid {nx}x{ny} origin ({gx0},{gy1}) cells in Liverpool (centre rule) {ncell} area_km2 {ncell*CELL*CELL/1e6}')
months = []; X = []; Y = []
files = sorted(glob.glob('/work/shared/data/crime/merseyside_street_2022-10_2025-09/*.csv.gz'))
for mi, f in enumerate(files):
    lo = []; la = []
    for r in csv.DictReader(gzip.open(f, 'rt')):
        lo.append(float(r['Longitude'])); la.append(float(r['Latitude']))
    px, py = tr.transform(np.array(lo), np.array(la)); X.append(px); Y.append(py); months.append(f.split('/')[-1][:7])
# cell index per point
cnt = np.zeros((len(files), ny, nx))
for m in range(len(files)):
    c = np.floor((X[m] - gx0) / CELL).astype(int); r = np.floor((gy1 - Y[m]) / CELL).astype(int)
    ok = (c >= 0) & (c < nx) & (r >= 0) & (r < ny); c, r = c[ok], r[ok]
    ok2 = mask[r, c]; np.add.at(cnt[m], (r[ok2], c[ok2]), 1)
C = cnt[:, mask]  # months x cells (row-major order of mask)
print('incidents inside Liverpool cells per month: first', int(C[0].sum()), 'last', int(C[-1].sum()), 'total', int(C.sum()))
rr, cc = np.nonzero(mask); cx = gx0 + (cc + 0.5) * CELL; cy = gy1 - (rr + 0.5) * CELL
ctree = cKDTree(np.c_[cx, cy])
def kde(mlist, h):
    # quartic raw kernel sum over incidents (inside Liverpool cells only), evaluated at cell centres
    px = np.concatenate([X[m] for m in mlist]); py = np.concatenate([Y[m] for m in mlist])
    s = np.zeros(ncell); pts = np.c_[px, py]
    pt = cKDTree(pts); pairs = ctree.sparse_distance_matrix(pt, h, output_type='coo_matrix')
    u = pairs.data / h; np.add.at(s, pairs.row, (1 - u * u) ** 2)
    return s
K = 12; FR = [0.01, 0.05]
tests = list(range(12, 36))  # test months 2023-10 .. 2025-09 (24 rolling origins)
methods = {'prev12_counts': lambda t: C[t-K:t].sum(0), 'prev1_counts': lambda t: C[t-1],
}
res = {}
for name, fn in methods.items():
    t0 = time.time()
    for t in tests:
        s = fn(t); obs = C[t]; N = obs.sum(); fit = C[t-K:t].sum(0)
        for fr in FR:
            k = int(np.floor(ncell * fr))
            idx_id = np.lexsort((np.arange(ncell), -s))[:k]            # score desc, ties by cell order
            idx_pes = np.lexsort((obs, -s))[:k]                         # ptools: ties by ascending observed
            nstar = np.sort(obs)[::-1][:k].sum()
            for tie, idx in (('id', idx_id), ('pessimistic', idx_pes)):
                n = obs[idx].sum(); hit = n / N; pai = hit / (k / ncell); pei = n / nstar
                rri = (n / N) / (fit[idx].sum() / fit.sum())
                res.setdefault((name, fr, tie), []).append((hit, pai, pei, rri, n))
    print(f'{name}: {time.time()-t0:.1f}s')
print('method, area, ties: mean hit%, PAI, PEI, RRI over', len(tests), 'origins', months[tests[0]], '..', months[tests[-1]])
for key, v in res.items():
    a = np.array(v); print(key, ' '.join(f'{x:.4f}' for x in (a[:,0].mean()*100, a[:,1].mean(), a[:,2].mean(), a[:,3].mean())), ' first-origin:', ' '.join(f'{x:.4f}' for x in a[0]))

for key, v in res.items():
    a = np.array(v); print('EXACT', key, 'sum n', int(a[:,4].sum()), 'means %.10f %.10f %.10f %.10f' % tuple(a[:,:4].mean(0)), 'first %.10f %.10f %.10f %.10f' % tuple(a[0,:4]), 'n first', int(a[0,4]))
