/*
 * LandRenew 土地更新 — the ground under the parcels: this server's basemap (底图: roads, railways, rivers,
 * water and named places; vector tiles of layer 'basemap', see layer/MapLayers) in a pane under the zone
 * and block fills, with its names (GET api/zones/{zone}/basemap-labels): road names along their lines,
 * place names at their points. It needs nothing online. The layer switcher (top right) chooses it, the
 * online basemaps api/config names (an XYZ one, 天地图 vector and imagery given a key), or none, and shows
 * or hides the parcels and the blocks.
 */

import { getJson } from '../api.js';
import { addPane, onlineBasemap, vectorTiles } from '../map-setup.js';
import { map } from './base.js';

// Under the overlay pane (400: zone and block fills), above Leaflet's tile pane (200: an online basemap).
addPane(map, 'basemap', 250, false);
// Names above the fills, below the parcels (405): they never take the mouse.
addPane(map, 'basemap-labels', 402, false);

/** From this zoom on the names of roads and arterials show; others (places, motorway, rivers) from 11. */
const ROAD_LABEL_MIN_ZOOM = 14;
const LABEL_MIN_ZOOM = 11;

/** Line widths grow as one zooms in: px at zoom 12, 15 and 18. */
function width(zoom, at12, at15, at18) {
  return zoom <= 12 ? at12 : zoom <= 15 ? at12 + (at15 - at12) * (zoom - 12) / 3 : at15 + (at18 - at15) * Math.min(zoom - 15, 3) / 3;
}

/** How each kind of basemap feature is drawn (VectorGrid draws an array of styles one over the other). */
export function basemapStyle(p, zoom) {
  switch (p.kind) {
    case 'water':
      return { fill: true, fillColor: '#b5d6e8', fillOpacity: 1, stroke: true, color: '#9cc5dc', weight: 1 };
    case 'river':
      return { color: '#9cc5dc', weight: width(zoom, 3, 8, 20), opacity: 1 };
    case 'motorway':
      return [{ color: '#c77a2a', weight: width(zoom, 4, 9, 22), opacity: 1 },
        { color: '#f6b25c', weight: width(zoom, 2.5, 7, 18), opacity: 1 }];
    case 'arterial':
      return [{ color: '#c9c2b4', weight: width(zoom, 2.5, 7, 18), opacity: 1 },
        { color: '#ffffff', weight: width(zoom, 1.5, 5.5, 15), opacity: 1 }];
    case 'road':
      return [{ color: '#d3ccbf', weight: width(zoom, 1.5, 4, 10), opacity: 1 },
        { color: '#ffffff', weight: width(zoom, 0.8, 3, 8), opacity: 1 }];
    case 'railway':
      return [{ color: '#8a8a8a', weight: width(zoom, 2, 3.5, 5), opacity: 1 },
        { color: '#ffffff', weight: width(zoom, 1, 2, 3), opacity: 1, dashArray: '8 8' }];
    case 'motorway_exit':
      return { radius: 6, fill: true, fillColor: '#2e7d32', fillOpacity: 1, color: '#ffffff', weight: 2 };
    case 'port':
    case 'airport':
    case 'rail_station':
      return { radius: 5, fill: true, fillColor: '#1565c0', fillOpacity: 1, color: '#ffffff', weight: 2 };
    default: // place names: the label says it
      return { radius: 2, fill: true, fillColor: '#5b6b7d', fillOpacity: 1, stroke: false };
  }
}

/** The basemap's shapes: vector tiles of this server. */
export const basemapTiles = vectorTiles({
  layer: 'basemap',
  pane: 'basemap',
  interactive: false,
  minZoom: 8,
  maxNativeZoom: 19,
  vectorTileLayerStyles: { basemap: basemapStyle },
});

const majorLabels = L.layerGroup();
const roadLabels = L.layerGroup();
/** Ours: shapes and names together, so the switcher turns both on and off. */
export const ownBasemap = L.layerGroup([basemapTiles]);

/** Text that reads left to right along a line of the given azimuth (degrees clockwise from north). */
function textAngle(azimuth) {
  let angle = azimuth - 90;
  if (angle > 90) {
    angle -= 180;
  } else if (angle < -90) {
    angle += 180;
  }
  return angle;
}

