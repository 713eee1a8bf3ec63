/*
 * LandRenew 土地更新 — the auditors' page's map: the zone, the blocks of the report's scope (clickable,
 * one picked at a time) among the zone's other blocks, and the parcels freed in the period, coloured by
 * when, with their key under the map.
 */

import { esc, num } from '../format.js';
import { addScale, createMap, zoneBounds } from '../map-setup.js';
import { blocksByZone, controls, page, toggleBlock, zones } from './state.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

export const map = createMap('audit-map', { zoomSnap: 0.25, scrollWheelZoom: false });
addScale(map, 'bottomleft');
map.createPane('blocks').style.zIndex = '410';
map.createPane('freed').style.zIndex = '420';

const zoneLayer = L.layerGroup().addTo(map);
const contextLayer = L.layerGroup().addTo(map);   // the zone's other blocks, for orientation
const scopeLayer = L.layerGroup().addTo(map);     // the blocks of the scope, clickable
export const freedLayer = L.featureGroup().addTo(map);
/** block code → its outline layer */
export const blockLayers = new Map();
/** parcel code → freed parcel layer */
export const freedParcels = new Map();

const BLOCK_STYLE = { pane: 'blocks', color: '#1a3a6b', weight: 1.6, opacity: 0.9, dashArray: '6 4',
  fillColor: '#90a4ae', fillOpacity: 0.16 };
const BLOCK_DIM = { color: '#1a3a6b', weight: 1.2, opacity: 0.45, dashArray: '6 4', fillColor: '#90a4ae', fillOpacity: 0.06 };
export const BLOCK_HIGHLIGHT = { color: '#e65100', weight: 4, opacity: 1, dashArray: null, fillColor: '#ffb74d', fillOpacity: 0.22 };

/** Freed parcels are coloured by when they were freed: a year each, or a quarter when the period is one year. */
const FREED_PALETTE = ['#fdd0a2', '#fdae6b', '#fd8d3c', '#e6550d', '#a63603', '#7f2704'];
let freedClasses = [];

function freedClassesFor(from, to) {
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  const spread = (i, n) => FREED_PALETTE[n <= 1 ? FREED_PALETTE.length - 2 : Math.round(i * (FREED_PALETTE.length - 1) / (n - 1))];
  if (y1 > y0) {
    const first = Math.max(y0, y1 - FREED_PALETTE.length + 1);
    const classes = [];
    for (let y = first; y <= y1; y++) {
      classes.push({
        label: y === first && first > y0 ? '≤ ' + y : String(y),
        test: (d) => (y === first ? Number(d.slice(0, 4)) <= y : Number(d.slice(0, 4)) === y),
      });
    }
    return classes.map((c, i) => Object.assign(c, { colour: spread(i, classes.length) }));
  }
  const quarters = [];
  for (let q = 1; q <= 4; q++) {
    quarters.push({ label: y0 + ' Q' + q, colour: spread(q - 1, 4),
      test: (d) => Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1 === q });
  }
  return quarters;
}

/** The freed parcels' colours for the report's period (from, to: yyyy-mm-dd). */
export function setFreedPeriod(from, to) {
  freedClasses = freedClassesFor(from, to);
}

function freedColour(date) {
  const match = freedClasses.find((c) => c.test(date));
  return match ? match.colour : FREED_PALETTE[FREED_PALETTE.length - 1];
}

/** The map's key, under the map so that it never hides a block. */
function renderFreedLegend(count) {
  el('freed-legend').innerHTML = '<span class="map-legend-title">腾出时间 <small>Freed in</small></span>' +
    freedClasses.map((c) => '<span class="map-legend-item"><i style="background:' + c.colour + '"></i>' + esc(c.label) +
      '</span>').join('') +
    '<span class="map-legend-item"><i class="block-swatch"></i>' + (controls.project.value ? '项目区块' : '区块') +
    ' <small>block</small></span>' +
    '<span class="map-legend-item"><i class="block-swatch selected"></i>所选 <small>picked</small></span>' +
    '<span class="map-legend-count">' + num(count, 0) + ' 宗腾出 <small>parcels freed</small></span>';
}

export function drawZone(zoneCode) {
  zoneLayer.clearLayers();
  const zone = zones.get(zoneCode);
  if (zone) {
    L.geoJSON(zone.geometry, { interactive: false,
      style: { color: '#1a3a6b', weight: 2, opacity: 0.7, fillColor: '#ffffff', fillOpacity: 0.7 } }).addTo(zoneLayer);
  }
}

