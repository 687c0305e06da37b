// The ward dashboard: a map of the area layers (tiles.pmtiles drawn with style.json, one style
// layer per legend class), a layer and measure selector, the legend, and a panel per area from
// data.json. Everything is local to this folder; nothing is fetched from the internet.
'use strict';

// A public dashboard (data.json suppressed_below set) hides small counts and the cells that would
// reveal them: an empty value there is "suppressed", not "no value".
const fmt = (v, digits) => v === null || v === undefined ? (state.data && state.data.suppressed_below ? 'suppressed' : 'no value')
    : Number(v).toLocaleString('en-GB', { minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
const signed = (v, digits) => (v > 0 ? '+' : v < 0 ? '\u2212' : '') + fmt(Math.abs(v), digits);
const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
};

const state = { data: null, map: null, layer: null, measure: null, selected: null };
window.hotspotDashboard = state;  // for tests and the curious

function layerData(name) { return state.data.layers.find(l => l.name === name); }
function measureOf(layer, field) { return layer.measures.find(m => m.field === field); }

function showFileNotice() {
    const notice = document.getElementById('notice');
    notice.hidden = false;
    notice.innerHTML = '<strong>This dashboard must be opened through a web server.</strong> ' +
        'Browsers do not let a page opened from a file read its map tiles. In this folder run ' +
        '<code>npx http-server .</code> (or from its parent <code>npx http-server DIR</code>) and open the address it prints, ' +
        'e.g. <code>http://127.0.0.1:8080/</code>. Nothing is fetched from the internet.';
}

// Shows the style layers of one area layer and measure, hides the others.
function applySelection() {
    const map = state.map;
    for (const l of map.getStyle().layers) {
        const meta = l.metadata || {};
        let visible = true;
        if (meta['hotspot:layer']) visible = meta['hotspot:layer'] === state.layer.name && meta['hotspot:measure'] === state.measure.field;
        else if (l.id.endsWith('/outline') || l.id.endsWith('/base') || l.id.endsWith('/selected')) visible = l.id.startsWith(state.layer.name + '/');
        map.setLayoutProperty(l.id, 'visibility', visible ? 'visible' : 'none');
    }
    drawLegend();
}

function drawLegend() {
    const legend = document.getElementById('legend');
    const m = state.measure;
    const missing = state.layer.areas.filter(a => a[m.field] === null || a[m.field] === undefined).length;
    legend.replaceChildren(el('h3', {}, m.title));
    for (const c of m.classes)
        legend.append(el('div', { class: 'row' }, el('span', { class: 'swatch', style: `background:${c.color};opacity:${c.opacity}` }), c.label));
    if (missing) legend.append(el('div', { class: 'row' }, el('span', { class: 'swatch no-value' }),
        `${state.data.suppressed_below ? 'suppressed or no value' : 'no value'} (${missing} area${missing > 1 ? 's' : ''})`));
    legend.append(el('p', { class: 'note' }, `${state.layer.areas.length} areas. Colour classes group similar values (natural breaks)` +
        (m.qgis_default ? ", as on the analysts' QGIS map." : '.')));
}

// The hatching of areas without a value (style.json's "<layer>/<measure>/no-value" layers):
// grey lines on white, 8 px apart, as the legend's .swatch.no-value. A pattern, not a colour,
// so no class colour can be taken for "no value".
function noValueHatch() {
    const size = 8, data = new Uint8Array(size * size * 4);
    for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) {
            const v = x === y ? 110 : 255;
            data.set([v, v, v, 255], (y * size + x) * 4);
        }
    return { width: size, height: size, data };
}

function fillSelect(select, options, value) {
    select.replaceChildren(...options.map(([v, text]) => el('option', { value: v }, text)));
    select.value = value;
}

// The selector's words; the legend title below it names the period.
function shortName(field) {
    const L = state.layer;
    return { count: 'Incidents (count)', rate_per_1000: 'Rate per 1,000 residents per year',
             change_pct: `Change % (${L.base_period} \u2192 ${L.current_period})` }[field] || field;
}

