// sitrep's web page: the events on a map (clustered, coloured by type), a timeline to brush, filters
// that query the API, and the evidence of each event. Everything is offline: the basemap is Natural
// Earth from world-atlas, served by the sitrep binary itself.
import L from './leaflet-global.js';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';
import { segments, ROLES } from './highlight.js';
import './style.css';

const ACLED = [
  ['Battles', 'battles'],
  ['Explosions/Remote violence', 'explosions'],
  ['Violence against civilians', 'civilians'],
  ['Protests', 'protests'],
  ['Riots', 'riots'],
  ['Strategic developments', 'strategic'],
];
const PLOVER = ['ASSAULT', 'COERCE', 'THREATEN', 'PROTEST', 'MOBILIZE', 'SANCTION', 'ACCUSE', 'REJECT', 'REQUEST',
  'RETREAT', 'AID', 'COOPERATE', 'CONCEDE', 'SUPPORT', 'CONSULT', 'AGREE'];
// the colours live in style.css (classes c-*): the page's CSP allows no inline styles
const COLOURS = {
  battles: '#e5484d', explosions: '#f76b15', civilians: '#d6409f', protests: '#3e9bf5', riots: '#ffc53d', strategic: '#46a758',
  'p-assault': '#e5484d', 'p-coerce': '#f76b15', 'p-threaten': '#ffc53d', 'p-protest': '#3e9bf5', 'p-mobilize': '#a18072',
  'p-sanction': '#8e4ec6', 'p-accuse': '#d6409f', 'p-reject': '#e54666', 'p-request': '#7ce2fe', 'p-retreat': '#94ce9a',
  'p-aid': '#30a46c', 'p-cooperate': '#12a594', 'p-concede': '#bdee63', 'p-support': '#29a383', 'p-consult': '#0090ff',
  'p-agree': '#46a758', other: '#8b8d98',
};
const GRADES = {
  single_source: 'Single source', multiple_sources: 'Multiple sources', confirmed_by_party: 'Confirmed by a party', contested: 'Contested',
};

// the page's Content-Security-Policy allows only this origin and no inline styles: say so loudly
// when something breaks it (the browser test fails on console errors)
document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation:', e.violatedDirective, e.blockedURI));

const $ = (id) => document.getElementById(id);
const state = { events: [], byId: new Map(), range: null, colourBy: 'acled', selected: null, loadSeq: 0 };

// el builds a DOM element: never innerHTML with data, so report text cannot inject markup.
function el(tag, attrs = {}, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') n.className = v;
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    n.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return n;
}

function colourKey(e) {
  if (state.colourBy === 'acled') {
    const a = ACLED.find(([name]) => name === e.acled_event_type);
    return a ? a[1] : 'other';
  }
  return PLOVER.includes(e.type) ? 'p-' + e.type.toLowerCase() : 'other';
}

function typeLabel(e) {
  const sub = e.acled_sub_event_type && e.acled_sub_event_type !== 'Other' ? e.acled_sub_event_type : '';
  return sub || e.acled_event_type || e.type;
}

const DAY = 86400000;
const parseDay = (s) => Date.parse(s + 'T00:00:00Z');
const fmtDay = (t, opts = { day: 'numeric', month: 'short', year: 'numeric' }) =>
  new Date(t).toLocaleDateString('en-GB', { timeZone: 'UTC', ...opts });
const eventDay = (e) => parseDay(e.date.start);

// ---- map ----------------------------------------------------------------------------------------

const map = L.map('map', {
  center: [28, 30], zoom: 3, minZoom: 2, maxZoom: 12, worldCopyJump: false, zoomSnap: 0.5,
  maxBounds: [[-85, -200], [85, 200]], preferCanvas: false,
});
map.attributionControl.setPrefix('');
map.attributionControl.addAttribution('Basemap: Natural Earth (world-atlas) · Leaflet');

async function loadBasemap() {
  const res = await fetch('/assets/countries-50m.json');
  const topo = await res.json();
  const land = feature(topo, topo.objects.countries);
  // Antarctica's ring runs along the pole, which Web Mercator cannot draw; rings that cross the
  // antimeridian (Russia, Fiji) are made continuous so no line is drawn across the world
  land.features = land.features.filter((f) => f.id !== '010');
  for (const f of land.features) unwrapGeometry(f.geometry);
  L.geoJSON(land, {
    interactive: false,
    style: { color: '#3a4556', weight: 0.7, fillColor: '#222a36', fillOpacity: 1 },
  }).addTo(map);
}

