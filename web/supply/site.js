/*
 * LandRenew 土地更新 — the site of a supply plan (选址), on the supply page's Plan tab: the zone's parcels
 * (GET api/parcels, a page of 5000 at a time), free land among them (vacating, vacated, stored, prepared)
 * in its state's colour; the planner picks parcels by clicking them, each listed with when it is ready
 * for supply, or draws a polygon with plain Leaflet clicks (double-click or the first corner finishes,
 * Esc starts again). With a plan shown, or on the Zone tab, the parcels fade.
 */

import { getJson } from '../api.js';
import { esc, num } from '../format.js';
import { showStatus } from '../header.js';
import { drawGroup, map, page, parcelGroup, states } from './base.js';

const SITE_STATES = ['vacating', 'vacated', 'stored', 'prepared'];
const PAGE_LIMIT = 5000;

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

/** "code" → base parcel layer of the current zone. */
export const parcelLayers = new Map();
let siteMode = 'pick';
/** code → {code, state, areaMu, readyDate} of the picked parcels, in picking order. */
export const picked = new Map();
let requiredTouched = false;
let vertices = [];
let drawnPolygon = null;
let drawing = false;

// ---------------------------------------------------------------- the zone's parcels

const FADED = { color: '#90a4ae', weight: 0.5, opacity: 0.6, fillColor: '#cfd8dc', fillOpacity: 0.35 };

function baseStyle(p) {
  if (page.view === 'zone' || page.plan) {
    return FADED;
  }
  if (picked.has(p.code)) {
    const s = states.get(p.state);
    return { color: '#0b3d91', weight: 3, opacity: 1, fillColor: s ? s.colour : '#1e88e5', fillOpacity: 0.85 };
  }
  if (SITE_STATES.includes(p.state)) {
    const s = states.get(p.state);
    return { color: '#37474f', weight: 0.8, opacity: 0.8, fillColor: s ? s.colour : '#bdbdbd', fillOpacity: 0.7 };
  }
  return FADED;
}

/** Styles the zone's parcels anew: after a pick, a plan shown or gone, a change of tab. */
export function restyleBase() {
  for (const layer of parcelLayers.values()) {
    layer.setStyle(baseStyle(layer.feature.properties));
  }
}

function parcelTip(p) {
  const s = states.get(p.state);
  return '<b>' + esc(p.code) + '</b><br>' + esc(s ? s.nameZh + ' ' + s.nameEn : p.state) + ' · ' +
    num(p.areaMu, 2) + ' 亩' + (p.block ? '<br><span class="muted">' + esc(blockName(p.block)) + '</span>' : '');
}

/** A block by its name (塘浦), not its code, where the zone's blocks are loaded. */
function blockName(code) {
  const block = page.blocks.find((b) => b.properties.code === code);
  return block ? block.properties.name : code;
}

function addBaseParcels(features) {
  for (const feature of features) {
    const p = feature.properties;
    if (parcelLayers.has(p.code) || !feature.geometry) {
      continue;
    }
    const layer = L.GeoJSON.geometryToLayer(feature, baseStyle(p));
    layer.feature = feature;
    layer.bindTooltip(() => parcelTip(p), { sticky: true, direction: 'top', offset: [0, -8], className: 'parcel-tip' });
    layer.on('click', () => clickParcel(p));
    parcelLayers.set(p.code, layer);
    parcelGroup.addLayer(layer);
  }
}

/** Loads the parcels of zone z (a zone feature) onto the map. */
export async function loadZoneParcels(z) {
  const bbox = z.bbox.slice(0, 4).map((v) => v.toFixed(6)).join(',');
  let offset = 0;
  for (let request = 0; request < 10; request++) {
    const collection = await getJson('api/parcels?zone=' + enc(z.id) + '&bbox=' + bbox + '&limit=' + PAGE_LIMIT +
      '&offset=' + offset);
    addBaseParcels(collection.features || []);
    offset += collection.numberReturned;
    if (!collection.numberReturned || offset >= collection.numberMatched) {
      break;
    }
  }
}

/** Takes the zone's parcels off the map, before another zone's are loaded. */
export function forgetParcels() {
  parcelGroup.clearLayers();
  parcelLayers.clear();
}

