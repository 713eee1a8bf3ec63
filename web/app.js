/*
 * LandRenew 土地更新 — the planner's map.
 *
 * Plain script on Leaflet (served from its webjar); everything comes from this server's /api, so the
 * page works offline. Parcels are loaded for the current view once the map is zoomed in far enough,
 * drawn on one canvas and coloured by life-cycle state. Clicking a parcel (or locating it by code, or
 * opening a #zone/code link) opens its detail panel. From the panel a planner records a change of the
 * parcel's life-cycle state in the ledger (POST /api/parcels/{zone}/{code}/transitions) and reads its
 * history. Idle land (闲置土地) is outlined in dashed dark red.
 *
 * Parcels are vector tiles (GET tiles/parcels/{z}/{x}/{y}.mvt, drawn by Leaflet.VectorGrid from web/vendor/).
 *
 * For tests: window.landrenew = { map, parcelTiles, drawnParcels(), parcelsAt(x, y), ready, states, zones,
 * parcelStyle }; other scripts
 * (finder.js, buildings.js) also use its selectParcel and getJson, and hear 'landrenew:parcel-shown'.
 */

import { getJson, me, send } from './api.js';
import { showStatus } from './header.js';
import { num, esc, DASH, shortCode, todayInChina, recordedTime } from './format.js';
import {
  addBasemap, addPane, addScale, createMap, fillZoneSelect, loadZones, vectorTiles, zoneBounds, ZONE_OUTLINE,
} from './map-setup.js';

/** Parcels are drawn only from this zoom on (a whole zone holds thousands). */
const PARCEL_MIN_ZOOM = 13;
/** The deepest zoom the server cuts parcel tiles at (GET tiles/parcels.json). */
const PARCEL_TILE_MAX_ZOOM = 19;
/** Below this zoom the zones are named, from it on their blocks. */
const BLOCK_LABEL_MIN_ZOOM = 11;
const PARCEL_FOCUS_MAX_ZOOM = 17;
/** From this zoom on each parcel in view carries its code. */
const PARCEL_CODE_MIN_ZOOM = 17;
const MAX_PARCEL_CODE_LABELS = 400;

const el = (id) => document.getElementById(id);

const enc = encodeURIComponent;

// ---------------------------------------------------------------- map and layers

const map = createMap('map', { preferCanvas: true, zoomSnap: 1, worldCopyJump: false });

// Outlines and the selection are drawn above the parcels but must never catch the mouse.
addPane(map, 'outlines', 420);
addPane(map, 'selection', 430);
addPane(map, 'parcel-codes', 590);

const zoneFills = L.layerGroup().addTo(map);      // under the parcels (overlay pane)
const blockFills = L.layerGroup().addTo(map);
const outlines = L.layerGroup().addTo(map);       // zone and block boundaries, above the parcels
const zoneLabels = L.layerGroup().addTo(map);
const blockLabels = L.layerGroup().addTo(map);
const parcelCodeLabels = L.layerGroup().addTo(map);
let selection = null;                             // the highlighted outline of the open parcel

/** state code → {code, ordinal, nameZh, nameEn, colour}. */
const states = new Map();
/** zone code → zone feature. */
const zones = new Map();
/** Label markers with their priority, for decluttering. */
const labels = [];
const hiddenStates = new Set();

let resolveReady;
let rejectReady;
let readySettled = false;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {}); // reported in the bar; tests read the rejection themselves

function settleReady(error) {
  if (readySettled) {
    return;
  }
  readySettled = true;
  if (error) {
    rejectReady(error);
  } else {
    resolveReady(drawnParcels().size);
  }
}

// The parcels pane lies above the zone and block fills (overlay pane, 400) and below the 2.5D
// buildings, the outlines and the selection; its tiles take the mouse.
addPane(map, 'parcels', 405, true);
// Signed-in users see every parcel (layer 'parcels'); visitors only available land ('available'),
// chosen in start() once GET api/me has said who is looking.
const parcelTiles = vectorTiles({
  layer: 'parcels',
  pane: 'parcels',
  interactive: true,
  minZoom: PARCEL_MIN_ZOOM,
  maxNativeZoom: PARCEL_TILE_MAX_ZOOM,
  getFeatureId: (feature) => feature.properties.zone + '/' + feature.properties.code,
  vectorTileLayerStyles: {
    parcels: (properties) => parcelStyle(properties),
    available: (properties) => parcelStyle(properties),
  },
}).addTo(map);

/**
 * The parcels drawn in the loaded tiles of the current zoom: "zone/code" → { id, properties, pieces },
 * a piece being the parcel's part in one tile ({ feature, renderer, coords }).
 */
function drawnParcels() {
  const drawn = new Map();
  const zoom = map.getZoom();
  if (zoom < PARCEL_MIN_ZOOM) {
    return drawn;
  }
  for (const renderer of Object.values(parcelTiles._vectorTiles)) {
    const coords = renderer.getCoord();
    if (coords.z !== Math.min(zoom, PARCEL_TILE_MAX_ZOOM) || !renderer._features) {
      continue;
    }
    for (const [id, stored] of Object.entries(renderer._features)) {
      let parcel = drawn.get(id);
      if (!parcel) {
        const entry = { id, properties: stored.feature.properties, pieces: [] };
        // where it lies on the screen, in the map container's pixels
        entry.screenBounds = () => {
          const b = parcelBounds(entry);
          return L.bounds(map.layerPointToContainerPoint(b.min), map.layerPointToContainerPoint(b.max));
        };
        parcel = entry;
        drawn.set(id, parcel);
      }
      parcel.pieces.push({ feature: stored.feature, renderer, coords });
    }
  }
  return drawn;
}

