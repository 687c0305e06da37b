// PMTiles written by hotspot, read by the npm `pmtiles` package (the reader MapLibre's
// pmtiles:// protocol uses), against GDAL's uncompressed XYZ folder of the same layers:
// every tile in the header's bounds at every zoom is present exactly when GDAL wrote it and
// its bytes (after the reader's gunzip) equal GDAL's; the header and vector_layers agree.
//
//   node pmtiles_roundtrip.mjs HOTSPOT OUTDIR [city GEODATA_INI | birmingham SHARED_DATA]
// Exit 0 pass, 1 fail, 77 skip (the shared data or web/node_modules absent).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { check, webDir } from './browser.mjs';

const [hotspot, outDir, which, source] = process.argv.slice(2);
if (!hotspot || !outDir || !which || !source) { console.error('usage: pmtiles_roundtrip.mjs HOTSPOT OUTDIR city|birmingham PATH'); process.exit(2); }
if (!fs.existsSync(path.join(webDir, 'node_modules', 'pmtiles'))) { console.log('SKIP: web/node_modules absent (tools/install-deps build)'); process.exit(77); }
const require = createRequire(path.join(webDir, 'package.json'));
const { PMTiles } = require('pmtiles');

// A pmtiles Source over a local file (the package's FileSource wants a browser File).
class LocalFile {
    constructor(file) { this.file = file; this.fd = fs.openSync(file, 'r'); this.reads = 0; }
    getKey() { return this.file; }
    async getBytes(offset, length) {
        const buf = Buffer.alloc(length);
        const n = fs.readSync(this.fd, buf, 0, length, offset);
        this.reads++;
        return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + n) };
    }
}

const run = (args) => execFileSync(hotspot, args, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const gpkg = path.join(outDir, `${which}.gpkg`);
let layers, minZoom, maxZoom;
if (which === 'city') {
    run(['run', '-c', source, '-o', gpkg, '--no-incidents-layer', '-q', '--set', 'output.mbtiles=', '--set', 'output.xyz=', '--set', 'output.density=']);
    layers = ['wards', 'neighbourhoods']; minZoom = 8; maxZoom = 17;
} else {
    const btp = path.join(source, 'crime', 'btp_street_2022-10_2025-01');
    const wards = path.join(source, 'boundaries', 'birmingham_wards_2018.gpkg');
    if (!fs.existsSync(btp) || !fs.existsSync(wards)) { console.log(`SKIP: ${source} has no BTP files or Birmingham wards`); process.exit(77); }
    run(['run', '--police', btp, '--area', `wards=${wards},id=code,name=ward_name`, '--study-area', 'wards', '-o', gpkg, '--no-incidents-layer', '-q']);
    layers = ['wards']; minZoom = 8; maxZoom = 16;
}
const pmtilesPath = path.join(outDir, `${which}.pmtiles`), xyz = path.join(outDir, 'xyz'), stylePath = path.join(outDir, `${which}.style.json`);
const t0 = process.hrtime.bigint();
run(['tiles', gpkg, '--layers', layers.join(','), '--pmtiles', pmtilesPath, '--style', stylePath,
     '--min-zoom', String(minZoom), '--max-zoom', String(maxZoom)]);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
run(['tiles', gpkg, '--layers', layers.join(','), '--xyz', xyz, '--min-zoom', String(minZoom), '--max-zoom', String(maxZoom)]);

const gdal = new Map();  // "z/x/y" -> bytes
for (const z of fs.readdirSync(xyz).filter(d => /^\d+$/.test(d)))
    for (const x of fs.readdirSync(path.join(xyz, z)))
        for (const f of fs.readdirSync(path.join(xyz, z, x)))
            gdal.set(`${z}/${x}/${f.replace(/\.pbf$/, '')}`, fs.readFileSync(path.join(xyz, z, x, f)));
const tilejson = JSON.parse(fs.readFileSync(path.join(xyz, 'metadata.json'), 'utf8'));

const archive = new PMTiles(new LocalFile(pmtilesPath));
const h = await archive.getHeader();
check(h.specVersion === 3, `spec version 3 (${h.specVersion})`);
check(h.tileType === 1 && h.tileCompression === 2 && h.internalCompression === 2, 'MVT tiles, gzip tiles and directories');
check(h.minZoom === minZoom && h.maxZoom === maxZoom, `zooms ${h.minZoom}..${h.maxZoom}`);
check(h.numAddressedTiles === gdal.size, `${h.numAddressedTiles} addressed tiles = ${gdal.size} files GDAL wrote`);
const near = (a, b) => Math.abs(a - b) <= 1e-7;
const [w, s, e, n] = tilejson.bounds;
check(near(h.minLon, w) && near(h.minLat, s) && near(h.maxLon, e) && near(h.maxLat, n),
      `bounds ${h.minLon},${h.minLat},${h.maxLon},${h.maxLat} = GDAL's ${tilejson.bounds}`);
check(h.centerLon > w && h.centerLon < e && h.centerLat > s && h.centerLat < n, 'centre inside the bounds');
check(h.rootDirectoryOffset + h.rootDirectoryLength <= 16384, 'root directory in the first 16 KiB');
const meta = await archive.getMetadata();
check(JSON.stringify(meta.vector_layers) === JSON.stringify(tilejson.vector_layers), 'vector_layers (ids and fields) as GDAL wrote them');

// Every tile position inside the bounds, at every zoom: present exactly where GDAL wrote a tile.
const lonToX = (lon, z) => Math.floor((lon + 180) / 360 * 2 ** z);
const latToY = (lat, z) => { const r = lat * Math.PI / 180; return Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * 2 ** z); };
let compared = 0, different = 0, extra = 0, missing = 0;
const seen = new Set();
for (let z = minZoom; z <= maxZoom; z++) {
    const pad = 1;  // GDAL's tiles include a buffer beyond the features
    for (let x = Math.max(0, lonToX(w, z) - pad); x <= Math.min(2 ** z - 1, lonToX(e, z) + pad); x++)
        for (let y = Math.max(0, latToY(n, z) - pad); y <= Math.min(2 ** z - 1, latToY(s, z) + pad); y++) {
            const key = `${z}/${x}/${y}`, tile = await archive.getZxy(z, x, y), want = gdal.get(key);
            if (!tile) { if (want) missing++; continue; }
            seen.add(key);
            if (!want) { extra++; continue; }
            compared++;
            if (!Buffer.from(tile.data).equals(want)) different++;
        }
}
const unseen = [...gdal.keys()].filter(k => !seen.has(k)).length;
check(compared === gdal.size && different === 0 && extra === 0 && missing === 0 && unseen === 0,
      `${compared} tiles byte-identical to GDAL's (different ${different}, extra ${extra}, missing ${missing}, outside the bounds ${unseen})`);

// The style's source is the archive beside it, and each of its fill layers a constant colour.
const style = JSON.parse(fs.readFileSync(stylePath, 'utf8'));
check(style.sources.hotspot.url === `pmtiles://${path.basename(pmtilesPath)}`, `style source ${style.sources.hotspot.url}`);
check(style.layers.every(l => l.type !== 'fill' || (typeof l.paint['fill-color'] === 'string' && Array.isArray(l.filter))),
      'every fill layer: a filter and a constant colour');
const bytes = fs.statSync(pmtilesPath).size;
console.log(`${which}: ${gdal.size} tiles (z${minZoom}-${maxZoom}), ${h.numTileEntries} entries, ${h.numTileContents} distinct contents, ` +
            `leaf directories ${h.leafDirectoryLength} bytes, ${bytes} bytes, tiles + style written in ${seconds.toFixed(2)} s`);
