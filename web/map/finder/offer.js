/*
 * LandRenew 土地更新 — the parcel panel's section for the finder (供地与意向): is the parcel available, when
 * is it ready, its standard-land conditions and 3D view, the interests registered (for staff) and the
 * form to register one (for planners and enterprise users).
 */

import { getJson, me } from '../../api.js';
import { DASH, esc, num, recordedTime, todayInChina } from '../../format.js';
import { sceneLink, standardLandRows } from './facts.js';
import { needText } from './form.js';
import { interestFormHtml, wireInterestForm } from './interest.js';

const enc = encodeURIComponent;
const el = (id) => document.getElementById(id);

document.addEventListener('landrenew:parcel-shown', (event) => showOffer(event.detail.properties));

async function showOffer(p) {
  const zone = p.zone.code;
  const code = p.code;
  const stillShown = () => el('parcel-code') && el('parcel-code').textContent === code && !el('parcel-panel').hidden;
  const who = await me();
  // Everyone who may see the parcel gets its 3D view and offer; the interests registered are for staff
  // only, so nobody else asks for them (a refused request would lose the whole section).
  const staff = who.role !== 'enterprise' && who.role !== 'anonymous';
  let offer;
  let interests;
  try {
    [offer, interests] = await Promise.all([
      getJson('api/parcels/' + enc(zone) + '/' + enc(code) + '/standard-land'),
      staff ? getJson('api/parcels/' + enc(zone) + '/' + enc(code) + '/interests') : null]);
  } catch (e) {
    return;
  }
  if (!stillShown()) {
    return;
  }
  const old = el('finder-section');
  if (old) {
    old.remove();
  }
  const section = document.createElement('section');
  section.className = 'panel-section';
  section.id = 'finder-section';
  let html = '<h2>供地与意向 <small>Offer &amp; interest</small></h2>' +
    '<div class="finder-actions"><a class="button-3d" id="parcel-3d" target="_blank" rel="noopener" href="' +
    esc(sceneLink(zone, [code])) + '">三维查看 <small>3D view</small></a>' +
    (offer.available ? '<span class="flag" id="parcel-available">可供 <small>available</small></span>'
      : '<span class="flag muted-flag">不在可供土地中 <small>not available</small></span>') + '</div>';
  html += '<dl class="finder-facts">' +
    '<dt>供地条件 <small>Ready</small></dt><dd>' + (offer.readyDate ? esc(offer.readyDate) +
      (offer.readyDate <= todayInChina() ? ' <span class="flag">已具备 ready</span>' : '') : DASH) + '</dd>' +
    (offer.plannedSupply ? '<dt>计划供地 <small>Planned supply</small></dt><dd>' + esc(offer.plannedSupply) +
      ' <span class="code">' + esc(offer.supplyPlan) + '</span></dd>' : '') + '</dl>';
  if (offer.standardLand || offer.available) {
    html += '<h3>标准地条件 <small>Standard land</small></h3>' + standardLandRows(offer.standardLand);
  }
  const list = interests ? interests.interests || [] : null;
  if (list) {
    html += '<h3>意向企业 <small>Interests</small> <b id="parcel-interest-count">' + num(list.length, 0) + '</b></h3>' +
      (list.length ? '<ol class="interest-list" id="parcel-interests">' + list.map((i) =>
        '<li><b>' + esc(i.enterpriseName) + '</b> <span class="code">' + esc(i.creditCode) + '</span>' +
        '<div>' + esc(i.need) + '</div><div class="muted">' + esc(i.contact) + ' · ' + esc(recordedTime(i.registeredAt)) +
        '</div></li>').join('') + '</ol>' : '<div class="muted">暂无 <small>None yet</small></div>');
  }
  if (offer.available) {
    html += interestFormHtml(needText());
  }
  section.innerHTML = html;
  const before = el('transition-section');
  if (before) {
    before.before(section);
  } else {
    el('parcel-body').appendChild(section);
  }
  wireInterestForm(section, [{ zone, code }], () => showOffer(p));
}
