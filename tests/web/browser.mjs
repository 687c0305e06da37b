// Shared by the browser tests: headless Debian Chromium through puppeteer-core with the flags
// docs/OUTPUTS facts require (SwiftShader WebGL2 for MapLibre; no background networking on a
// closed network), a fresh profile per run, and a static server with HTTP Range requests
// (PMTiles reads byte ranges; Python's http.server cannot serve them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// http-server 14 uses a deprecated Node API; its warning would read as a test problem.
process.noDeprecation = true;
// The packages are web/'s (tools/install-deps build runs npm ci there), not this folder's.
const here = path.dirname(fileURLToPath(import.meta.url));
export const webDir = path.resolve(here, '../../web');
const require = createRequire(path.join(webDir, 'package.json'));
const puppeteer = require('puppeteer-core');

export async function launchBrowser() {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspot-chromium-'));
    const browser = await puppeteer.launch({
        executablePath: process.env.HOTSPOT_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        userDataDir: profile,
        args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
               '--disable-background-networking', '--disable-component-update', '--no-first-run',
               '--disable-sync', '--disable-quic'],
    });
    const close = browser.close.bind(browser);
    browser.close = async () => { await close(); fs.rmSync(profile, { recursive: true, force: true }); };
    return browser;
}

// Collects console errors, page errors and failed requests of a page: a test asserts it is empty.
export function watchErrors(page) {
    const errors = [];
    page.on('console', m => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('pageerror', e => errors.push(`page error: ${e.message}`));
    page.on('requestfailed', r => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    return errors;
}

// Serves `root` on a free localhost port with npm's http-server (Range requests, no caching).
export async function serveFolder(root) {
    const { createServer } = require('http-server');
    const server = createServer({ root, cache: -1, showDir: false, silent: true });
    await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address();
    // http-server's own close() never calls back; the Node server underneath does once its
    // keep-alive sockets are gone, so those are closed too.
    const close = () => new Promise(resolve => {
        server.server.close(() => resolve());
        server.server.closeAllConnections();
    });
    return { url: `http://127.0.0.1:${port}/`, close };
}

// Times a dashboard's first render REPEAT times, each in a fresh browser context (no cache):
// navigation to the map's first idle, as the page records it (window.hotspotDashboard.firstIdleMs).
// Returns every load in ms and their median.
export async function firstRenderTimes(browser, url, repeat) {
    const loads = [];
    for (let i = 0; i < repeat; i++) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.setViewport({ width: 1280, height: 860 });
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForFunction(() => window.hotspotDashboard && window.hotspotDashboard.firstIdleMs, { timeout: 60000 });
        loads.push(await page.evaluate(() => window.hotspotDashboard.firstIdleMs));
        await context.close();
    }
    const sorted = [...loads].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { loads, median };
}

// Fails the test with a message (exit code 1), as ctest expects.
export function check(condition, message) {
    if (!condition) { console.error(`FAIL: ${message}`); process.exitCode = 1; }
    else console.log(`ok: ${message}`);
    return condition;
}