/** Where a tile's own pixel (0, 0) lies in the map's layer pixels. */
function tileOffset(coords) {
  return L.point(coords.x, coords.y).scaleBy(parcelTiles.getTileSize()).subtract(map.getPixelOrigin());
}

/** A piece's bounds in the map's layer pixels. */
function pieceBounds(piece) {
  const offset = tileOffset(piece.coords);
  const b = piece.feature._pxBounds;
  return L.bounds(b.min.add(offset), b.max.add(offset));
}

/** The view in the map's layer pixels. */
function viewBounds() {
  return L.bounds(map.containerPointToLayerPoint([0, 0]), map.containerPointToLayerPoint(map.getSize()));
}

function parcelBounds(parcel) {
  const bounds = L.bounds([]);
  parcel.pieces.forEach((piece) => {
    const b = pieceBounds(piece);
    bounds.extend(b.min);
    bounds.extend(b.max);
  });
  return bounds;
}

/** The visible parcels under a point of the map container (as the tiles' hit test finds them). */
function parcelsAt(x, y) {
  const point = map.containerPointToLayerPoint(L.point(x, y));
  const hits = [];
  for (const parcel of drawnParcels().values()) {
    if (hiddenStates.has(parcel.properties.state)) {
      continue;
    }
    const hit = parcel.pieces.some((piece) => piece.feature._pxBounds &&
      piece.feature._containsPoint(point.subtract(tileOffset(piece.coords))));
    if (hit) {
      hits.push(parcel.id);
    }
  }
  return hits;
}

/** Restyles the drawn parcels (after a legend toggle) without fetching their tiles again. */
function restyleParcels() {
  const style = parcelTiles.options.vectorTileLayerStyles.parcels;
  for (const parcel of drawnParcels().values()) {
    parcel.pieces.forEach((piece) => parcelTiles._updateStyles(piece.feature, piece.renderer, style));
  }
}

window.landrenew = { map, parcelTiles, drawnParcels, parcelsAt, ready, states, zones, parcelStyle, selectParcel,
  getJson };

// ---------------------------------------------------------------- top bar

const zoneSelect = el('zone-select');
const barMessage = el('bar-message');
const zoomNote = el('zoom-note');
zoomNote.addEventListener('click', () => map.setZoom(PARCEL_MIN_ZOOM));

function showMessage(text, kind) {
  barMessage.textContent = text || '';
  barMessage.className = kind || '';
}

/** The auditors' page opens on the zone the map shows. */
function updateAuditLink() {
  el('audit-link').href = 'audit.html' + (zoneSelect.value ? '?zone=' + enc(zoneSelect.value) : '');
  el('supply-link').href = 'supply.html' + (zoneSelect.value ? '?zone=' + enc(zoneSelect.value) : '');
}

zoneSelect.addEventListener('change', () => {
  updateAuditLink();
  const zone = zones.get(zoneSelect.value);
  if (zone) {
    map.fitBounds(zoneBounds(zone), { padding: [24, 24] });
  }
});

el('locate-input').addEventListener('input', () => showMessage(''));
el('locate-form').addEventListener('submit', (event) => {
  event.preventDefault();
  locate(el('locate-input').value);
});

/** Finds a parcel by its code in the current zone first, then in the others; "zone/code" also works. */
async function locate(text) {
  const query = text.trim();
  if (!query) {
    showMessage('请输入宗地代码 Enter a parcel code', 'warn');
    return;
  }
  let candidates;
  const slash = query.indexOf('/');
  if (slash > 0 && zones.has(query.slice(0, slash))) {
    candidates = [[query.slice(0, slash), query.slice(slash + 1)]];
  } else {
    const order = [zoneSelect.value, ...[...zones.keys()].filter((z) => z !== zoneSelect.value)];
    candidates = order.map((zone) => [zone, query]);
  }
  showMessage('查找中… Searching', 'busy');
  for (const [zone, code] of candidates) {
    const found = await selectParcel(zone, code, { fly: true, quietNotFound: true });
    if (found === true) {
      showMessage('');
      return;
    }
    if (found === 'error') {
      return;
    }
  }
  showMessage('未找到宗地 ' + query + ' · Parcel not found', 'warn');
}

// ---------------------------------------------------------------- legend

const Legend = L.Control.extend({
  options: { position: 'bottomleft' },
  onAdd() {
    const box = L.DomUtil.create('section', 'legend');
    box.id = 'legend';
    box.innerHTML =
      '<button type="button" class="legend-toggle" aria-expanded="true">' +
      '<span>生命周期状态 <small>Life-cycle state</small></span><span class="chev">▾</span></button>' +
      '<ul class="legend-list"></ul>' +
      '<ul class="legend-list legend-marks">' +
      '<li class="legend-mark" id="legend-idle" title="闲置土地：已供地，约定开工日期后一年仍未开工 Idle land: supplied, ' +
      'construction not started a year after the contracted date">' +
      '<span class="swatch idle-swatch"></span><span class="legend-zh">闲置土地</span>' +
      '<span class="legend-en">Idle land</span><span class="legend-count"></span></li></ul>' +
      '<div class="legend-foot">点击一项可隐藏/显示 · <small>click to hide/show</small></div>';
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    box.querySelector('.legend-toggle').addEventListener('click', () => {
      const collapsed = box.classList.toggle('collapsed');
      box.querySelector('.legend-toggle').setAttribute('aria-expanded', String(!collapsed));
    });
    return box;
  },
});