// ---------------------------------------------------------------- picking

function clickParcel(p) {
  if (page.view !== 'plan' || page.plan || siteMode !== 'pick' || drawing) {
    return;
  }
  if (!SITE_STATES.includes(p.state)) {
    const s = states.get(p.state);
    showStatus('不可供宗地 <small>Not free land:</small> ' + esc(p.code) + ' · ' + esc(s ? s.nameZh : p.state), 'error');
    return;
  }
  showStatus('');
  if (picked.has(p.code)) {
    picked.delete(p.code);
  } else {
    picked.set(p.code, { code: p.code, state: p.state, areaMu: p.areaMu, readyDate: undefined });
    loadReadiness(p.code);
  }
  const layer = parcelLayers.get(p.code);
  if (layer) {
    layer.setStyle(baseStyle(p));
  }
  renderSite();
}

async function loadReadiness(code) {
  try {
    const readiness = await getJson('api/parcels/' + enc(page.zone.id) + '/' + enc(code) + '/readiness');
    const entry = picked.get(code);
    if (entry) {
      entry.readyDate = readiness.readyDate;
      entry.ready = readiness.ready;
      renderSite();
    }
  } catch (ignored) {
    // the list shows no date
  }
}

function siteMu() {
  let sum = 0;
  for (const p of picked.values()) {
    sum += Number(p.areaMu) || 0;
  }
  return sum;
}

/** Shows the site: the parcels picked with their areas and readiness, or the polygon drawn. */
export function renderSite() {
  const list = el('site-list');
  if (siteMode === 'draw') {
    list.innerHTML = '';
    el('site-summary').innerHTML = drawnPolygon
      ? '已绘制范围 <b>' + num(vertices.length, 0) + '</b> 个顶点 <small>site drawn, corners</small>'
      : drawing ? '绘制中… <small>Drawing</small>' : '未绘制范围 <small>No site drawn</small>';
    return;
  }
  if (!picked.size) {
    el('site-summary').innerHTML = '未选宗地 <small>No parcels picked</small>';
    list.innerHTML = '';
    return;
  }
  el('site-summary').innerHTML = '已选 <b id="site-count">' + num(picked.size, 0) + '</b> 宗 · <b id="site-mu">' +
    num(siteMu(), 2) + '</b> 亩 <small>parcels picked</small>';
  list.innerHTML = [...picked.values()].map((p) => {
    const s = states.get(p.state);
    const readyText = p.readyDate === undefined ? '…'
      : !p.readyDate ? '<span class="flag">无条件记录 no facts</span>'
        : (p.ready ? '已具备 ' : '预计 ') + esc(p.readyDate);
    return '<li data-code="' + esc(p.code) + '"><span class="code" title="' + esc(s ? s.nameZh : p.state) + '">' +
      '<span class="swatch" style="background:' + esc(s ? s.colour : '#bdbdbd') + '"></span>' + esc(p.code) + '</span>' +
      '<span class="ready muted">' + readyText + '</span><span class="mu">' + num(p.areaMu, 2) + '</span>' +
      '<button type="button" title="移出 Remove" aria-label="移出 Remove">×</button></li>';
  }).join('');
  for (const item of list.querySelectorAll('li')) {
    item.querySelector('button').addEventListener('click', () => {
      const layer = parcelLayers.get(item.dataset.code);
      clickParcel(layer ? layer.feature.properties : { code: item.dataset.code, state: 'stored' });
    });
  }
  if (!requiredTouched) {
    el('plan-mu').value = Math.floor(siteMu());
  }
}

/** Forgets the site (picked parcels, a polygon drawn or being drawn). */
export function clearSite() {
  picked.clear();
  vertices = [];
  drawnPolygon = null;
  stopDrawing();
  drawGroup.clearLayers();
  restyleBase();
  renderSite();
}

// ---------------------------------------------------------------- drawing

let rubber = null;

