// The tasking pack in headless Chromium, opened from file:// as an e-mailed file would be: every
// map (the overview + one per site) and chart is an SVG with size, no console error, no network
// request at all (only the file itself is loaded), a full-page screenshot; the PDF the report
// test printed is A4 with more than one page, its first pages rendered to PNG for a person to look at;
// printed, the ranked table fits the page; the public version draws no incident and withholds counts.
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
    // Printed, the ranked table (with the Gi* and emerging columns) stays inside the page width.
    await page.setViewport({ width: 688, height: 1400 });  // A4's 210 mm less the 14 mm margins, at 96 px per inch
    await page.emulateMediaType('print');
    const fit = await page.evaluate(() => ({
        table: document.querySelector('#sites-table').getBoundingClientRect().right,
        body: document.body.getBoundingClientRect().right,
    }));
    check(fit.table <= fit.body + 0.5, `printed, the ranked table ends at ${fit.table.toFixed(0)} px, inside the body (${fit.body.toFixed(0)} px)`);
    await page.emulateMediaType('screen');
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
    // The public version (report_oracle.py wrote it from the same GeoPackages): the same maps and
    // charts, no incident dot anywhere, counts withheld as [c], the disclosure section.
    const publicHtml = path.join(dir, 'public.html');
    if (check(fs.existsSync(publicHtml), `${publicHtml} exists`)) {
        const pub = await browser.newPage();
        const pubErrors = watchErrors(pub);
        await pub.goto(pathToFileURL(publicHtml).href, { waitUntil: 'load' });
        const p = await pub.evaluate(() => ({
            maps: document.querySelectorAll('svg.map').length,
            charts: document.querySelectorAll('svg.chart').length,
            dots: document.querySelectorAll('svg.map circle[data-n]').length,
            withheld: [...document.querySelectorAll('span.c')].filter(e => e.textContent === '[c]').length,
            disclosure: document.querySelector('#disclosure')?.innerText ?? '',
            notice: document.querySelector('#public-notice')?.innerText ?? '',
        }));
        check(p.maps === found.maps.length && p.charts === 2, `public: ${p.maps} maps and ${p.charts} charts, as the analyst pack`);
        check(p.dots === 0, `public: no incident dot (${p.dots})`);
        check(p.withheld > 0, `public: ${p.withheld} counts shown as [c]`);
        check(/Withheld as small/.test(p.disclosure) && /Public version/.test(p.notice), 'public: the notice and the disclosure section');
        check(pubErrors.length === 0, `public: no console error (${pubErrors.join('; ')})`);
        await pub.screenshot({ path: path.join(dir, 'public.png'), fullPage: false });
    }
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