function selectLayer(name, fit = true) {
    state.layer = layerData(name);
    const field = state.measure && measureOf(state.layer, state.measure.field) ? state.measure.field
        : (state.layer.measures.find(m => m.qgis_default) || state.layer.measures[0]).field;
    fillSelect(document.getElementById('measure'), state.layer.measures.map(m => [m.field, shortName(m.field)]), field);
    state.measure = measureOf(state.layer, field);
    document.getElementById('subtitle').textContent = `${state.layer.areas.length} ${state.layer.name}; headline period ` +
        `${state.layer.headline_label}; change compares ${state.layer.base_period} with ${state.layer.current_period}.`;
    state.selected = null;
    document.getElementById('panel').replaceChildren(el('p', { class: 'hint' }, 'Click an area on the map to see its figures.'));
    applySelection();
    if (fit) state.map.fitBounds(state.layer.bounds, { padding: 20, animate: false });
}

function selectMeasure(field) {
    state.measure = measureOf(state.layer, field);
    applySelection();
}

// Monthly counts as bars: every month of the run, category all, with the axis labelled.
function monthlyChart(monthly) {
    const w = 330, h = 130, left = 34, bottom = 28, top = 8;
    const max = Math.max(1, ...monthly.map(([, n]) => n));
    const bw = (w - left - 4) / Math.max(1, monthly.length);
    const y = n => top + (h - top - bottom) * (1 - n / max);
    const svg = [`<svg class="chart" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Incidents per month">`,
        `<line x1="${left}" y1="${h - bottom}" x2="${w}" y2="${h - bottom}" stroke="#888"/>`,
        `<text x="${left - 4}" y="${y(max) + 4}" text-anchor="end">${fmt(max)}</text>`,
        `<text x="${left - 4}" y="${h - bottom + 3}" text-anchor="end">0</text>`];
    monthly.forEach(([period, n], i) => {
        const x = left + i * bw;
        svg.push(`<rect x="${x + 0.5}" y="${y(n)}" width="${Math.max(1, bw - 1)}" height="${h - bottom - y(n)}" fill="#d9534f"><title>${period}: ${fmt(n)} incidents</title></rect>`);
        if (period.endsWith('-01') || i === 0) {
            svg.push(`<line x1="${x}" y1="${h - bottom}" x2="${x}" y2="${h - bottom + 4}" stroke="#888"/>`);
            svg.push(`<text x="${x}" y="${h - bottom + 15}">${i === 0 ? period : period.slice(0, 4)}</text>`);
        }
    });
    svg.push('</svg>');
    const box = el('div');
    box.innerHTML = svg.join('');
    return box;
}

function row(label, value, field) {
    return el('tr', {}, el('td', {}, label), el('td', { class: 'value', 'data-field': field }, value));
}

// "40= of 659 (620 tied)": competition ranks share a place; saying how many stops a tie among
// hundreds of areas with no incident reading as a real position.
function rankText(L, a) {
    const tied = L.areas.filter(x => x.rank === a.rank).length;
    return tied > 1 ? `${fmt(a.rank)}= of ${L.areas.length} (${fmt(tied)} tied)` : `${fmt(a.rank)} of ${L.areas.length}`;
}

