/*
 * LandRenew 土地更新 — what every part of the auditors' page shares: the report's controls, the states and
 * zones loaded at start, the blocks and projects loaded per zone, the page's state (block picked, tally
 * shown), the query the controls describe, and the one way to ask for a block to be picked.
 */

import { todayInChina } from '../format.js';

const el = (id) => document.getElementById(id);

export const controls = {
  zone: el('zone'),
  project: el('project'),
  from: el('from'),
  to: el('to'),
  asOf: el('as-of'),
  groupBy: el('group-by'),
};

/** state code → {code, nameZh, nameEn, colour} */
export const states = new Map();
/** zone code → zone feature */
export const zones = new Map();
/** zone code → its blocks (FeatureCollection) */
export const blocksByZone = new Map();
/** zone code → its projects */
export const projectsByZone = new Map();

/** The block picked (its code) or null; the tally shown (GET api/renewal/tally) or null. */
export const page = { selectedBlock: null, tally: null };

/** The query the controls describe (block separately), as URLSearchParams in a fixed order. */
export function queryParams(withBlock) {
  const params = new URLSearchParams();
  params.set('zone', controls.zone.value);
  params.set('project', controls.project.value);
  if (controls.from.value) params.set('from', controls.from.value);
  if (controls.to.value) params.set('to', controls.to.value);
  params.set('asOf', controls.asOf.value || todayInChina());
  params.set('groupBy', controls.groupBy.value);
  if (withBlock && page.selectedBlock) params.set('block', page.selectedBlock);
  return params;
}

/** The API's query: the project parameter only when one is chosen. */
export function apiQuery(block) {
  const params = queryParams(false);
  if (!params.get('project')) params.delete('project');
  if (block) params.set('block', block);
  return params.toString();
}

/**
 * Asks the page to pick a block (or none, code null): a click on the map, a row or a filter's ×. The page
 * (audit.js) hears it, so that the parts need not know one another.
 */
export function pickBlock(code, options = {}) {
  document.dispatchEvent(new CustomEvent('landrenew:audit-block', { detail: { code, fromMap: Boolean(options.fromMap) } }));
}

/** Picks the block or, when it is the one picked, none. */
export function toggleBlock(code, options) {
  pickBlock(page.selectedBlock === code ? null : code, options);
}
