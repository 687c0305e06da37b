// node tools/bench/first_render.mjs DIR REPEAT: serves a dashboard folder and times its first
// render REPEAT times (tests/web/browser.mjs firstRenderTimes: fresh context, navigation to the
// map's first idle). Prints "first_render_ms MEDIAN" and every load.
import { launchBrowser, serveFolder, firstRenderTimes } from '../../tests/web/browser.mjs';

const [dir, repeatText = '5'] = process.argv.slice(2);
const server = await serveFolder(dir);
const browser = await launchBrowser();
let result;
try {
    result = await firstRenderTimes(browser, server.url, Number(repeatText));
} finally {
    await browser.close();
    await server.close();
}
console.log(`first_render_ms ${result.median.toFixed(0)}`);
console.log(`loads_ms ${result.loads.map(v => v.toFixed(0)).join(' ')}`);