function renderLegend() {
  const list = document.querySelector('#legend .legend-list');
  list.innerHTML = [...states.values()].map((s) =>
    '<li class="legend-item" data-state="' + esc(s.code) + '" title="' + esc(s.nameZh + ' ' + s.nameEn) + '">' +
    '<span class="swatch" style="background:' + esc(s.colour) + '"></span>' +
    '<span class="legend-zh">' + esc(s.nameZh) + '</span>' +
    '<span class="legend-en">' + esc(s.nameEn) + '</span>' +
    '<span class="legend-count"></span></li>').join('');
  for (const item of list.querySelectorAll('.legend-item')) {
    item.addEventListener('click', () => toggleState(item.dataset.state, item));
  }
}

function toggleState(code, item) {
  const hide = !hiddenStates.has(code);
  if (hide) {
    hiddenStates.add(code);
  } else {
    hiddenStates.delete(code);
  }
  item.classList.toggle('off', hide);
  restyleParcels();
  refreshLabels();
  updateLegendCounts();
}

/** Shows, beside each state, how many parcels of it the loaded tiles draw in the view. */
function updateLegendCounts() {
  const counts = new Map();
  let total = 0;
  let idle = 0;
  if (map.getZoom() >= PARCEL_MIN_ZOOM) {
    const view = viewBounds();
    for (const parcel of drawnParcels().values()) {
      if (view.intersects(parcelBounds(parcel))) {
        const properties = parcel.properties;
        counts.set(properties.state, (counts.get(properties.state) || 0) + 1);
        total++;
        if (properties.idle && !hiddenStates.has(properties.state)) {
          idle++;
        }
      }
    }
  }
  for (const item of document.querySelectorAll('#legend .legend-item')) {
    const n = counts.get(item.dataset.state);
    item.querySelector('.legend-count').textContent = n ? num(n, 0) : '';
  }
  const idleCount = document.querySelector('#legend-idle .legend-count');
  if (idleCount) {
    idleCount.textContent = idle ? num(idle, 0) : '';
  }
  return total;
}

// ---------------------------------------------------------------- zones and blocks

function addZone(zone, hasBasemap) {
  L.geoJSON(zone.geometry, {
    interactive: false,
    style: { stroke: false, fillColor: '#ffffff', fillOpacity: hasBasemap ? 0.08 : 0.75 },
  }).addTo(zoneFills);
  L.geoJSON(zone.geometry, {
    pane: 'outlines',
    interactive: false,
    style: ZONE_OUTLINE,
  }).addTo(outlines);
  const p = zone.properties;
  const marker = L.marker(zoneBounds(zone).getCenter(), {
    interactive: false,
    keyboard: false,
    icon: L.divIcon({
      className: 'map-label zone-label',
      iconSize: null,
      html: '<span><b>' + esc(p.name) + '</b><small>' + num(p.blockCount, 0) + ' 个区块 · ' +
        num(p.parcelCount, 0) + ' 宗 · ' + num(p.area.mu, 0) + ' 亩</small></span>',
    }),
  }).addTo(zoneLabels);
  labels.push({ marker, kind: 'zone', priority: p.area.m2 });
}

function addBlocks(collection) {
  for (const block of collection.features) {
    const p = block.properties;
    L.geoJSON(block.geometry, {
      interactive: false,
      style: { stroke: false, fillColor: '#b0bec5', fillOpacity: 0.4 },
    }).addTo(blockFills);
    L.geoJSON(block.geometry, {
      pane: 'outlines',
      interactive: false,
      style: { color: '#37474f', weight: 1.3, opacity: 0.85, dashArray: '6 4', fill: false },
    }).addTo(outlines);
    if (Array.isArray(p.labelPoint)) {
      const marker = L.marker([p.labelPoint[1], p.labelPoint[0]], {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: 'map-label block-label',
          iconSize: null,
          html: '<span><b>' + esc(p.name) + '</b><small>' + num(p.parcelCount, 0) + ' 宗 · ' +
            num(p.area.mu, 0) + ' 亩</small></span>',
        }),
      }).addTo(blockLabels);
      labels.push({ marker, kind: 'block', priority: p.area.m2 });
    }
  }
}

/** Puts the code on every parcel in view when zoomed in close. */
function updateParcelCodeLabels() {
  parcelCodeLabels.clearLayers();
  if (map.getZoom() < PARCEL_CODE_MIN_ZOOM) {
    return;
  }
  const view = viewBounds();
  let count = 0;
  for (const parcel of drawnParcels().values()) {
    const bounds = parcelBounds(parcel);
    if (hiddenStates.has(parcel.properties.state) || !view.intersects(bounds)) {
      continue;
    }
    if (++count > MAX_PARCEL_CODE_LABELS) {
      break;
    }
    // the middle of the parcel's box: parcels are compact, and their outline is not in the tiles' API
    L.marker(map.layerPointToLatLng(bounds.getCenter()), {
      interactive: false,
      keyboard: false,
      pane: 'parcel-codes',
      icon: L.divIcon({
        className: 'map-label parcel-label',
        iconSize: null,
        html: '<span>' + esc(shortCode(parcel.properties.code)) + '</span>',
      }),
    }).addTo(parcelCodeLabels);
  }
}

function refreshLabels() {
  updateParcelCodeLabels();
  declutterLabels();
}

