/*
 * LandRenew 土地更新 — the zones and blocks on the map page, filled under the parcels and outlined above
 * them, and the labels: zones named when zoomed out, blocks when zoomed in, each parcel's code when
 * close (from zoom 17), the larger first and none overlapping another.
 */

import { esc, num, shortCode } from '../format.js';
import { zoneBounds, ZONE_OUTLINE } from '../map-setup.js';
import { map } from './base.js';
import { drawnParcels, hiddenStates, parcelBounds, viewBounds, PARCEL_MIN_ZOOM } from './parcels.js';

/** Below this zoom the zones are named, from it on their blocks. */
const BLOCK_LABEL_MIN_ZOOM = 11;
/** From this zoom on each parcel in view carries its code. */
const PARCEL_CODE_MIN_ZOOM = 17;
const MAX_PARCEL_CODE_LABELS = 400;

const zoneFills = L.layerGroup().addTo(map);      // under the parcels (overlay pane)
const outlines = L.layerGroup().addTo(map);       // zone boundaries, above the parcels
const zoneLabels = L.layerGroup().addTo(map);
const blockFills = L.layerGroup();
const blockOutlines = L.layerGroup();
const blockLabels = L.layerGroup();
/** The blocks (fills, outlines, names) as one layer, which the layer switcher shows or hides. */
export const blockLayer = L.layerGroup([blockFills, blockOutlines, blockLabels]).addTo(map);
const parcelCodeLabels = L.layerGroup().addTo(map);
/** Label markers with their priority, for decluttering. */
const labels = [];

export function addZone(zone, hasBasemap) {
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

export function addBlocks(collection) {
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
    }).addTo(blockOutlines);
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

/** After a move or a change: the parcel codes in view, then every label placed anew. */
export function refreshLabels() {
  updateParcelCodeLabels();
  declutterLabels();
}

/** Names the zones when zoomed out and the blocks when zoomed in, hiding labels that would overlap. */
function declutterLabels() {
  const zoom = map.getZoom();
  const container = map.getContainer();
  container.classList.toggle('labels-zones', zoom < BLOCK_LABEL_MIN_ZOOM);
  container.classList.toggle('labels-detail', zoom >= BLOCK_LABEL_MIN_ZOOM + 1);
  container.classList.toggle('labels-parcels', zoom >= PARCEL_MIN_ZOOM);
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