function showPanel(id) {
    const L = state.layer, a = L.areas.find(x => x.id === id);
    if (!a) return;
    state.selected = id;
    state.map.setFilter(`${L.name}/selected`, ['==', ['get', 'area_id'], id]);
    const t = L.titles;
    const change = a.change_pct === null ? (a.base_count === 0 ? 'none in the base period' : 'no value')
        : `${fmt(a.base_count)} \u2192 ${fmt(a.current_count)} (${signed(a.change_pct, 1)} %)`;
    const table = el('table', {},
        row('Incidents (count)', fmt(a.count), 'count'),
        row('Incidents per 1,000 residents per year', a.rate_per_1000 === null ? 'no value (no residents figure)' : fmt(a.rate_per_1000, 1), 'rate_per_1000'),
        row('Rank by count (1 = most)', a.rank === null ? fmt(null) : rankText(L, a), 'rank'),
        row(`Change, ${L.base_period} \u2192 ${L.current_period} (incidents, %)`, change, 'change_pct'),
        row(t.population, fmt(a.population), 'population'));
    const months = a.monthly;
    const top = a.top_categories.slice(0, 5);
    const share = n => a.count === null || n === null ? '' : ` (${fmt(100 * n / Math.max(1, a.count), 0)} %)`;  // no share of a suppressed count
    const topList = el('table', {}, ...top.map(([c, n]) => row(c, `${fmt(n)}${share(n)}`, 'category')));
    document.getElementById('panel').replaceChildren(
        el('h2', { id: 'panel-name' }, a.name), el('p', { class: 'code' }, `${a.id} (${L.name})`),
        el('h3', { title: `${t.count}; ${t.rate_per_1000}; ${t.rank}` }, `Headline period ${L.headline_label}`), table,
        ...(months.length ? [el('h3', {}, `Incidents per month, all categories, ${months[0][0]} to ${months[months.length - 1][0]}`), monthlyChart(months)]
            : [el('h3', {}, state.data.suppressed_below ? 'Incidents per month: not in the public version (months nest inside the counts above)'
                : 'Incidents per month: none recorded')]),
        el('h3', {}, `Top categories, ${L.headline_label} (incidents, % of the area's ${fmt(a.count)})`), topList);
}

async function main() {
    if (location.protocol === 'file:') { showFileNotice(); return; }
    const [data, style] = await Promise.all(['data.json', 'style.json'].map(f => fetch(f).then(r => {
        if (!r.ok) throw new Error(`${f}: HTTP ${r.status}`);
        return r.json();
    })));
    state.data = data;
    document.title = data.title;
    document.getElementById('title').textContent = data.title;
    document.getElementById('run').textContent = `run ${data.run_id}`;
    const protocol = new pmtiles.Protocol();
    maplibregl.addProtocol('pmtiles', protocol.tile);
    style.sources.hotspot.url = 'pmtiles://' + new URL('tiles.pmtiles', location.href).href;
    // A transparent fill under the classes (areas without a value stay clickable) and the
    // outline of the chosen area, for each layer.
    for (const [i, L] of data.layers.entries()) {
        const layout = { visibility: i === 0 ? 'visible' : 'none' };
        style.layers.splice(1, 0, { id: `${L.name}/base`, type: 'fill', source: 'hotspot', 'source-layer': L.name, layout,
            paint: { 'fill-color': '#ffffff', 'fill-opacity': 1 } });
        style.layers.push({ id: `${L.name}/selected`, type: 'line', source: 'hotspot', 'source-layer': L.name, layout,
            filter: ['==', ['get', 'area_id'], ''], paint: { 'line-color': '#000', 'line-width': 3 } });
    }
    const first = data.layers[0];
    state.map = new maplibregl.Map({ container: 'map', style, bounds: first.bounds, fitBoundsOptions: { padding: 20 },
        attributionControl: false, renderWorldCopies: false, fadeDuration: 0 });
    state.map.on('styleimagemissing', e => { if (e.id === 'hotspot-no-value') state.map.addImage(e.id, noValueHatch()); });
    state.map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    fillSelect(document.getElementById('layer'), data.layers.map(l => [l.name, `${l.name} (${l.areas.length})`]), first.name);
    document.getElementById('layer').addEventListener('change', e => selectLayer(e.target.value));
    document.getElementById('measure').addEventListener('change', e => selectMeasure(e.target.value));
    state.map.on('load', () => {
        selectLayer(first.name, false);  // the map opened on its bounds: no second fit
        state.map.once('idle', () => { state.firstIdleMs = performance.now(); });  // first render, from navigation
    });
    state.map.on('click', e => {
        const hit = state.map.queryRenderedFeatures(e.point, { layers: [`${state.layer.name}/base`] })[0];
        if (hit) showPanel(hit.properties.area_id);
    });
    state.map.on('mousemove', e => {
        state.map.getCanvas().style.cursor = state.map.queryRenderedFeatures(e.point, { layers: [`${state.layer.name}/base`] }).length ? 'pointer' : '';
    });
}

main().catch(e => {
    const notice = document.getElementById('notice');
    notice.hidden = false;
    notice.textContent = `The dashboard could not start: ${e.message}`;
    console.error(e);
});