/** Names the zones when zoomed out and the blocks when zoomed in, hiding labels that would overlap. */
function declutterLabels() {
  const zoom = map.getZoom();
  const container = map.getContainer();
  container.classList.toggle('labels-zones', zoom < BLOCK_LABEL_MIN_ZOOM);
  container.classList.toggle('labels-detail', zoom >= BLOCK_LABEL_MIN_ZOOM + 1);
  const kind = zoom < BLOCK_LABEL_MIN_ZOOM ? 'zone' : 'block';
  const placed = [];
  const sorted = labels.slice().sort((a, b) => b.priority - a.priority);
  parcelCodeLabels.eachLayer((marker) => sorted.push({ marker, kind, priority: -1 }));
  for (const label of sorted) {
    const icon = label.marker.getElement();
    if (!icon) {
      continue;
    }
    const span = icon.firstElementChild;
    if (label.kind !== kind) {
      icon.classList.add('label-off');
      continue;
    }
    icon.classList.remove('label-off', 'label-hidden');
    const r = span.getBoundingClientRect();
    const overlaps = placed.some((q) =>
      r.left < q.right + 4 && r.right + 4 > q.left && r.top < q.bottom + 2 && r.bottom + 2 > q.top);
    if (overlaps) {
      icon.classList.add('label-hidden');
    } else {
      placed.push(r);
    }
  }
}

/** Keeps the zone switcher on the zone the map is looking at. */
function syncZoneSelect() {
  const centre = map.getCenter();
  for (const [code, zone] of zones) {
    if (zoneBounds(zone).contains(centre)) {
      if (zoneSelect.value !== code) {
        zoneSelect.value = code;
        updateAuditLink();
      }
      return;
    }
  }
}

// ---------------------------------------------------------------- parcels

/** Idle land (闲置土地) keeps its state's fill and gets a dashed dark-red outline. */
const IDLE_OUTLINE = '#8b0000';

/** A parcel's style; a parcel of a state hidden in the legend is not drawn and takes no clicks. */
function parcelStyle(properties) {
  if (hiddenStates.has(properties.state)) {
    return { stroke: false, fill: false, interactive: false };
  }
  const state = states.get(properties.state);
  const style = {
    color: '#263238',
    weight: 0.7,
    opacity: 0.6,
    dashArray: null,
    fill: true,
    fillColor: state ? state.colour : '#bdbdbd',
    fillOpacity: 0.78,
  };
  if (properties.idle) {
    Object.assign(style, { color: IDLE_OUTLINE, weight: 2.4, opacity: 1, dashArray: '6 4' });
  }
  return style;
}

/** The tooltip of a parcel, from its tile attributes. */
function parcelTooltip(p) {
  const state = states.get(p.state);
  return '<b>' + esc(p.code) + '</b><br>' + esc(state ? state.nameZh + ' ' + state.nameEn : p.state) +
    ' · ' + num(p.area_mu, 2) + ' 亩' + (p.idle ? '<br><span class="tip-idle">闲置土地 Idle land</span>' : '');
}

const parcelTip = L.tooltip({ direction: 'top', offset: [0, -10], className: 'parcel-tip' });
let hoveredId = null;

parcelTiles.on('click', (event) => {
  const p = event.layer.properties;
  selectParcel(p.zone, p.code, { panIntoView: true });
});
parcelTiles.on('mouseover', (event) => {
  const p = event.layer.properties;
  const id = p.zone + '/' + p.code;
  if (hoveredId && hoveredId !== id) {
    parcelTiles.resetFeatureStyle(hoveredId);
  }
  hoveredId = id;
  parcelTiles.setFeatureStyle(id, Object.assign(parcelStyle(p),
    p.idle ? { weight: 3.2 } : { weight: 2.2, color: '#102027', opacity: 1 }));
  map.openTooltip(parcelTip.setContent(parcelTooltip(p)).setLatLng(event.latlng));
});
parcelTiles.on('mousemove', (event) => {
  if (hoveredId) {
    parcelTip.setLatLng(event.latlng);
  }
});
parcelTiles.on('mouseout', (event) => {
  const p = event.layer.properties;
  const id = p.zone + '/' + p.code;
  parcelTiles.resetFeatureStyle(id);
  if (hoveredId === id) {
    hoveredId = null;
    map.closeTooltip(parcelTip);
  }
});
parcelTiles.on('loading', () => {
  if (map.getZoom() >= PARCEL_MIN_ZOOM) {
    showStatus('<span class="spinner"></span>加载宗地… <small>Loading parcels</small>', 'busy');
  }
});
// every tile in view is drawn: count what they show
parcelTiles.on('load', () => {
  updateParcelView();
  settleReady();
});

/** After a move, a load of tiles or a change: the zoom note, the counts in view and the parcel codes. */
function updateParcelView() {
  if (map.getZoom() < PARCEL_MIN_ZOOM) {
    zoomNote.hidden = false;
    showStatus('');
    updateLegendCounts();
    settleReady();
    return;
  }
  zoomNote.hidden = true;
  showViewCount();
  refreshLabels();
}

function showViewCount() {
  const inView = updateLegendCounts();
  showStatus('视图内 <b>' + num(inView, 0) + '</b> 宗 <small>parcels in view</small>', '');
}

// ---------------------------------------------------------------- parcel panel

const panel = el('parcel-panel');
let selectSeq = 0;
let selectedId = null;

el('parcel-close').addEventListener('click', closePanel);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !panel.hidden) {
    closePanel();
  }
});

function closePanel() {
  selectSeq++;
  panel.hidden = true;
  selectedId = null;
  if (selection) {
    selection.remove();
    selection = null;
  }
  if (location.hash) {
    history.replaceState(null, '', location.pathname + location.search);
  }
}

/**
 * Opens the panel for one parcel. Answers true when shown, false when the zone has no such parcel
 * and 'error' when the server could not answer.
 */