function label(feature) {
  const p = feature.properties;
  const [lon, lat] = feature.geometry.coordinates;
  const text = document.createElement('span');
  text.textContent = p.name;
  text.style.transform = 'translate(-50%, -50%)' + (p.azimuth != null ? ' rotate(' + textAngle(p.azimuth) + 'deg)' : '');
  const marker = L.marker([lat, lon], {
    interactive: false,
    keyboard: false,
    pane: 'basemap-labels',
    icon: L.divIcon({ className: 'map-label basemap-label basemap-' + p.kind, iconSize: null, html: text }),
  });
  marker.addTo(p.kind === 'arterial' || p.kind === 'road' ? roadLabels : majorLabels);
}

/** Loads the names of each zone's basemap; they show while ours is the basemap, by zoom. */
export async function addBasemapLabels(zoneCodes) {
  const collections = await Promise.all(zoneCodes.map((zone) =>
    getJson('api/zones/' + encodeURIComponent(zone) + '/basemap-labels')));
  collections.forEach((collection) => collection.features.forEach(label));
  showLabels();
}

function showLabels() {
  const on = map.hasLayer(ownBasemap);
  const zoom = map.getZoom();
  for (const [group, minZoom] of [[majorLabels, LABEL_MIN_ZOOM], [roadLabels, ROAD_LABEL_MIN_ZOOM]]) {
    const wanted = on && zoom >= minZoom;
    if (wanted && !map.hasLayer(group)) {
      group.addTo(map);
    } else if (!wanted && map.hasLayer(group)) {
      map.removeLayer(group);
    }
  }
}
map.on('zoomend', showLabels);

/**
 * Highlights the switcher may lay over the parcels (off at first): idle land (闲置土地) and available land
 * (可供土地: stored, prepared or in an approved supply plan), each its own vector tiles, in the outlines'
 * pane so they never take the clicks meant for the parcels. Idle land is of the signed-in users' layer.
 */
export function highlightLayers(signedIn) {
  const highlight = (layer, style) => vectorTiles({
    layer, pane: 'outlines', interactive: false, minZoom: 13, maxNativeZoom: 19,
    vectorTileLayerStyles: { [layer]: style },
  });
  const layers = {
    '可供土地 <small>Available land</small>': highlight('available', () =>
      ({ color: '#00a152', weight: 3, opacity: 0.95, fill: true, fillColor: '#00c853', fillOpacity: 0.18 })),
  };
  if (signedIn) {
    layers['闲置土地 <small>Idle land</small>'] = highlight('parcels', (p) => (p.idle
      ? { color: '#b71c1c', weight: 3, opacity: 1, fill: true, fillColor: '#e53935', fillOpacity: 0.3 }
      : { stroke: false, fill: false }));
  }
  return layers;
}

/**
 * Our basemap on, and the switcher of basemaps (ours, the online ones of api/config if any, none) and of
 * the layers drawn over them ({@code overlays}: name → layer). Answers the switcher.
 */
export function addBasemapSwitcher(config, overlays) {
  ownBasemap.addTo(map);
  document.body.classList.add('has-own-basemap');
  const bases = { '本站底图 <small>LandRenew basemap</small>': ownBasemap };
  const online = onlineBasemap(config);
  if (online) {
    bases['在线底图 <small>Online basemap</small>'] = online;
  }
  const tianditu = config && config.tianditu;
  if (tianditu) {
    // 天地图: CGCS2000 without offset, so it lies on the parcels; each map with its annotation on top.
    const tiles = (url) => L.tileLayer(url, { subdomains: '01234567', maxZoom: 19, maxNativeZoom: 18,
      attribution: tianditu.attribution });
    bases['天地图矢量 <small>Tianditu vector</small>'] = L.layerGroup([tiles(tianditu.vector), tiles(tianditu.vectorAnnotation)]);
    bases['天地图影像 <small>Tianditu imagery</small>'] = L.layerGroup([tiles(tianditu.imagery), tiles(tianditu.imageryAnnotation)]);
  }
  bases['无底图 <small>No basemap</small>'] = L.layerGroup();
  const control = L.control.layers(bases, overlays, { position: 'topright', collapsed: true }).addTo(map);
  control.getContainer().id = 'layer-switcher';
  map.on('baselayerchange', () => {
    document.body.classList.toggle('has-own-basemap', map.hasLayer(ownBasemap));
    showLabels();
  });
  return control;
}