function unwrapRing(ring) {
  for (let i = 1; i < ring.length; i++) {
    const d = ring[i][0] - ring[i - 1][0];
    if (d > 180) ring[i] = [ring[i][0] - 360, ring[i][1]];
    else if (d < -180) ring[i] = [ring[i][0] + 360, ring[i][1]];
  }
}

function unwrapGeometry(g) {
  if (!g) return;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  for (const poly of polys) for (const ring of poly) unwrapRing(ring);
}

const clusters = L.markerClusterGroup({
  maxClusterRadius: 45,
  showCoverageOnHover: false,
  spiderfyOnMaxZoom: true,
  disableClusteringAtZoom: 9,
  chunkedLoading: true,
  iconCreateFunction(cluster) {
    const counts = {};
    for (const m of cluster.getAllChildMarkers()) counts[m.options.colourKey] = (counts[m.options.colourKey] || 0) + 1;
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const n = cluster.getChildCount();
    const size = n < 10 ? 30 : n < 50 ? 36 : n < 200 ? 44 : 52;
    return L.divIcon({
      html: '<div><span>' + n + '</span></div>',
      className: 'cluster c-' + top,
      iconSize: [size, size],
    });
  },
});
map.addLayer(clusters);

let markers = new Map(); // event id -> marker

function drawMarkers(fit) {
  clusters.clearLayers();
  markers = new Map();
  const shown = visibleEvents();
  const list = [];
  for (const e of shown) {
    if (!e.location) continue;
    const key = colourKey(e);
    const m = L.marker([e.location.lat, e.location.lon], {
      icon: L.divIcon({ className: 'mk c-' + key + (state.selected === e.id ? ' sel' : ''), iconSize: [14, 14] }),
      colourKey: key,
      title: `${e.date.start} · ${typeLabel(e)} · ${e.location.name}`,
      keyboard: true,
    });
    m.eventId = e.id;
    m.on('click', () => select(e.id));
    markers.set(e.id, m);
    list.push(m);
  }
  clusters.addLayers(list);
  if (fit && list.length) {
    map.fitBounds(L.latLngBounds(list.map((m) => m.getLatLng())).pad(0.25), { maxZoom: 5, animate: false });
  }
  $('map').dataset.markers = String(list.length);
}

function drawLegend() {
  legend.replaceChildren(...legendItems());
}
const legend = el('div', { class: 'legend' });
const LegendControl = L.Control.extend({ onAdd: () => legend });
new LegendControl({ position: 'bottomleft' }).addTo(map);
L.DomEvent.disableClickPropagation(legend);

function legendItems() {
  const present = new Set(state.events.map(colourKey));
  const items = state.colourBy === 'acled'
    ? ACLED.map(([name, key]) => [name, key])
    : PLOVER.map((t) => [t, 'p-' + t.toLowerCase()]);
  return items.filter(([, key]) => present.has(key)).map(([name, key]) =>
    el('div', { class: 'legend-item' }, el('span', { class: 'dot c-' + key }), name));
}

// ---- data ---------------------------------------------------------------------------------------

function filterParams() {
  const p = new URLSearchParams();
  for (const id of ['f-q', 'f-actor', 'f-country', 'f-type', 'f-acled', 'f-sources']) {
    const input = $(id);
    const v = input.value.trim();
    if (v) p.set(input.name, v);
  }
  return p;
}

async function load(fit) {
  const seq = ++state.loadSeq;
  const p = filterParams();
  p.set('limit', '10000');
  $('status').textContent = 'Loading…';
  let body;
  try {
    const res = await fetch('/api/events?' + p.toString());
    body = await res.json();
    if (!res.ok) throw new Error(body.error || res.statusText);
  } catch (err) {
    if (seq === state.loadSeq) $('status').textContent = 'Error: ' + err.message;
    return;
  }
  if (seq !== state.loadSeq) return; // a newer query answered first
  state.events = body.events;
  state.byId = new Map(state.events.map((e) => [e.id, e]));
  if (state.range && !state.events.some((e) => inRange(e))) state.range = null;
  fillChoices();
  drawLegend();
  drawMarkers(fit);
  drawTimeline();
  updateStatus();
  if (state.selected && !state.byId.has(state.selected)) state.selected = null;
  if (!state.selected) drawList();
}