/** The zone's blocks: those of the scope (scopeCodes) named and clickable, the others faint behind. */
export function drawBlocks(zoneCode, scopeCodes) {
  contextLayer.clearLayers();
  scopeLayer.clearLayers();
  blockLayers.clear();
  const collection = blocksByZone.get(zoneCode);
  if (!collection) {
    return;
  }
  for (const block of collection.features) {
    const p = block.properties;
    if (!scopeCodes.has(p.code)) {
      L.geoJSON(block.geometry, { interactive: false,
        style: { color: '#90a4ae', weight: 1, opacity: 0.8, dashArray: '3 3', fillColor: '#cfd8dc', fillOpacity: 0.25 } })
        .addTo(contextLayer);
      continue;
    }
    const layer = L.geoJSON(block.geometry, { style: BLOCK_STYLE, pane: 'blocks' });
    layer.blockCode = p.code;
    layer.bindTooltip('<b>' + esc(p.name) + '</b>', {
      permanent: true, direction: 'center', className: 'block-tip', interactive: false,
    });
    layer.on('click', () => toggleBlock(p.code, { fromMap: true }));
    layer.addTo(scopeLayer);
    blockLayers.set(p.code, layer);
  }
}

/** The freed parcels (GET api/renewal/freed), with a popup each, and the key. */
export function drawFreed(collection) {
  freedLayer.clearLayers();
  freedParcels.clear();
  const zone = controls.zone.value;
  for (const feature of collection.features || []) {
    const p = feature.properties;
    const layer = L.geoJSON(feature, {
      pane: 'freed',
      style: { color: '#5d2a00', weight: 0.8, opacity: 0.9, fillColor: freedColour(p.freedOn), fillOpacity: 0.9 },
    });
    layer.bindPopup(() => {
      const block = page.tally && page.tally.blocks.find((b) => b.code === p.block);
      return '<div class="popup"><div class="popup-code">' + esc(p.code) + '</div>' +
        '<div>' + esc(block ? block.name : p.block || '') + '</div>' +
        '<div>腾出于 <small>freed on</small> <b>' + esc(p.freedOn) + '</b></div>' +
        '<div>' + num(p.area && p.area.mu, 2) + ' 亩 <small>mu</small> · ' + num(p.area && p.area.m2, 0) + ' m²</div>' +
        '<a href="./#' + enc(zone) + '/' + enc(p.code) + '">在地图中打开 <small>open on the map</small></a></div>';
    });
    layer.addTo(freedLayer);
    freedParcels.set(p.code, layer);
  }
  renderFreedLegend(freedParcels.size);
}

/** Zooms to a freed parcel (an event's row was clicked) and opens its popup; false when it is not on the map. */
export function showFreedParcel(code) {
  const layer = freedParcels.get(code);
  if (!layer) {
    return false;
  }
  map.fitBounds(layer.getBounds(), { maxZoom: 17, padding: [40, 40] });
  layer.openPopup(layer.getBounds().getCenter());
  return true;
}

function scopeBounds() {
  const bounds = L.latLngBounds([]);
  for (const layer of blockLayers.values()) {
    bounds.extend(layer.getBounds());
  }
  if (!bounds.isValid()) {
    const zone = zones.get(controls.zone.value);
    if (zone && zone.bbox) {
      return zoneBounds(zone);
    }
  }
  return bounds;
}

/**
 * Styles the blocks for the block picked (highlighted, the others dimmed) and, when zoom is set, fits the
 * map to it or to the whole scope ('animate' to glide there).
 */
export function styleBlocks(zoom) {
  const selectedBlock = page.selectedBlock;
  for (const [code, layer] of blockLayers) {
    if (!selectedBlock) {
      layer.setStyle(BLOCK_STYLE);
    } else if (code === selectedBlock) {
      layer.setStyle(BLOCK_HIGHLIGHT);
      layer.bringToFront();
    } else {
      layer.setStyle(BLOCK_DIM);
    }
    const tip = layer.getTooltip();
    if (tip && tip.getElement()) {
      tip.getElement().classList.toggle('selected', code === selectedBlock);
      tip.getElement().classList.toggle('dim', Boolean(selectedBlock) && code !== selectedBlock);
    }
  }
  el('map-all').hidden = !selectedBlock;
  if (zoom) {
    const layer = selectedBlock && blockLayers.get(selectedBlock);
    const bounds = layer ? layer.getBounds() : scopeBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [18, 18], animate: zoom === 'animate' });
    }
  }
}

/** Fits the map to the block picked (a click on the map picked it: no glide, the map is where the eye is). */
export function fitPickedBlock() {
  const layer = page.selectedBlock && blockLayers.get(page.selectedBlock);
  if (layer) map.fitBounds(layer.getBounds(), { padding: [18, 18] });
}
