/*
 * LandRenew 土地更新 — the parcels of the map page: vector tiles (GET tiles/parcels/{z}/{x}/{y}.mvt, or
 * tiles/available/… for visitors, who see available land only) drawn by Leaflet.VectorGrid on one
 * canvas per tile, coloured by life-cycle state, idle land (闲置土地) outlined in dashed dark red, a
 * parcel under the mouse outlined and named in a tooltip. States hidden in the legend are not drawn.
 * What the tiles draw is read back in pixels (drawnParcels, parcelsAt) for labels, counts and tests.
 */

import { esc, num } from '../format.js';
import { addPane, vectorTiles } from '../map-setup.js';
import { map, states } from './base.js';

/** Parcels are drawn only from this zoom on (a whole zone holds thousands). */
export const PARCEL_MIN_ZOOM = 13;
/** The deepest zoom the server cuts parcel tiles at (GET tiles/parcels.json). */
const PARCEL_TILE_MAX_ZOOM = 19;

/** The states the legend hides. */
export const hiddenStates = new Set();

// The parcels pane lies above the zone and block fills (overlay pane, 400) and below the 2.5D
// buildings, the outlines and the selection; its tiles take the mouse.
addPane(map, 'parcels', 405, true);
// Signed-in users see every parcel (layer 'parcels'); visitors only available land ('available'),
// chosen in start() once GET api/me has said who is looking.
export const parcelTiles = vectorTiles({
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
export function drawnParcels() {
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
export function viewBounds() {
  return L.bounds(map.containerPointToLayerPoint([0, 0]), map.containerPointToLayerPoint(map.getSize()));
}

export function parcelBounds(parcel) {
  const bounds = L.bounds([]);
  parcel.pieces.forEach((piece) => {
    const b = pieceBounds(piece);
    bounds.extend(b.min);
    bounds.extend(b.max);
  });
  return bounds;
}

/** The visible parcels under a point of the map container (as the tiles' hit test finds them). */
export function parcelsAt(x, y) {
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
export function restyleParcels() {
  const style = parcelTiles.options.vectorTileLayerStyles.parcels;
  for (const parcel of drawnParcels().values()) {
    parcel.pieces.forEach((piece) => parcelTiles._updateStyles(piece.feature, piece.renderer, style));
  }
}

/** Idle land (闲置土地) keeps its state's fill and gets a dashed dark-red outline. */
const IDLE_OUTLINE = '#8b0000';

/** A parcel's style; a parcel of a state hidden in the legend is not drawn and takes no clicks. */
export function parcelStyle(properties) {
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

/**
 * Draws the parcels again after a change (the server has dropped its tiles of the parcel; unchanged tiles
 * answer 304). A hover style would outlive the redraw: it goes first.
 */
export function redrawAfterChange() {
  if (hoveredId) {
    parcelTiles.resetFeatureStyle(hoveredId);
    hoveredId = null;
    map.closeTooltip(parcelTip);
  }
  parcelTiles.redraw();
}
