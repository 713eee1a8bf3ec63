/*
 * LandRenew 土地更新 — the map page's top bar: the zone switch (which follows the map, and the links to
 * the auditors' and supply pages with it), the message beside it and the note to zoom in to parcels.
 * Finding a parcel by its code is the parcel panel's (panel.js).
 */

import { fillZoneSelect, zoneBounds } from '../map-setup.js';
import { map, zones } from './base.js';
import { PARCEL_MIN_ZOOM } from './parcels.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

const zoneSelect = el('zone-select');
const barMessage = el('bar-message');
const zoomNote = el('zoom-note');
zoomNote.addEventListener('click', () => map.setZoom(PARCEL_MIN_ZOOM));

export function showMessage(text, kind) {
  barMessage.textContent = text || '';
  barMessage.className = kind || '';
}

/** The note to zoom in, shown while the map is too far out for parcels. */
export function showZoomNote(shown) {
  zoomNote.hidden = !shown;
}

/** The zone the switch shows (its code). */
export function currentZone() {
  return zoneSelect.value;
}

/** The auditors' and the supply page open on the zone the map shows. */
function updatePageLinks() {
  el('audit-link').href = 'audit.html' + (zoneSelect.value ? '?zone=' + enc(zoneSelect.value) : '');
  el('supply-link').href = 'supply.html' + (zoneSelect.value ? '?zone=' + enc(zoneSelect.value) : '');
}

/** Puts the switch on a zone (one of the zones loaded), and the page links with it. */
export function showZone(code) {
  if (zones.has(code)) {
    zoneSelect.value = code;
    updatePageLinks();
  }
}

/** Fills the switch with the zones loaded. */
export function fillZoneSwitch() {
  fillZoneSelect(zoneSelect, zones);
}

zoneSelect.addEventListener('change', () => {
  updatePageLinks();
  const zone = zones.get(zoneSelect.value);
  if (zone) {
    map.fitBounds(zoneBounds(zone), { padding: [24, 24] });
  }
});

/** Keeps the zone switch on the zone the map is looking at. */
export function syncZoneSwitch() {
  const centre = map.getCenter();
  for (const [code, zone] of zones) {
    if (zoneBounds(zone).contains(centre)) {
      showZone(code);
      return;
    }
  }
}