async function selectParcel(zone, code, options = {}) {
  const seq = ++selectSeq;
  let feature;
  try {
    feature = await getJson('api/parcels/' + enc(zone) + '/' + enc(code));
  } catch (error) {
    if (seq !== selectSeq) {
      return false;
    }
    if (error.status === 404) {
      if (!options.quietNotFound) {
        showMessage('未找到宗地 ' + code + ' · Parcel not found', 'warn');
      }
      return false;
    }
    showMessage('无法读取宗地 Could not read parcel: ' + error.message, 'error');
    return 'error';
  }
  if (seq !== selectSeq) {
    return false;
  }
  showParcel(feature, options);
  return true;
}

function showParcel(feature, options) {
  const p = feature.properties;
  selectedId = p.zone.code + '/' + p.code;
  renderPanel(p, options.notice);
  panel.hidden = false;
  panel.scrollTop = 0;
  loadLedger(p.zone.code, p.code);
  // Other features (the land finder) add their sections to the panel.
  document.dispatchEvent(new CustomEvent('landrenew:parcel-shown', { detail: feature }));

  if (selection) {
    selection.remove();
  }
  selection = L.featureGroup([
    L.geoJSON(feature.geometry, { pane: 'selection', interactive: false,
      style: { color: '#ffffff', weight: 7, opacity: 0.95, fill: false } }),
    L.geoJSON(feature.geometry, { pane: 'selection', interactive: false,
      style: { color: '#0b1f3a', weight: 3, opacity: 1, fill: false } }),
  ]).addTo(map);

  if (zoneSelect.value !== p.zone.code && zones.has(p.zone.code)) {
    zoneSelect.value = p.zone.code;
    updateAuditLink();
  }
  const hash = '#' + enc(p.zone.code) + '/' + enc(p.code);
  if (location.hash !== hash) {
    history.replaceState(null, '', hash);
  }

  const bounds = selection.getBounds();
  const fit = { paddingTopLeft: [40, 40], paddingBottomRight: [panel.offsetWidth + 40, 40], maxZoom: PARCEL_FOCUS_MAX_ZOOM };
  if (options.initial) {
    map.fitBounds(bounds, Object.assign({ animate: false }, fit));
  } else if (options.fly) {
    map.flyToBounds(bounds, Object.assign({ duration: 0.8 }, fit));
  } else if (options.panIntoView) {
    map.panInside(bounds.getCenter(), { paddingTopLeft: [30, 30], paddingBottomRight: [panel.offsetWidth + 30, 30] });
  }
}

function row(labelZh, labelEn, valueHtml, id) {
  return '<div class="row"><dt>' + esc(labelZh) + (labelEn ? ' <small>' + esc(labelEn) + '</small>' : '') +
    '</dt><dd' + (id ? ' id="' + id + '"' : '') + '>' + valueHtml + '</dd></div>';
}

function section(titleZh, titleEn, rowsHtml) {
  return '<section class="panel-section"><h2>' + esc(titleZh) + ' <small>' + esc(titleEn) + '</small></h2>' +
    '<dl>' + rowsHtml + '</dl></section>';
}

function leaseRemaining(start, end) {
  if (!end) {
    return '';
  }
  const ms = Date.parse(end + 'T00:00:00') - Date.now();
  if (ms < 0) {
    return '<span class="flag bad">已到期 expired</span>';
  }
  const years = ms / (365.25 * 24 * 3600 * 1000);
  return '<span class="flag' + (years < 5 ? ' bad' : '') + '">剩余 ' + num(years, 1) + ' 年 <small>left</small></span>';
}

