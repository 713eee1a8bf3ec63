/*
 * LandRenew 土地更新 — what the land finder says of land wherever it shows it (a result's card, the parcel
 * panel's offer): the standard-land conditions, with the emission standards by name, and the 3D view's link.
 */

import { esc, num } from '../../format.js';

const enc = encodeURIComponent;

/** emission standard code → its Chinese name (filled at start from the form's list). */
export const emissionNames = new Map();

/** The 3D view of a parcel, or of a combined site (its parcels, the first opened). */
export function sceneLink(zone, codes) {
  return 'scene.html?zone=' + enc(zone) + '&code=' + enc(codes[0]) +
    (codes.length > 1 ? '&site=' + codes.map(enc).join(',') : '');
}

export function standardLandRows(s) {
  if (!s) {
    return '<div class="muted">未设标准地条件 <small>No standard-land conditions</small></div>';
  }
  return '<dl class="finder-facts">' +
    '<dt>投资强度 <small>Investment</small></dt><dd>≥ ' + num(s.investmentMinWanPerMu, 0) + ' 万元/亩</dd>' +
    '<dt>亩均税收 <small>Tax</small></dt><dd>≥ ' + num(s.taxMinWanPerMu, 0) + ' 万元/亩·年</dd>' +
    '<dt>单位能耗 <small>Energy</small></dt><dd>≤ ' + num(s.energyMaxTcePerWan, 2) + ' tce/万元</dd>' +
    '<dt>排放标准 <small>Emissions</small></dt><dd>' + esc(s.emissionStandardName || emissionName(s.emissionStandard)) +
    '</dd></dl>';
}

function emissionName(code) {
  return emissionNames.get(code) || code;
}