// fillChoices offers the countries and actors of the loaded events (keeping the current choice).
const seenCountries = new Set();
const seenActors = new Set();
function fillChoices() {
  for (const e of state.events) {
    if (e.location && e.location.country) seenCountries.add(e.location.country);
    for (const a of [e.actor1, e.actor2]) if (a && a.name) seenActors.add(a.name);
  }
  const sel = $('f-country');
  const cur = sel.value;
  sel.replaceChildren(el('option', { value: '' }, 'All countries'),
    ...[...seenCountries].sort().map((c) => el('option', { value: c }, c)));
  sel.value = cur;
  $('actors').replaceChildren(...[...seenActors].sort().map((a) => el('option', { value: a })));
}

function inRange(e) {
  if (!state.range) return true;
  const t = eventDay(e);
  return (t >= state.range[0] || (tl.earlier && state.range[0] <= tl.t0)) && t <= state.range[1] + tl.bin - 1;
}

function visibleEvents() {
  return state.events.filter(inRange);
}

function updateStatus() {
  const shown = visibleEvents();
  const withPlace = shown.filter((e) => e.location).length;
  let s = `${shown.length} event${shown.length === 1 ? '' : 's'}`;
  if (shown.length !== state.events.length) s += ` of ${state.events.length}`;
  if (withPlace !== shown.length) s += ` · ${withPlace} on the map`;
  $('status').textContent = s;
}

// ---- timeline -----------------------------------------------------------------------------------

const tl = { x0: 0, x1: 0, t0: 0, t1: 0, bin: DAY, width: 0 };

function binOf(t) {
  return Math.floor((t - tl.t0) / tl.bin);
}

function drawTimeline() {
  const svg = $('histogram');
  const NS = 'http://www.w3.org/2000/svg';
  const W = svg.clientWidth || 800, H = svg.clientHeight || 90;
  const padL = 36, padR = 12, padB = 18, padT = 6;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const evs = state.events;
  if (!evs.length) return;
  const days = evs.map(eventDay).sort((a, b) => a - b);
  let t0 = days[0], t1 = days[days.length - 1] + DAY;
  // a few old events (a report's background: "in 2019 ...") would squeeze the rest into a sliver:
  // they go into an "earlier" bar at the left
  // (often dated only to the month or year): when the oldest tenth spreads over most of the axis,
  // the axis starts at the tenth percentile
  const from = days[Math.floor(0.1 * (days.length - 1))];
  tl.earlier = from > t0 && t1 - t0 > 3 * (t1 - from);
  if (tl.earlier) t0 = from;
  const span = (t1 - t0) / DAY;
  tl.bin = span > 1100 ? 30 * DAY : span > 150 ? 7 * DAY : DAY;
  if (span < 14) { t0 -= 2 * DAY; t1 += 2 * DAY; }
  Object.assign(tl, { t0, t1, x0: padL, x1: W - padR, width: W });
  const nb = Math.ceil((t1 - t0) / tl.bin);
  const bins = Array.from({ length: nb }, () => ({}));
  for (const e of evs) {
    const b = bins[Math.max(0, binOf(eventDay(e)))];
    const k = colourKey(e);
    b[k] = (b[k] || 0) + 1;
  }
  const max = Math.max(1, ...bins.map((b) => Object.values(b).reduce((a, c) => a + c, 0)));
  const x = (t) => padL + ((t - t0) / (t1 - t0)) * (W - padL - padR);
  const y = (n) => H - padB - (n / max) * (H - padB - padT);
  const bw = Math.max(1, x(t0 + tl.bin) - x(t0) - 1);
  const mk = (tag, attrs) => { const n = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); return n; };
  // axis: a few ticks
  const ticks = Math.min(10, nb);
  for (let i = 0; i <= ticks; i++) {
    const t = t0 + Math.round((i * nb) / ticks) * tl.bin;
    if (t > t1) break;
    svg.append(mk('line', { x1: x(t), x2: x(t), y1: H - padB, y2: H - padB + 4, stroke: '#4b5565' }));
    const anchor = x(t) > W - padR - 24 ? 'end' : i === 0 ? 'start' : 'middle';
    const label = mk('text', { x: x(t), y: H - 4, 'text-anchor': anchor, class: 'tick' });
    label.textContent = i === 0 && tl.earlier ? '◂ earlier'
      : fmtDay(t, tl.bin >= 30 * DAY ? { month: 'short', year: '2-digit' } : { day: 'numeric', month: 'short' });
    svg.append(label);
  }
  svg.append(mk('line', { x1: padL, x2: W - padR, y1: H - padB, y2: H - padB, stroke: '#4b5565' }));
  const yl = mk('text', { x: padL - 6, y: padT + 8, 'text-anchor': 'end', class: 'tick' });
  yl.textContent = String(max);
  svg.append(yl);
  bins.forEach((b, i) => {
    let acc = 0;
    const t = t0 + i * tl.bin;
    const inSel = !state.range || (t >= state.range[0] && t <= state.range[1]);
    for (const [k, n] of Object.entries(b).sort()) {
      const r = mk('rect', { x: x(t), y: y(acc + n), width: bw, height: Math.max(0.5, y(acc) - y(acc + n)), fill: COLOURS[k] || COLOURS.other, 'fill-opacity': inSel ? 0.95 : 0.25 });
      const title = mk('title', {});
      title.textContent = `${fmtDay(t)}: ${n}`;
      r.append(title);
      svg.append(r);
      acc += n;
    }
  });
  if (state.range) {
    svg.append(mk('rect', { class: 'brush', x: x(state.range[0]), y: padT - 4, width: Math.max(2, x(state.range[1] + tl.bin) - x(state.range[0])), height: H - padB - padT + 4 }));
  }
  tl.toTime = (px) => t0 + ((px - padL) / (W - padL - padR)) * (t1 - t0);
}