function renderPanel(p, notice) {
  el('parcel-code').textContent = p.code;
  el('parcel-where').innerHTML = esc(p.zone.name) + '<span class="sep">›</span>' +
    (p.block ? esc(p.block.name) : '<span class="muted">区块外 outside blocks</span>');

  const state = p.state || {};
  const landUse = p.landUse || {};
  const enterprise = p.enterprise;
  const area = p.area || {};
  const b = p.buildings || {};
  const actualFar = area.m2 > 0 && b.floorAreaM2 != null ? b.floorAreaM2 / area.m2 : null;
  const coverage = area.m2 > 0 && b.footprintM2 != null ? (b.footprintM2 / area.m2) * 100 : null;
  const belowFar = actualFar != null && p.farMin != null && actualFar < Number(p.farMin);

  let html = '<div class="state-line">' +
    '<span class="state-chip" style="--chip:' + esc(state.colour || '#bdbdbd') + '"><i></i>' +
    '<span id="parcel-state">' + esc(state.name) + '</span></span>' +
    '<span class="en">' + esc(state.nameEn) + '</span></div>';

  if (notice) {
    html += '<div class="form-ok" id="transition-ok" role="status">' + notice + '</div>';
  }
  if (p.idle) {
    html += '<div class="idle-warning" id="parcel-idle" role="note"><b>⚠ 闲置土地</b> <small>Idle land</small><br>' +
      '约定开工日期 <small>contracted start</small> <b>' + esc(p.constructionDue) + '</b>，' +
      '逾期一年以上未动工 <small>construction not started a year later</small></div>';
  }

  html += '<div class="area-cards">' +
    '<div class="card"><b id="parcel-area-m2">' + num(area.m2, 0) + '</b><span>m² 平方米</span></div>' +
    '<div class="card main"><b id="parcel-area-mu">' + num(area.mu, 2) + '</b><span>亩 mu</span></div>' +
    '<div class="card"><b id="parcel-area-ha">' + num(area.ha, 4) + '</b><span>ha 公顷</span></div></div>';

  const legacy = (landUse.legacyCodes || []).length ? esc(landUse.legacyCodes.join(', ')) : DASH;
  html += section('用地', 'Land use',
    row('用地分类', 'Use class', '<span class="code">' + esc(landUse.code) + '</span> ' + esc(landUse.name) +
      (landUse.nameEn ? '<div class="en">' + esc(landUse.nameEn) + '</div>' : ''), 'parcel-land-use') +
    row('原分类', 'GB 50137', legacy, 'parcel-legacy'));

  html += section('权利人', 'Holder', enterprise
    ? row('企业', 'Enterprise', esc(enterprise.name), 'parcel-enterprise') +
      row('信用代码', 'Credit code', '<span class="code">' + esc(enterprise.creditCode) + '</span>', 'parcel-credit-code') +
      row('行业', 'Industry', enterprise.industry ? esc(enterprise.industry) : DASH, 'parcel-industry')
    : row('企业', 'Enterprise', DASH, 'parcel-enterprise'));

  // 亩均效益: the server sends the holder's figures to planners, auditors and the holder only.
  const ev = p.evaluation;
  if (ev) {
    html += section('亩均效益 ' + esc(ev.year), 'Per-mu evaluation',
      row('评价等级', 'Grade', '<b class="grade grade-' + esc(ev.grade) + '">' + esc(ev.grade) + '</b>', 'parcel-grade') +
      row('亩均税收', 'Tax per mu', num(ev.taxWanPerMu, 2) + ' 万元/亩', 'parcel-tax-per-mu') +
      row('亩均增加值', 'Value added per mu', num(ev.outputWanPerMu, 2) + ' 万元/亩', 'parcel-output-per-mu') +
      row('单位能耗', 'Energy per output', ev.energyTcePerWan != null ? num(ev.energyTcePerWan, 3) + ' tce/万元' : DASH,
        'parcel-energy') +
      row('评价用地', 'Land evaluated', num(ev.landMu, 2) + ' 亩'));
  }

  const lease = p.leaseStart || p.leaseEnd
    ? esc(p.leaseStart || '?') + ' – ' + esc(p.leaseEnd || '?') + ' ' + leaseRemaining(p.leaseStart, p.leaseEnd)
    : DASH;
  const far = p.farMin != null || p.farMax != null
    ? (p.farMin != null ? num(p.farMin, 2) : '—') + ' – ' + (p.farMax != null ? num(p.farMax, 2) : '—')
    : DASH;
  html += section('出让与规划', 'Lease & controls',
    row('出让期限', 'Lease', lease, 'parcel-lease') +
    (p.constructionDue ? row('约定开工', 'Construction due', esc(p.constructionDue) +
      (p.idle ? ' <span class="flag bad">闲置 idle</span>' : ''), 'parcel-construction-due') : '') +
    row('容积率', 'FAR', far, 'parcel-far') +
    row('限高', 'Height limit', p.heightLimitM != null ? num(p.heightLimitM, 1) + ' m' : DASH, 'parcel-height'));

  html += section('建筑', 'Buildings',
    row('栋数', 'Count', num(b.count, 0) + ' 栋', 'parcel-building-count') +
    row('基底面积', 'Footprint', num(b.footprintM2, 0) + ' m²' +
      (coverage != null ? ' <span class="muted">· 密度 ' + num(coverage, 1) + '%</span>' : '')) +
    row('建筑面积', 'Floor area', num(b.floorAreaM2, 0) + ' m²', 'parcel-floor-area') +
    row('现状容积率', 'Actual FAR', actualFar != null
      ? num(actualFar, 2) + (belowFar ? ' <span class="flag bad">低于下限 below min</span>' : '') : DASH) +
    row('最高', 'Max height', b.maxHeightM != null ? num(b.maxHeightM, 1) + ' m' : DASH, 'parcel-max-height'));

  const centroid = Array.isArray(p.centroid)
    ? Number(p.centroid[0]).toFixed(6) + ', ' + Number(p.centroid[1]).toFixed(6) : DASH;
  html += '<section class="panel-section" id="transition-section"><h2>变更状态 <small>Change state</small></h2>' +
    '<div class="muted">加载中… <small>Loading</small></div></section>' +
    '<section class="panel-section" id="history-section"><h2>台账 <small>Ledger</small></h2></section>';

  html += '<footer class="panel-foot">中心点 <small>lon, lat</small> ' + centroid +
    '<br><a href="' + esc('#' + enc(p.zone.code) + '/' + enc(p.code)) + '" class="permalink">' +
    '本宗地链接 <small>link to this parcel</small></a></footer>';

  el('parcel-body').innerHTML = html;
}

// ---------------------------------------------------------------- ledger: change of state and history

let ledgerSeq = 0;
/** Who is looking (GET api/me): decides the parcel layer, the ledger and the change-of-state form. */
let viewer = { role: 'anonymous', signedIn: false };

function stateName(code) {
  const s = states.get(code);
  return s ? s.nameZh + ' ' + s.nameEn : String(code ?? '');
}

function miniChip(code) {
  if (!code) {
    return '<span class="mini-chip none">登记 <small>new</small></span>';
  }
  const s = states.get(code);
  return '<span class="mini-chip" style="--chip:' + esc(s ? s.colour : '#bdbdbd') + '" title="' + esc(stateName(code)) +
    '"><i></i>' + esc(s ? s.nameZh : code) + '</span>';
}

