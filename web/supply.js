/*
 * LandRenew 土地更新 — phased land supply (分批次供地, supply.html).
 *
 * Plan tab: the planner picks a project's site on the map (clicking free parcels, or drawing a polygon
 * with plain Leaflet clicks), gives the required area, land use, wanted start and the batching rules, and
 * asks the server for a plan (POST /api/supply/plans). The plan's batches are coloured in order on the
 * map, with a Gantt-like timeline under it (supply → earliest construction start per batch, the
 * whole-site alternative, the time saved); the planner approves the plan and supplies its batches.
 * Zone tab: the approved plans' supply by month (chart) and the land bank (土地储备库) on the map and as a
 * list. The query string holds zone, plan, view and block, so a link reopens the same view.
 *
 * The features are modules of their own under supply/:
 *   base.js       the map and its layer groups, states, zones, the page's state, legend, URL
 *   site.js       the zone's parcels; picking the site or drawing it
 *   plan.js       the request, the plan (batches, approval, supply) and the zone's plans
 *   timeline.js   the plan's timeline
 *   zone-view.js  the Zone tab: land bank and schedule
 * This module opens a zone, switches between the tabs and starts the page.
 *
 * For tests: window.landrenewSupply = { map, ready, parcelLayers, planLayers, bankLayers, plan(), chart(), picked }.
 */

import { getJson } from './api.js';
import { esc, landUseOption, plusMonths, todayInChina } from './format.js';
import { showStatus } from './header.js';
import { addBasemap, addScale, fillZoneSelect, loadBlocks, loadZones, zoneBounds, ZONE_OUTLINE } from './map-setup.js';
import {
  bankGroup, drawGroup, labelGroup, map, outlines, page, planGroup, showLegend, states, updateUrl, zones,
} from './supply/base.js';
import { clearSite, forgetParcels, loadZoneParcels, parcelLayers, picked, renderSite, restyleBase } from './supply/site.js';
import { clearPlan, loadPlans, openPlan, planLayers, renderPlanMap } from './supply/plan.js';
import { bankLayers, loadZoneView, scheduleChart } from './supply/zone-view.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

let resolveReady;
const ready = new Promise((resolve) => { resolveReady = resolve; });

window.landrenewSupply = { map, ready, parcelLayers, planLayers, bankLayers, plan: () => page.plan, chart: scheduleChart,
  picked };

/** Opens a zone: its outline, blocks and parcels, no site and no plan, and the list of its plans. */
async function openZone(code, options = {}) {
  const zone = zones.get(code);
  page.zone = zone;
  el('zone').value = code;
  el('audit-link').href = 'audit.html?zone=' + enc(code);
  el('map-link').href = './';
  forgetParcels();
  outlines.clearLayers();
  clearPlan();
  clearSite();
  L.geoJSON(zone.geometry, { pane: 'outlines', interactive: false, style: ZONE_OUTLINE }).addTo(outlines);
  if (!options.keepView) {
    map.fitBounds(zoneBounds(zone), { padding: [20, 20] });
  }
  showStatus('<span class="spinner"></span>加载宗地… <small>Loading parcels</small>', 'busy');
  const [blockCollection] = await Promise.all([loadBlocks(code), loadZoneParcels(zone)]);
  page.blocks = blockCollection.features || [];
  for (const block of page.blocks) {
    L.geoJSON(block.geometry, { pane: 'outlines', interactive: false,
      style: { color: '#37474f', weight: 1.2, opacity: 0.8, dashArray: '6 4', fill: false } }).addTo(outlines);
  }
  el('bank-block').innerHTML = '<option value="">全部区块 All blocks</option>' + page.blocks.map((b) =>
    '<option value="' + esc(b.properties.code) + '">' + esc(b.properties.name) + '</option>').join('');
  showStatus('');
  await loadPlans();
}

/** Switches between the Plan tab and the Zone tab, their cards and their layers on the map. */
function setView(view) {
  page.view = view;
  el('tab-plan').setAttribute('aria-selected', String(view === 'plan'));
  el('tab-zone').setAttribute('aria-selected', String(view === 'zone'));
  el('form-card').hidden = view !== 'plan' || Boolean(page.plan);
  el('plan-card').hidden = view !== 'plan' || !page.plan;
  el('plans-card').hidden = view !== 'plan';
  el('zone-card').hidden = view !== 'zone';
  el('timeline-card').hidden = view !== 'plan';
  el('schedule-card').hidden = view !== 'zone';
  map.invalidateSize();
  if (view === 'zone') {
    planGroup.remove();
    labelGroup.remove();
    drawGroup.remove();
    bankGroup.addTo(map);
    restyleBase();
    loadZoneView();
  } else {
    bankGroup.remove();
    planGroup.addTo(map);
    labelGroup.addTo(map);
    drawGroup.addTo(map);
    showLegend(null);
    restyleBase();
    if (page.plan) {
      renderPlanMap(true);
    }
    updateUrl();
  }
}

el('zone').addEventListener('change', async () => {
  await openZone(el('zone').value);
  if (page.view === 'zone') {
    loadZoneView();
  }
});
el('tab-plan').addEventListener('click', () => setView('plan'));
el('tab-zone').addEventListener('click', () => setView('zone'));

async function start() {
  showStatus('<span class="spinner"></span>加载中… <small>Loading</small>', 'busy');
  const [config, stateList, , landUses] = await Promise.all([
    getJson('api/config'), getJson('api/states'), loadZones(zones), getJson('api/land-uses'),
  ]);
  addBasemap(map, config);
  addScale(map, 'bottomright');
  for (const s of stateList) {
    states.set(s.code, s);
  }
  fillZoneSelect(el('zone'), zones);
  // Industrial and warehouse land first: what supply plans are mostly for.
  const uses = landUses.slice().sort((a, b) => (/^1[01]/.test(b.code) ? 1 : 0) - (/^1[01]/.test(a.code) ? 1 : 0));
  el('plan-land-use').innerHTML = uses.map((u) => landUseOption(u)).join('');
  el('plan-land-use').value = '100101';
  el('plan-start').value = plusMonths(todayInChina(), 6);

  const params = new URLSearchParams(location.search);
  const first = zones.has(params.get('zone')) ? params.get('zone') : zones.keys().next().value;
  await openZone(first);
  if (params.get('view') === 'zone') {
    if (params.get('block')) el('bank-block').value = params.get('block');
    setView('zone');
  } else if (params.get('plan')) {
    await openPlan(params.get('plan'));
  }
  showStatus('');
  renderSite();
  resolveReady('ready');
}

start().catch((error) => {
  showStatus('启动失败 <small>Failed to start:</small> ' + esc(error.message), 'error');
  resolveReady('failed: ' + error.message);
});
