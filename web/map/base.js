/*
 * LandRenew 土地更新 — what every feature of the map page shares: the Leaflet map, the vocabularies
 * the page loads at start (life-cycle states, zones) and the promise that the first view is drawn.
 */

import { addPane, createMap } from '../map-setup.js';

export const map = createMap('map', { preferCanvas: true, zoomSnap: 1, worldCopyJump: false });

// Outlines and the selection are drawn above the parcels but must never catch the mouse.
addPane(map, 'outlines', 420);
addPane(map, 'selection', 430);
addPane(map, 'parcel-codes', 590);

/** state code → {code, ordinal, nameZh, nameEn, colour}. */
export const states = new Map();
/** zone code → zone feature. */
export const zones = new Map();

let resolveReady;
let rejectReady;
let readySettled = false;

/** Settles once the first view's parcels are drawn (to their count), or the page failed to start. */
export const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {}); // reported in the bar; tests read the rejection themselves

export function settleReady(error, drawnCount) {
  if (readySettled) {
    return;
  }
  readySettled = true;
  if (error) {
    rejectReady(error);
  } else {
    resolveReady(drawnCount);
  }
}