/** Reads the parcel's ledger and fills the panel's change-of-state form and history. */
async function loadLedger(zone, code) {
  const seq = ++ledgerSeq;
  const id = zone + '/' + code;
  let history;
  if (viewer.role === 'anonymous') {
    el('transition-section').innerHTML = '';
    el('history-section').innerHTML = '<h2>台账 <small>Ledger</small></h2><div class="muted">' +
      '<a href="login.html?next=' + enc('index.html#' + id) + '">登录</a>后可查看 <small>Sign in to see the ledger</small></div>';
    return;
  }
  try {
    history = await getJson('api/parcels/' + enc(zone) + '/' + enc(code) + '/history');
  } catch (error) {
    if (seq === ledgerSeq && selectedId === id && error.status === 403) {
      el('transition-section').innerHTML = '';
      el('history-section').innerHTML = '<h2>台账 <small>Ledger</small></h2><div class="muted">' +
        '台账仅对规划、审计人员及本宗地权利人开放 <small>The ledger is for planners, auditors and the holder</small></div>';
    } else if (seq === ledgerSeq && selectedId === id) {
      el('transition-section').innerHTML = '<h2>变更状态 <small>Change state</small></h2>' +
        '<div class="form-error">台账读取失败 <small>Could not read the ledger:</small> ' + esc(error.message) + '</div>';
    }
    return;
  }
  if (seq !== ledgerSeq || selectedId !== id || !el('transition-section')) {
    return;
  }
  renderTransitionForm(zone, code, history);
  renderHistory(history);
}

function renderTransitionForm(zone, code, history) {
  const section = el('transition-section');
  const events = history.events || [];
  const last = events.length ? events[events.length - 1].effectiveDate : '';
  const today = todayInChina();
  if (viewer.role !== 'planner') {
    section.innerHTML = '';   // only planners change land
    return;
  }
  let html = '<h2>变更状态 <small>Change state</small></h2>';
  const allowed = history.allowedNextStates || [];
  if (!allowed.length) {
    section.innerHTML = html + '<div class="muted" id="transition-none">当前状态无后续状态 <small>No state follows ' +
      esc(stateName(history.state)) + '</small></div>';
    return;
  }
  html += '<form id="transition-form" class="transition-form" novalidate autocomplete="off">' +
    '<label class="field"><span>新状态 <small>New state</small></span>' +
    '<select id="transition-to" name="to" required>' +
    (allowed.length > 1 ? '<option value="" selected disabled>— 请选择 Choose —</option>' : '') +
    allowed.map((s) => '<option value="' + esc(s) + '">' + esc(stateName(s)) + '</option>').join('') +
    '</select></label>' +
    '<div class="field-pair">' +
    '<label class="field"><span>生效日期 <small>Effective</small></span>' +
    '<input id="transition-date" name="effectiveDate" type="date" required value="' + esc(today) + '" max="' +
    esc(today) + '"' + (last ? ' min="' + esc(last) + '"' : '') + '></label>' +
    '<label class="field" id="transition-households-field" hidden><span>搬迁户数 <small>Households</small></span>' +
    '<input id="transition-households" name="households" type="number" min="0" step="1" inputmode="numeric" placeholder="0">' +
    '</label></div>' +
    '<label class="field"><span>原因 <small>Reason</small> <b class="req" title="必填 required">*</b></span>' +
    '<textarea id="transition-reason" name="reason" rows="2" required placeholder="如：亩均评价D类 e.g. per-mu rating D"></textarea></label>' +
    '<label class="field"><span>文号 <small>Document no.</small></span>' +
    '<input id="transition-document" name="documentNo" type="text" placeholder="如 e.g. 〔2024〕12号"></label>' +
    '<div class="form-error" id="transition-error" role="alert" hidden></div>' +
    '<div class="form-actions"><button type="submit" id="transition-submit" class="primary">记录变更 <small>Record</small></button>' +
    (last ? '<span class="muted form-hint">上次生效 <small>last event</small> ' + esc(last) + '</span>' : '') +
    '</div></form>';
  section.innerHTML = html;

  const form = el('transition-form');
  const to = el('transition-to');
  const showHouseholds = () => {
    el('transition-households-field').hidden = to.value !== 'vacated';
  };
  to.addEventListener('change', showHouseholds);
  showHouseholds();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitTransition(zone, code, form);
  });
}

function showFormError(html) {
  const box = el('transition-error');
  box.innerHTML = html;
  box.hidden = !html;
}

async function submitTransition(zone, code, form) {
  const to = el('transition-to').value;
  const request = {
    to,
    effectiveDate: el('transition-date').value,
    reason: el('transition-reason').value.trim(),
    documentNo: el('transition-document').value.trim() || null,
  };
  if (to === 'vacated' && el('transition-households').value !== '') {
    request.households = Number(el('transition-households').value);
  }
  const missing = [];
  if (!request.to) missing.push('新状态 new state');
  if (!request.effectiveDate) missing.push('生效日期 effective date');
  if (!request.reason) missing.push('原因 reason');
  if (missing.length) {
    showFormError('请填写 <small>Please fill in:</small> ' + esc(missing.join('、')));
    return;
  }
  showFormError('');
  const button = el('transition-submit');
  button.disabled = true;
  button.innerHTML = '<span class="spinner dark"></span>提交中… <small>Saving</small>';
  let response;
  let body = null;
  try {
    response = await send('api/parcels/' + enc(zone) + '/' + enc(code) + '/transitions',
      'POST', request);
    try {
      body = await response.json();
    } catch (ignored) {
      body = null;
    }
  } catch (error) {
    response = null;
    body = { detail: error.message };
  }
  if (selectedId !== zone + '/' + code || !el('transition-form')) {
    return;
  }
  if (!response || !response.ok) {
    button.disabled = false;
    button.innerHTML = '记录变更 <small>Record</small>';
    let html = (response && response.status === 409 ? '无法变更 <small>Not allowed:</small> '
      : response && response.status === 400 ? '输入有误 <small>Invalid:</small> ' : '提交失败 <small>Failed:</small> ') +
      esc((body && (body.detail || body.title)) || (response ? response.status + ' ' + response.statusText : ''));
    if (body && Array.isArray(body.allowedNextStates)) {
      html += '<div class="form-error-more">当前 <small>now</small> ' + esc(stateName(body.currentState)) +
        ' · 可变更为 <small>allowed</small> ' + (body.allowedNextStates.map(stateName).map(esc).join('、') || '—') + '</div>';
    }
    showFormError(html);
    return;
  }
  const notice = '已记录 <small>Recorded</small> ' + miniChip(body.fromState) + ' → ' + miniChip(body.toState) +
    ' <span class="muted">' + esc(body.effectiveDate) + '</span>';
  await refreshParcel(zone, code, notice);
}

