// The tasking pack in headless Chromium, opened from file:// as an e-mailed file would be: every
// map (the overview + one per site) and chart is an SVG with size, no console error, no network
// request at all (only the file itself is loaded), a full-page screenshot; the PDF the report
// test printed is A4 with more than one page, its first pages rendered to PNG for a person to look at.
// Usage: node report.test.mjs HOTSPOT DIR   (DIR holds pack.html and pack.pdf from report_oracle.py)
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { launchBrowser, watchErrors, check } from './browser.mjs';

const dir = path.resolve(process.argv[3]);
const html = path.join(dir, 'pack.html'), pdf = path.join(dir, 'pack.pdf');
if (!check(fs.existsSync(html), `${html} exists (written by the report_pack_city test)`)) process.exit(1);

const browser = await launchBrowser();
try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 1400 });
    const errors = watchErrors(page);
    const requests = [];
    page.on('request', r => requests.push(r.url()));
    const url = pathToFileURL(html).href;
    await page.goto(url, { waitUntil: 'load' });
    const found = await page.evaluate(() => ({
        maps: [...document.querySelectorAll('svg.map')].map(s => ({ id: s.dataset.map, w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height })),
        charts: [...document.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect().height),
        sites: document.querySelectorAll('#sites-table tbody tr').length,
        scripts: document.querySelectorAll('script').length,
        scaleBars: document.querySelectorAll('svg.map .scale-bar').length,
        arrows: document.querySelectorAll('svg.map .north-arrow').length,
        dots: document.querySelectorAll('svg.map .incidents-now circle').length,
        bottomLine: document.querySelector('#bottom-line')?.innerText ?? '',
    }));
    check(found.sites > 0, `ranked table lists ${found.sites} sites`);
    check(found.maps.length === found.sites + 1, `${found.maps.length} maps = 1 overview + ${found.sites} site maps`);
    check(found.maps[0]?.id === 'overview', 'the first map is the overview');
    check(found.maps.every(m => m.w > 300 && m.h > 150), 'every map is drawn at a readable size');
    check(found.charts.length === 2 && found.charts.every(h => h > 50), `${found.charts.length} charts drawn (monthly, study area and sites)`);
    check(found.scaleBars === found.maps.length && found.arrows === found.maps.length, 'every map has a scale bar and a north arrow');
    check(found.dots > 0, `${found.dots} dots of the pack period on the site maps`);
    check(found.scripts === 0, 'the pack runs no script');
    check(/incidents/.test(found.bottomLine), 'the bottom line is there');
    check(errors.length === 0, `no console error (${errors.join('; ')})`);
    const others = requests.filter(u => u !== url);
    check(others.length === 0, `no request but the file itself (${others.join(', ')})`);
    const png = path.join(dir, 'pack.png');
    await page.screenshot({ path: png, fullPage: false });
    check(fs.statSync(png).size > 10000, `screenshot ${png}`);
} finally {
    await browser.close();
}

check(fs.existsSync(pdf), `${pdf} exists`);
const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
check(size && Math.round(size[1]) === 595 && Math.round(size[2]) === 842, `PDF is A4 (${size?.[0]})`);
check(pages > 1, `PDF has ${pages} pages`);
execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, path.join(dir, 'pack-page')]);
check(fs.existsSync(path.join(dir, 'pack-page-1.png')) || fs.existsSync(path.join(dir, 'pack-page-01.png')), 'PDF pages rendered to PNG');
