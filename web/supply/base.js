/*
 * LandRenew 土地更新 — what every feature of the supply page shares: the Leaflet map and its layer groups,
 * the states and zones loaded at start, the page's state (tab, zone, plan), the map's one legend, batch
 * colours, error boxes and the address that reopens the view.
 */

import { esc } from '../format.js';
import { addPane, createMap } from '../map-setup.js';

const el = (id) => document.getElementById(id);

/** Batches from first to last: green (soonest) through yellow to brown (latest). */
const BATCH_RAMP = ['#1a7f37', '#5cb85c', '#b5d334', '#f2c12e', '#f08a24', '#c4501b', '#8c2d04'];

export const map = createMap('map', { preferCanvas: true, zoomSnap: 1 });
// One canvas for every parcel layer: the plan's and the land bank's are added after the zone's parcels,
// so they are drawn, and hit by the mouse, on top. Outlines and labels never catch the mouse.
addPane(map, 'outlines', 420);
addPane(map, 'labels', 600);

export const outlines = L.layerGroup().addTo(map);
export const parcelGroup = L.layerGroup().addTo(map);
export const planGroup = L.layerGroup().addTo(map);
export const bankGroup = L.layerGroup().addTo(map);
export const labelGroup = L.layerGroup().addTo(map);
export const drawGroup = L.layerGroup().addTo(map);

/** state code → {code, nameZh, nameEn, colour}. */
export const states = new Map();
/** zone code → zone feature. */
export const zones = new Map();

/**
 * The page's state: the tab ('plan' or 'zone'), the zone open (its feature) and its blocks, the plan
 * shown (GET api/supply/plans/{id}) or null.
 */
export const page = { view: 'plan', zone: null, blocks: [], plan: null };

let legend = null;

/** Puts a legend on the map in place of the one there (the plan's batches, the land bank), or none. */
export function showLegend(control) {
  if (legend) {
    legend.remove();
  }
  legend = control;
  if (legend) {
    legend.addTo(map);
  }
}

/** The colour of batch seq (1…count) on the ramp. */
export function batchColour(seq, count) {
  if (count <= 1) {
    return BATCH_RAMP[0];
  }
  const t = (seq - 1) / (count - 1) * (BATCH_RAMP.length - 1);
  const i = Math.min(Math.floor(t), BATCH_RAMP.length - 2);
  return mix(BATCH_RAMP[i], BATCH_RAMP[i + 1], t - i);
}

function mix(a, b, t) {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return '#' + pa.map((v, i) => Math.round(v + (pb[i] - v) * t).toString(16).padStart(2, '0')).join('');
}

/** A refusal as the page shows it: what kind (by HTTP status), then the server's detail. */
export function problemHtml(error) {
  const kind = error.status === 409 ? '无法执行 <small>Not allowed:</small> '
    : error.status === 400 ? '输入有误 <small>Invalid:</small> '
      : error.status === 404 ? '未找到 <small>Not found:</small> ' : '失败 <small>Failed:</small> ';
  return kind + esc(error.message);
}

/** Fills an error box, or hides it when there is nothing to say. */
export function showError(id, html) {
  const box = el(id);
  box.innerHTML = html || '';
  box.hidden = !html;
}

/** The address reopens the same view: zone, then the plan or the zone tab with its block. */
export function updateUrl() {
  if (!page.zone) {
    return;
  }
  const params = new URLSearchParams();
  params.set('zone', page.zone.id);
  if (page.view === 'zone') {
    params.set('view', 'zone');
    if (el('bank-block').value) params.set('block', el('bank-block').value);
  } else if (page.plan) {
    params.set('plan', page.plan.id);
  }
  history.replaceState(null, '', location.pathname + '?' + params.toString());
}
