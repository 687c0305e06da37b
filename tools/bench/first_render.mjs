// node tools/bench/first_render.mjs DIR REPEAT: serves a dashboard folder and loads it REPEAT
// times, each in a fresh browser context (no cache), timing navigation to the map's first idle
// (window.hotspotDashboard.firstIdleMs, set by the page). Prints "first_render_ms MEDIAN" and
// every load.
import { launchBrowser, serveFolder } from '../../tests/web/browser.mjs';

const [dir, repeatText = '5'] = process.argv.slice(2);
const repeat = Number(repeatText);
const server = await serveFolder(dir);
const browser = await launchBrowser();
const loads = [];
try {
    for (let i = 0; i < repeat; i++) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.setViewport({ width: 1280, height: 860 });
        await page.goto(server.url, { waitUntil: 'load' });
        await page.waitForFunction(() => window.hotspotDashboard && window.hotspotDashboard.firstIdleMs, { timeout: 60000 });
        loads.push(await page.evaluate(() => window.hotspotDashboard.firstIdleMs));
        await context.close();
    }
} finally {
    await browser.close();
    await server.close();
}
const sorted = [...loads].sort((a, b) => a - b);
const mid = sorted.length >> 1;
const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
console.log(`first_render_ms ${median.toFixed(0)}`);
console.log(`loads_ms ${loads.map(v => v.toFixed(0)).join(' ')}`);