function setRange(r) {
  state.range = r;
  const label = $('range-label');
  if (r) {
    const n = visibleEvents().length;
    const from = tl.earlier && r[0] <= tl.t0 ? 'earlier' : fmtDay(r[0]);
    label.textContent = `${from} – ${fmtDay(r[1] + tl.bin - DAY)} · ${n} event${n === 1 ? '' : 's'}`;
  } else {
    label.textContent = 'Drag across the timeline to filter by date';
  }
  $('range-clear').hidden = !r;
  drawMarkers(false);
  drawTimeline();
  updateStatus();
  if (!state.selected) drawList();
}

function installBrush() {
  const svg = $('histogram');
  let start = null;
  let live = null;
  const px = (ev) => {
    const b = svg.getBoundingClientRect();
    return ((ev.clientX - b.left) / b.width) * tl.width;
  };
  svg.addEventListener('pointerdown', (ev) => {
    if (!state.events.length) return;
    start = px(ev);
    svg.setPointerCapture(ev.pointerId);
    live = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    live.setAttribute('class', 'brush');
    live.setAttribute('y', '2');
    live.setAttribute('height', String((svg.clientHeight || 90) - 20));
    live.setAttribute('x', String(start));
    live.setAttribute('width', '0');
    svg.append(live);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (start === null) return;
    const p = px(ev);
    live.setAttribute('x', String(Math.min(start, p)));
    live.setAttribute('width', String(Math.abs(p - start)));
  });
  const end = (ev) => {
    if (start === null) return;
    const p = px(ev);
    const a = Math.min(start, p), b = Math.max(start, p);
    start = null;
    if (b - a < 3) { setRange(null); return; }
    const ta = tl.t0 + binOf(Math.max(tl.t0, tl.toTime(a))) * tl.bin;
    const tb = tl.t0 + binOf(Math.min(tl.t1 - 1, tl.toTime(b))) * tl.bin;
    setRange([ta, tb]);
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', () => { start = null; drawTimeline(); });
  $('range-clear').addEventListener('click', () => setRange(null));
}

// ---- panel --------------------------------------------------------------------------------------

function placeText(e) {
  const l = e.location;
  if (!l) return 'Place unknown';
  return [l.name, l.admin1 && l.admin1 !== l.name ? l.admin1 : '', l.country].filter(Boolean).join(', ');
}

function actorsText(e) {
  const a1 = e.actor1 ? e.actor1.name || e.actor1.text : '';
  const a2 = e.actor2 ? e.actor2.name || e.actor2.text : '';
  if (a1 && a2) return `${a1} → ${a2}`;
  return a1 || (a2 ? `→ ${a2}` : 'Actors not named');
}

function drawList() {
  const shown = visibleEvents().slice().sort((a, b) => (b.date.start > a.date.start ? 1 : b.date.start < a.date.start ? -1 : a.id < b.id ? -1 : 1));
  const items = shown.slice(0, 300).map((e) =>
    el('li', { class: 'item', tabindex: '0', 'data-id': e.id, onclick: () => select(e.id), onkeydown: (ev) => { if (ev.key === 'Enter') select(e.id); } },
      el('span', { class: 'dot c-' + colourKey(e) }),
      el('div', { class: 'item-body' },
        el('div', { class: 'item-head' }, el('b', {}, typeLabel(e)), el('span', { class: 'muted' }, e.date.start)),
        el('div', {}, placeText(e)),
        el('div', { class: 'muted small' }, actorsText(e),
          e.fatalities != null ? ` · ${e.fatalities} killed` : '',
          ` · ${e.corroboration || 1} outlet${(e.corroboration || 1) === 1 ? '' : 's'}`))));
  $('panel').replaceChildren(
    el('div', { class: 'panel-head' }, el('h2', {}, 'Events'), el('span', { class: 'muted' }, `${shown.length} shown, newest first`)),
    shown.length ? el('ul', { class: 'list' }, items) : el('p', { class: 'muted pad' }, 'No events match the filters.'),
    shown.length > 300 ? el('p', { class: 'muted pad' }, `…and ${shown.length - 300} more: narrow the filters or the dates.`) : null,
  );
}

async function select(id) {
  state.selected = id;
  for (const [mid, m] of markers) {
    const icon = m.getElement && m.getElement();
    if (icon) icon.classList.toggle('sel', mid === id);
  }
  const panel = $('panel');
  panel.replaceChildren(el('p', { class: 'muted pad' }, 'Loading the evidence…'));
  let d;
  try {
    const res = await fetch('/api/events/' + encodeURIComponent(id));
    d = await res.json();
    if (!res.ok) throw new Error(d.error || res.statusText);
  } catch (err) {
    panel.replaceChildren(el('p', { class: 'pad' }, 'Could not load the event: ' + err.message));
    return;
  }
  if (state.selected !== id) return;
  panel.replaceChildren(eventView(d));
  panel.scrollTop = 0;
}

function eventView(d) {
  const e = d.event;
  const grade = e.grade || (e.corroboration > 1 ? 'multiple_sources' : 'single_source');
  const fatal = e.fatalities != null
    ? (e.fatalities_range && e.fatalities_range[0] !== e.fatalities_range[1]
      ? `${e.fatalities} killed (reports: ${e.fatalities_range[0]}–${e.fatalities_range[1]})` : `${e.fatalities} killed`)
    : 'No toll reported';
  const dateText = e.date.start === e.date.end ? e.date.start : `${e.date.start} – ${e.date.end}`;
  const legendRoles = ROLES.map(([, role, label]) => el('span', { class: 'hl hl-' + role }, label));
  return el('article', { id: 'event-detail', 'data-id': e.id },
    el('div', { class: 'panel-head' },
      el('button', { type: 'button', class: 'back', onclick: () => { state.selected = null; drawMarkers(false); drawList(); } }, '← All events'),
      el('span', { class: 'muted small' }, e.id)),
    el('div', { class: 'pad' },
      el('div', { class: 'badge c-' + colourKey(e) }, typeLabel(e), ' · ', e.type),
      el('h2', { class: 'title' }, placeText(e)),
      el('dl', { class: 'facts' },
        el('dt', {}, 'Date'), el('dd', {}, dateText, el('span', { class: 'muted' }, ` (${e.date.precision})`)),
        el('dt', {}, 'Who'), el('dd', {}, actorsText(e)),
        el('dt', {}, 'Toll'), el('dd', {}, fatal, e.injured != null ? `, ${e.injured} injured` : ''),
        el('dt', {}, 'Modality'), el('dd', {}, e.modality, e.denied_by && e.denied_by.length ? ` · denied by ${e.denied_by.join(', ')}` : ''),
        el('dt', {}, 'Place'), el('dd', {}, e.location ? `${e.location.lat.toFixed(3)}, ${e.location.lon.toFixed(3)} (${e.location.precision})` : '—'),
        el('dt', {}, 'Grade'), el('dd', {}, el('span', { class: 'grade g-' + grade }, GRADES[grade] || grade),
          el('span', { class: 'muted' }, ` · confidence ${Math.round((e.confidence || 0) * 100)}%`))),
      el('h3', {}, `Outlets (${(e.outlets || []).length})`),
      el('ul', { class: 'outlets' }, (e.outlets || []).map((o) => el('li', {}, o))),
      el('h3', {}, `Reports (${d.reports.length})`),
      el('div', { class: 'roles' }, legendRoles),
      d.reports.map(reportView),
      d.history.length ? el('h3', {}, 'History') : null,
      d.history.length ? el('ol', { class: 'history' }, d.history.map((h) => historyItem(h, d.reports))) : null,
    ));
}

function historyItem(h, reports) {
  const rep = reports.find((r) => r.document.id === h.doc);
  const when = h.recorded_at ? new Date(h.recorded_at).toISOString().slice(0, 16).replace('T', ' ') : '';
  return el('li', {}, el('b', {}, `v${(h.event && h.event.version) || ''} `), h.change,
    el('span', { class: 'muted small' }, [rep ? ` · ${rep.document.source}` : '', when ? ` · ${when} UTC` : ''].join('')));
}

function reportView(r) {
  const doc = r.document;
  const sentences = r.mentions.map((m) =>
    el('blockquote', { class: 'evidence' }, segments(m).map((s) => (s.role ? el('mark', { class: 'hl hl-' + s.role, title: s.role }, s.text) : s.text))));
  const title = doc.url
    ? el('a', { href: doc.url, target: '_blank', rel: 'noopener noreferrer' }, doc.title || doc.url)
    : el('span', {}, doc.title || doc.id);
  return el('section', { class: 'report' },
    el('div', { class: 'report-head' }, el('b', {}, doc.source), el('span', { class: 'muted small' }, ' · ' + (doc.published || '').slice(0, 10))),
    el('div', { class: 'small' }, title),
    sentences.length ? sentences : el('p', { class: 'muted small' }, '(no sentence of this report codes the event)'));
}

// ---- wiring -------------------------------------------------------------------------------------

function fillStaticChoices() {
  $('f-type').append(...PLOVER.map((t) => el('option', { value: t }, t)));
  $('f-acled').append(...ACLED.map(([name]) => el('option', { value: name }, name)));
}

let timer = null;
function reloadSoon() {
  clearTimeout(timer);
  timer = setTimeout(() => load(false), 300);
}

function wire() {
  for (const id of ['f-q', 'f-actor']) $(id).addEventListener('input', reloadSoon);
  for (const id of ['f-country', 'f-type', 'f-acled', 'f-sources']) $(id).addEventListener('change', () => load(false));
  $('f-colour').addEventListener('change', (ev) => {
    state.colourBy = ev.target.value;
    drawLegend();
    drawMarkers(false);
    drawTimeline();
    if (state.selected) select(state.selected); else drawList();
  });
  $('filters').addEventListener('submit', (ev) => { ev.preventDefault(); load(false); });
  $('filters').addEventListener('reset', () => setTimeout(() => { state.range = null; setRange(null); load(true); }, 0));
  installBrush();
  let rt = null;
  window.addEventListener('resize', () => { clearTimeout(rt); rt = setTimeout(drawTimeline, 150); });
}

fillStaticChoices();
wire();
// exposed for tests and the console
window.sitrep = { map, state, select, setRange };
Promise.all([loadBasemap().catch((err) => console.error('basemap', err)), load(true)]).then(() => {
  document.body.dataset.ready = 'true';
});