function setSiteMode(mode) {
  siteMode = mode;
  el('pick-hint').hidden = mode !== 'pick';
  el('draw-hint').hidden = mode !== 'draw';
  el('draw-actions').hidden = mode !== 'draw';
  if (mode === 'draw') {
    picked.clear();
    restyleBase();
    startDrawing();
  } else {
    vertices = [];
    drawnPolygon = null;
    stopDrawing();
    drawGroup.clearLayers();
  }
  renderSite();
}

function startDrawing() {
  vertices = [];
  drawnPolygon = null;
  drawGroup.clearLayers();
  drawing = true;
  map.doubleClickZoom.disable();
  el('map').classList.add('drawing');
  el('draw-status').textContent = '';
}

function stopDrawing() {
  drawing = false;
  map.doubleClickZoom.enable();
  el('map').classList.remove('drawing');
  if (rubber) {
    rubber.remove();
    rubber = null;
  }
}

function redrawSketch() {
  drawGroup.clearLayers();
  if (drawnPolygon) {
    L.polygon(vertices, { color: '#0b3d91', weight: 2.5, dashArray: '7 5', fillColor: '#2f6fd0', fillOpacity: 0.12,
      interactive: false }).addTo(drawGroup);
    return;
  }
  if (vertices.length > 1) {
    L.polyline(vertices, { color: '#0b3d91', weight: 2.5, interactive: false }).addTo(drawGroup);
  }
  vertices.forEach((v, i) => {
    const marker = L.circleMarker(v, { radius: i === 0 ? 7 : 5, color: '#0b3d91', weight: 2, fillColor: '#fff',
      fillOpacity: 1, className: 'vertex', bubblingMouseEvents: false }).addTo(drawGroup);
    if (i === 0) {
      marker.on('click', finishDrawing);
    }
  });
}

map.on('click', (event) => {
  if (!drawing) {
    return;
  }
  const last = vertices[vertices.length - 1];
  // The second click of a double-click lands on the corner just placed: not a new corner.
  if (last && map.latLngToContainerPoint(last).distanceTo(event.containerPoint) < 4) {
    return;
  }
  vertices.push(event.latlng);
  redrawSketch();
  el('draw-status').textContent = vertices.length + ' 个顶点 corners';
});

map.on('dblclick', () => {
  if (drawing) {
    finishDrawing();
  }
});

map.on('mousemove', (event) => {
  if (!drawing || !vertices.length) {
    return;
  }
  const line = [vertices[vertices.length - 1], event.latlng];
  if (rubber) {
    rubber.setLatLngs(line);
  } else {
    rubber = L.polyline(line, { color: '#0b3d91', weight: 1.5, dashArray: '4 4', interactive: false }).addTo(map);
  }
});

function finishDrawing() {
  if (!drawing) {
    return;
  }
  if (vertices.length < 3) {
    el('draw-status').textContent = '至少 3 个顶点 at least 3 corners';
    return;
  }
  stopDrawing();
  drawnPolygon = {
    type: 'Polygon',
    coordinates: [[...vertices, vertices[0]].map((v) => [Number(v.lng.toFixed(7)), Number(v.lat.toFixed(7))])],
  };
  redrawSketch();
  el('draw-status').textContent = '';
  renderSite();
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && drawing) {
    startDrawing();
    renderSite();
  }
});

/** Draws the polygon again, if one was drawn (the plan's parcels had replaced it). */
export function showSketch() {
  if (drawnPolygon) {
    redrawSketch();
  }
}

// ---------------------------------------------------------------- the site of the plan request

/** The site as POST api/supply/plans takes it: the polygon drawn or the codes picked. */
export function siteOfRequest() {
  return siteMode === 'draw' ? { polygon: drawnPolygon } : { parcels: [...picked.keys()] };
}

/** Whether there is a site to ask for a plan on. */
export function hasSite() {
  return siteMode === 'draw' ? Boolean(drawnPolygon) : picked.size > 0;
}

el('site-pick').addEventListener('change', () => setSiteMode('pick'));
el('site-draw').addEventListener('change', () => setSiteMode('draw'));
el('draw-finish').addEventListener('click', finishDrawing);
el('draw-clear').addEventListener('click', () => {
  startDrawing();
  renderSite();
});
el('plan-mu').addEventListener('input', () => { requiredTouched = el('plan-mu').value !== ''; });
