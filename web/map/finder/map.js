/*
 * LandRenew 土地更新 — the land finder's results on the map: each outlined over a white halo with its rank,
 * the one picked in another colour, and the map's flights to them clear of the panels.
 */

import { esc } from '../../format.js';
import { addPane } from '../../map-setup.js';
import { map } from '../base.js';
import { panel } from './form.js';

const el = (id) => document.getElementById(id);

const FOCUS_MAX_ZOOM = 17;
const RESULT_COLOUR = '#ef6c00';
const SELECTED_COLOUR = '#0d47a1';

addPane(map, 'finder', 435);
addPane(map, 'finder-labels', 640);   // ranks above the block labels (600)
const resultLayer = L.layerGroup().addTo(map);

/** Keeps what the map flies to clear of the finder panel and the parcel panel. */
function padding() {
  const parcelPanel = el('parcel-panel');
  const right = parcelPanel && !parcelPanel.hidden ? parcelPanel.offsetWidth : 0;
  return { paddingTopLeft: [(panel.hidden ? 0 : panel.offsetWidth) + 30, 30], paddingBottomRight: [right + 30, 30],
    maxZoom: FOCUS_MAX_ZOOM };
}

/** Draws the results (GeoJSON features), the one at index selected (or none, -1) picked. */
export function drawResults(results, selected) {
  resultLayer.clearLayers();
  results.forEach((f, i) => {
    const p = f.properties;
    const colour = i === selected ? SELECTED_COLOUR : RESULT_COLOUR;
    const group = L.featureGroup();
    // A white halo under the outline keeps results apart from the parcels' own state colours.
    L.geoJSON(f.geometry, { pane: 'finder', interactive: false,
      style: { color: '#ffffff', weight: i === selected ? 8 : 6, opacity: 0.9, fill: false } }).addTo(group);
    L.geoJSON(f.geometry, { pane: 'finder', interactive: false,
      style: { color: colour, weight: i === selected ? 4 : 3, opacity: 1, fillColor: colour,
        fillOpacity: i === selected ? 0.28 : 0.2 } }).addTo(group);
    if (p.outline) {
      // The site as one piece of land: its parcels and the roads between them.
      L.geoJSON(p.outline, { pane: 'finder', interactive: false,
        style: { color: colour, weight: 2, dashArray: '8 5', fillColor: colour, fillOpacity: 0.14 } }).addTo(group);
    }
    if (Array.isArray(p.labelPoint)) {
      L.marker([p.labelPoint[1], p.labelPoint[0]], { pane: 'finder-labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'finder-rank-marker' + (i === selected ? ' selected' : ''), iconSize: null,
          html: '<span>' + esc(p.rank) + '</span>' }) }).addTo(group);
    }
    group.addTo(resultLayer);
  });
}

/** Flies the map to all the results drawn. */
export function flyToResults() {
  const bounds = resultLayer.getLayers().length ? L.featureGroup(resultLayer.getLayers()).getBounds() : null;
  if (bounds && bounds.isValid()) {
    map.flyToBounds(bounds, Object.assign({ duration: 0.6 }, padding()));
  }
}

/** Flies the map to one result (a GeoJSON feature). */
export function flyToResult(feature) {
  const bounds = L.geoJSON(feature.geometry).getBounds();
  map.flyToBounds(bounds, Object.assign({ duration: 0.7 }, padding()));
}
