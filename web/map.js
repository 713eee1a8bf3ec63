/*
 * LandRenew 土地更新 — the map page (index.html): zones, blocks and parcels, and a panel for one parcel.
 *
 * Everything comes from this server (Leaflet from its webjar, VectorGrid from web/vendor/, data from
 * /api and /tiles), so the page works offline. The features are modules of their own under map/:
 *   base.js      the Leaflet map, the states and zones loaded at start, the promise the first view is drawn
 *   parcels.js   the parcels as vector tiles, coloured by life-cycle state; what they draw, in pixels
 *   zones.js     zones and blocks under and over the parcels; zone, block and parcel-code labels
 *   legend.js    the states with their counts in view; hiding a state
 *   bar.js       the top bar: zone switch, page links, messages, the note to zoom in
 *   panel.js     the parcel panel, opened by a click, a code in the bar or a #zone/code link
 *   ledger.js    the panel's ledger and change of state;  readiness.js  readiness for supply;
 *   edit.js      attribute edits;  geometry-edit.js  lineage, split, merge, outline
 *   buildings.js the 2.5D buildings;  finder.js  the land finder and the panel's offer and interest
 *   measure.js   measuring distances and areas (m², 亩) on the map;  mine.js  an enterprise's own parcels
 *   basemap.js   the ground under it all (our basemap's tiles and names) and the layer switcher
 *   search.js    the search box of the top bar (parcels by code tail, enterprises, blocks, places)
 *   classes.js   staff's evaluation mode (parcels by their holder's class for a year) and the holder's classes
 *   print.js     printing the view (title, legend, scale, north arrow);  sheets.js  card and finder as phone sheets
 * This module starts the page and ties the features to the map's moves.
 *
 * For tests: window.landrenew = { map, parcelTiles, drawnParcels(), parcelsAt(x, y), ready, states, zones,
 * parcelStyle, selectParcel, getJson, buildings, finder, measure, mine, basemapTiles, searchGo, classes, print }.
 */

import { getJson, me } from './api.js';
import { num } from './format.js';
import { showStatus } from './header.js';
import { addScale, loadBlocks, loadZones, zoneBounds } from './map-setup.js';
import { map, ready, settleReady, states, zones } from './map/base.js';
import { drawnParcels, parcelsAt, parcelStyle, parcelTiles, PARCEL_MIN_ZOOM } from './map/parcels.js';
import { addBlocks, addZone, blockLayer, refreshLabels } from './map/zones.js';
import { addLegend, updateLegendCounts } from './map/legend.js';
import { fillZoneSwitch, showMessage, showZone, showZoomNote, syncZoneSwitch } from './map/bar.js';
import { parcelInLink, selectParcel } from './map/panel.js';
// The panel's sections, in the order they take in it (each goes above the change of state).
import './map/ledger.js';
import './map/readiness.js';
import './map/edit.js';
import './map/geometry-edit.js';
import { buildings } from './map/buildings.js';
import { addBasemapLabels, addBasemapSwitcher, basemapTiles, highlightLayers } from './map/basemap.js';
import { go as searchGo } from './map/search.js';
import { finder } from './map/finder.js';
import { measure } from './map/measure.js';
import { mine } from './map/mine.js';
import { classes } from './map/classes.js';
import { print } from './map/print.js';
import './map/sheets.js';

window.landrenew = { map, parcelTiles, drawnParcels, parcelsAt, ready, states, zones, parcelStyle, selectParcel,
  getJson, buildings, finder, measure, mine, basemapTiles, searchGo, classes, print };

parcelTiles.on('click', (event) => {
  const p = event.layer.properties;
  selectParcel(p.zone, p.code, { panIntoView: true });
});
parcelTiles.on('loading', () => {
  if (map.getZoom() >= PARCEL_MIN_ZOOM) {
    showStatus('<span class="spinner"></span>加载宗地… <small>Loading parcels</small>', 'busy');
  }
});
// every tile in view is drawn: count what they show
parcelTiles.on('load', () => {
  updateParcelView();
  settleReady(null, drawnParcels().size);
});

/** After a move, a load of tiles or a change: the zoom note, the counts in view and the parcel codes. */
function updateParcelView() {
  if (map.getZoom() < PARCEL_MIN_ZOOM) {
    showZoomNote(true);
    showStatus('');
    updateLegendCounts();
    settleReady(null, drawnParcels().size);
    return;
  }
  showZoomNote(false);
  const inView = updateLegendCounts();
  if (inView === 0 && parcelTiles.isLoading()) {
    // Right after a zoom the old zoom's tiles still show while the new ones load: counting these would
    // say 0. The layer's 'load' event counts again once they are drawn.
    showStatus('<span class="spinner"></span>加载宗地… <small>Loading parcels</small>', 'busy');
  } else {
    showStatus('视图内 <b>' + num(inView, 0) + '</b> 宗 <small>parcels in view</small>', '');
  }
  refreshLabels();
}

map.on('moveend', () => {
  refreshLabels();
  syncZoneSwitch();
  updateParcelView();
});

async function start() {
  showStatus('<span class="spinner"></span>加载中… <small>Loading</small>', 'busy');
  const [config, stateList, , viewer] = await Promise.all([
    getJson('api/config'), getJson('api/states'), loadZones(zones), me(),
  ]);
  // Signed-in users see every parcel (layer 'parcels'); visitors only available land ('available').
  if (viewer.role === 'anonymous') {
    parcelTiles.options.layer = 'available';
    parcelTiles.redraw();
  }

  // Our basemap is the ground (an online one, if configured, is a choice of the switcher).
  addBasemapSwitcher(config, Object.assign({ '宗地 <small>Parcels</small>': parcelTiles, '区块 <small>Blocks</small>': blockLayer },
    highlightLayers(viewer.role !== 'anonymous')));

  for (const s of stateList) {
    states.set(s.code, s);
  }
  addScale(map, 'bottomleft');
  addLegend();

  fillZoneSwitch();
  const features = [...zones.values()];
  features.forEach((zone) => addZone(zone, true));
  addBasemapLabels(features.map((zone) => zone.id)).catch((error) => showMessage('底图名称加载失败 Basemap names failed: ' +
    error.message, 'warn'));
  const blockCollections = await Promise.all(features.map((z) => loadBlocks(z.id)));
  blockCollections.forEach(addBlocks);

  // The first view: the parcel named in the link, or the first zone, close enough to show parcels.
  const target = parcelInLink();
  const shown = target ? await selectParcel(target.zone, target.code, { initial: true }) : false;
  if (features.length === 0) {
    // A fresh installation (no sample): nothing to show until a planner or admin makes the first zone.
    showMessage('还没有开发区：规划人员或管理员在“开发区”页面新建。No zones yet: a planner or admin creates the first on the Zones page.', 'info');
    settleReady(null, 0);
  } else if (shown !== true) {
    // index.html#zone=CODE (the zones page's map links) opens on that zone, otherwise on the first
    const linked = /^#zone=(.+)$/.exec(location.hash);
    const first = (linked && zones.get(decodeURIComponent(linked[1]))) || features[0];
    showZone(first.id);
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
