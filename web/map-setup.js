/*
 * LandRenew 土地更新 — what every map of the site sets up alike (the map page, supply, the auditors'
 * page): the Leaflet map and its panes, the optional basemap of api/config, the zones (their outline,
 * their bounds, the zone switch) and the layers of vector tiles this server cuts (tiles/).
 *
 * Leaflet, and on the map page Leaflet.VectorGrid, are classic scripts loaded before the modules: they
 * set the global L.
 */

import { getJson } from './api.js';
import { esc } from './format.js';

/** A Leaflet map in the element {@code id}, zoomable from a province (4) down to a building (19). */
export function createMap(id, options) {
  const map = L.map(id, Object.assign({ minZoom: 4, maxZoom: 19 }, options));
  map.attributionControl.setPrefix('Leaflet');
  return map;
}

/**
 * A pane at {@code zIndex} (Leaflet's own: tiles 200, overlays 400, markers 600). Outlines and labels
 * drawn above the parcels must not catch the mouse: {@code mouse} false lets clicks through to them.
 */
export function addPane(map, name, zIndex, mouse) {
  const pane = map.createPane(name);
  pane.style.zIndex = String(zIndex);
  if (!mouse) {
    pane.style.pointerEvents = 'none';
  }
  return pane;
}

/** The online basemap of api/config (landrenew.basemap.url) as a Leaflet tile layer, or null when none is set. */
export function onlineBasemap(config) {
  const basemap = config && config.basemap;
  if (!basemap || !basemap.url) {
    return null;
  }
  return L.tileLayer(basemap.url, { attribution: basemap.attribution || '', maxZoom: 19 });
}

/** The online basemap of api/config under everything, if one is set; answers whether it is. */
export function addBasemap(map, config) {
  const online = onlineBasemap(config);
  if (online) {
    online.addTo(map);
  }
  return online !== null;
}

/** The metric scale bar. */
export function addScale(map, position) {
  map.addControl(L.control.scale({ imperial: false, position }));
}

/**
 * Every zone (GET api/zones) put in {@code zones} (zone code → feature) in the server's order, which is
 * answered; a store without zones is an error.
 */
export async function loadZones(zones = new Map()) {
  const collection = await getJson('api/zones');
  const features = collection.features || [];
  if (!features.length) {
    throw new Error('没有开发区数据 No zones in the store');
  }
  features.forEach((zone) => zones.set(zone.id, zone));
  return zones;
}

/** The blocks of a zone (GET api/zones/{zone}/blocks), a FeatureCollection. */
export function loadBlocks(zoneCode) {
  return getJson('api/zones/' + encodeURIComponent(zoneCode) + '/blocks');
}

/** A zone's bounding box (its bbox: west, south, east, north) as Leaflet bounds. */
export function zoneBounds(zone) {
  const [west, south, east, north] = zone.bbox;
  return L.latLngBounds([south, west], [north, east]);
}

/** A zone's boundary, drawn above the parcels. */
export const ZONE_OUTLINE = { color: '#1a3a6b', weight: 2.5, opacity: 0.9, fill: false };

/** Fills a zone switch (a select) with the zones by name, their codes as values. */
export function fillZoneSelect(select, zones) {
  select.innerHTML = [...zones.values()].map((zone) =>
    '<option value="' + esc(zone.id) + '">' + esc(zone.properties.name) + '</option>').join('');
}

/**
 * Selects the zone a page's address names (?zone=), when it is one; answers what to tell the user when it is not
 * (the first zone stays selected), else null.
 */
export function chooseZone(select, zones, wanted) {
  if (!wanted) {
    return null;
  }
  if (zones.has(wanted)) {
    select.value = wanted;
    return null;
  }
  const shown = zones.get(select.value);
  return '没有代码为 ' + wanted + ' 的开发区，显示' + shown.properties.name + '。There is no zone ' + wanted
    + '; showing ' + shown.properties.name + '.';
}

/**
 * A layer of this server's vector tiles (GET tiles/{layer}/{z}/{x}/{y}.mvt, see tiles/TileLayer) drawn by
 * Leaflet.VectorGrid on one canvas per tile; {@code options} as VectorGrid's, {@code layer} among them.
 */
export function vectorTiles(options) {
  // Leaflet.VectorGrid 1.3 stops a click on a feature with this Leaflet 1.7 function, which 1.9 no longer has.
  if (!L.DomEvent.fakeStop) {
    L.DomEvent.fakeStop = (event) => {
      event._stopped = true;
    };
  }
  return L.vectorGrid.protobuf('tiles/{layer}/{z}/{x}/{y}.mvt', Object.assign({ rendererFactory: L.canvas.tile }, options));
}