/** After a change: the panel, the parcel's colour on the map and the legend counts follow the ledger. */
async function refreshParcel(zone, code, notice) {
  let feature;
  try {
    feature = await getJson('api/parcels/' + enc(zone) + '/' + enc(code));
  } catch (error) {
    showMessage('无法刷新宗地 Could not refresh the parcel: ' + error.message, 'error');
    return;
  }
  // The server has dropped its tiles of this parcel: draw them again (unchanged tiles answer 304); the
  // legend counts follow when they are loaded. A hover style would outlive the redraw: drop it first.
  if (hoveredId) {
    parcelTiles.resetFeatureStyle(hoveredId);
    hoveredId = null;
    map.closeTooltip(parcelTip);
  }
  parcelTiles.redraw();
  if (selectedId === zone + '/' + code) {
    showParcel(feature, { notice });
  }
}

function renderHistory(history) {
  const events = (history.events || []).slice().reverse();
  const items = events.map((e) => {
    const details = [];
    if (e.documentNo) details.push('文号 <span class="code">' + esc(e.documentNo) + '</span>');
    if (e.enterpriseName) details.push('迁出企业 ' + esc(e.enterpriseName));
    if (e.households) details.push(num(e.households, 0) + ' 户 <small>households</small>');
    return '<li class="ledger-item" data-event="' + esc(e.id) + '">' +
      '<div class="ledger-line"><span class="ledger-date">' + esc(e.effectiveDate) + '</span>' +
      miniChip(e.fromState) + '<span class="arrow">→</span>' + miniChip(e.toState) + '</div>' +
      '<div class="ledger-reason">' + esc(e.reason) + '</div>' +
      (details.length ? '<div class="ledger-meta">' + details.join(' · ') + '</div>' : '') +
      '<div class="ledger-meta">' + esc(e.actor) + ' · 记录于 <small>recorded</small> ' + esc(recordedTime(e.recordedAt)) +
      '</div></li>';
  }).join('');
  el('history-section').innerHTML = '<h2>台账 <small>Ledger · ' + num(events.length, 0) + ' 条 events, newest first</small></h2>' +
    (items ? '<ol class="ledger" id="parcel-ledger">' + items + '</ol>' : '<div class="muted">无记录 <small>No events</small></div>');
}

// ---------------------------------------------------------------- URL hash

function parseHash() {
  const hash = location.hash.replace(/^#/, '');
  const slash = hash.indexOf('/');
  if (slash <= 0 || slash === hash.length - 1) {
    return null;
  }
  try {
    return { zone: decodeURIComponent(hash.slice(0, slash)), code: decodeURIComponent(hash.slice(slash + 1)) };
  } catch (ignored) {
    return null;
  }
}

window.addEventListener('hashchange', () => {
  const target = parseHash();
  if (target && target.zone + '/' + target.code !== selectedId) {
    selectParcel(target.zone, target.code, { fly: true });
  }
});

// ---------------------------------------------------------------- start

map.on('moveend', () => {
  refreshLabels();
  syncZoneSelect();
  updateParcelView();
});

async function start() {
  showStatus('<span class="spinner"></span>加载中… <small>Loading</small>', 'busy');
  const [config, stateList, , who] = await Promise.all([
    getJson('api/config'), getJson('api/states'), loadZones(zones), me(),
  ]);
  viewer = who;
  if (viewer.role === 'anonymous') {
    parcelTiles.options.layer = 'available';
    parcelTiles.redraw();
  }

  const hasBasemap = addBasemap(map, config);
  document.body.classList.toggle('has-basemap', hasBasemap);

  for (const s of stateList) {
    states.set(s.code, s);
  }
  addScale(map, 'bottomleft');
  map.addControl(new Legend());
  renderLegend();

  fillZoneSelect(zoneSelect, zones);
  const features = [...zones.values()];
  features.forEach((zone) => addZone(zone, hasBasemap));
  const blockCollections = await Promise.all(features.map((z) => getJson('api/zones/' + enc(z.id) + '/blocks')));
  blockCollections.forEach(addBlocks);

  // The first view: the parcel named in the link, or the first zone, close enough to show parcels.
  const target = parseHash();
  const shown = target ? await selectParcel(target.zone, target.code, { initial: true }) : false;
  if (shown !== true) {
    const first = features[0];
    zoneSelect.value = first.id;
    updateAuditLink();
    const bounds = zoneBounds(first);
    const zoom = Math.max(map.getBoundsZoom(bounds, false, L.point(48, 48)), PARCEL_MIN_ZOOM);
    map.setView(bounds.getCenter(), zoom, { animate: false });
  }
  // The first moveend comes before Leaflet adds the labels (on the map's 'load'): place them now.
  refreshLabels();
}

start().catch((error) => {
  showStatus('');
  showMessage('启动失败 Failed to start: ' + error.message, 'error');
  settleReady(error);
});
