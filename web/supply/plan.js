/*
 * LandRenew 土地更新 — the supply plan on the supply page's Plan tab: the request (the site, the area
 * needed, land use, wanted start, whole or phased, and the batching rules; POST api/supply/plans), then
 * the plan: whole-site supply against phased, its batches coloured in order on the map and in a table,
 * approval, and supplying a batch that is ready (its parcels' ledger events are written by the server).
 * The zone's plans are listed under it; one opens with a click.
 */

import { getJson, write } from '../api.js';
import { daysBetween, dayTime, esc, num, plusMonths, todayInChina } from '../format.js';
import { showStatus } from '../header.js';
import {
  batchColour, drawGroup, labelGroup, map, page, planGroup, problemHtml, showError, showLegend, updateUrl,
} from './base.js';
import { hasSite, parcelLayers, renderSite, restyleBase, showSketch, siteOfRequest } from './site.js';
import { renderTimeline } from './timeline.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

/** "code" → the plan's parcel layer. */
export const planLayers = new Map();

/** "3个月12天" style span between two days, from the calendar (not 30-day months). */
function span(fromDay, toDay) {
  let months = 0;
  while (dayTime(plusMonths(fromDay, months + 1)) <= dayTime(toDay)) {
    months++;
  }
  const days = daysBetween(plusMonths(fromDay, months), toDay);
  return (months ? months + ' 个月' : '') + (days || !months ? (months ? ' ' : '') + days + ' 天' : '');
}

// ---------------------------------------------------------------- request

async function submitPlan(event) {
  event.preventDefault();
  const request = {
    zone: page.zone.id,
    name: el('plan-name').value.trim(),
    site: siteOfRequest(),
    requiredMu: el('plan-mu').value === '' ? null : Number(el('plan-mu').value),
    landUse: el('plan-land-use').value,
    wantedStart: el('plan-start').value || null,
    mode: el('mode-whole').checked ? 'whole' : 'phased',
    maxRoadGapM: Number(el('plan-gap').value),
    minBatchMu: Number(el('plan-min').value),
    leadMonths: Number(el('plan-lead').value),
  };
  const missing = [];
  if (!hasSite()) missing.push('选址 site');
  if (!request.name) missing.push('项目名称 project');
  if (request.requiredMu === null) missing.push('用地需求 required mu');
  if (!request.wantedStart) missing.push('期望开工 wanted start');
  if (missing.length) {
    showError('plan-error', '请填写 <small>Please give:</small> ' + esc(missing.join('、')));
    return;
  }
  if (request.minBatchMu > request.requiredMu) {
    request.minBatchMu = request.requiredMu;
  }
  showError('plan-error', '');
  const button = el('plan-submit');
  button.disabled = true;
  button.innerHTML = '<span class="spinner dark"></span>计算中… <small>Planning</small>';
  try {
    const created = await write('api/supply/plans', 'POST', request);
    showPlan(created);
    await loadPlans();
  } catch (error) {
    showError('plan-error', problemHtml(error));
  } finally {
    button.disabled = false;
    button.innerHTML = '生成方案 <small>Make plan</small>';
  }
}

// ---------------------------------------------------------------- plan

/** Back to the request form: the plan leaves the map, the table and the timeline. */
export function clearPlan() {
  page.plan = null;
  planGroup.clearLayers();
  labelGroup.clearLayers();
  planLayers.clear();
  el('plan-card').hidden = true;
  el('form-card').hidden = page.view !== 'plan';
  el('supply-form').hidden = true;
  renderTimeline(null);
  showLegend(null);
  restyleBase();
  showSketch();
  updateUrl();
}

/** Shows the plan with this id. */
export async function openPlan(id) {
  try {
    showPlan(await getJson('api/supply/plans/' + enc(id)));
  } catch (error) {
    showStatus(problemHtml(error), 'error');
  }
}

function showPlan(p, options = {}) {
  page.plan = p;
  parcelLayers.forEach((layer) => layer.closeTooltip());
  el('side').scrollTop = 0;
  el('form-card').hidden = true;
  el('plan-card').hidden = page.view !== 'plan';
  drawGroup.clearLayers();
  restyleBase();
  renderPlanCard(options.notice);
  renderPlanMap(options.keepView);
  renderTimeline(p);
  markActivePlan();
  updateUrl();
}

function stateChip(state) {
  const names = { draft: '草案 Draft', approved: '已批准 Approved', supplying: '供地中 Supplying', supplied: '已供完 Supplied' };
  return '<span class="state-chip ' + esc(state) + '" id="plan-state">' + esc(names[state] || state) + '</span>';
}

function renderPlanCard(notice) {
  const p = page.plan;
  el('plan-title').innerHTML = '<span class="code">' + esc(p.code) + '</span> ' + esc(p.name) + stateChip(p.state);
  el('plan-meta').innerHTML = esc(p.landUse.code + ' ' + p.landUse.name) + '<span class="sep">·</span>需 <small>needs</small> ' +
    num(p.requiredMu, 2) + ' 亩<span class="sep">·</span>选址 <small>site</small> ' + num(p.site.area.mu, 2) + ' 亩 / ' +
    num(p.site.parcelCount, 0) + ' 宗' + (p.site.drawn ? ' <small>(绘制 drawn)</small>' : '') +
    '<br>期望开工 <small>wanted start</small> ' + esc(p.wantedStart) + '<span class="sep">·</span>道路 ≤' +
    num(p.maxRoadGapM, 0) + ' m<span class="sep">·</span>每批 ≥' + num(p.minBatchMu, 1) + ' 亩<span class="sep">·</span>' +
    '开工准备 ' + num(p.leadMonths, 0) + ' 个月' +
    '<br><span class="muted">' + esc(p.createdBy) + ' · ' + esc(String(p.createdAt).slice(0, 10)) +
    (p.approvedBy ? ' · 批准 <small>approved</small> ' + esc(p.approvedBy) + ' ' + esc(String(p.approvedAt).slice(0, 10)) : '') +
    '</span>';

  const c = p.options.comparison;
  const whole = p.options.whole.batches[0];
  const phased = p.options.phased.batches;
  const saved = c.savedDays > 0
    ? '<div class="saved" id="plan-saved" data-days="' + c.savedDays + '">分批供地首批提前 <b>' + num(c.savedDays, 0) +
      '</b> 天开工（' + esc(span(c.phasedFirstStart, c.wholeStart)) + '）<br><small>first construction ' +
      c.savedDays + ' days earlier than whole-site supply; per mu on average ' + num(c.muWeightedSavedDays, 1) +
      ' days 按面积加权 ' + num(c.muWeightedSavedDays, 1) + ' 天</small></div>'
    : '<div class="saved none" id="plan-saved" data-days="0">分批供地不能提前开工 <small>Phasing gains nothing here: ' +
      'no contiguous batch of the minimum area is ready before the rest</small></div>';
  el('plan-compare').innerHTML =
    '<div class="cmp' + (p.mode === 'whole' ? ' chosen' : '') + '" id="cmp-whole"><div class="cmp-title">整体供地 <small>Whole site' +
    (p.mode === 'whole' ? ' · chosen' : '') + '</small></div><div class="cmp-date">' + esc(whole.earliestStart) +
    '</div><div class="cmp-sub">开工 <small>start</small> · 供地 <small>supply</small> ' + esc(whole.supplyDate) + '</div></div>' +
    '<div class="cmp' + (p.mode === 'phased' ? ' chosen' : '') + '" id="cmp-phased"><div class="cmp-title">分批供地 <small>Phased' +
    (p.mode === 'phased' ? ' · chosen' : '') + '</small></div><div class="cmp-date">' + esc(c.phasedFirstStart) +
    '</div><div class="cmp-sub">首批开工 <small>first start</small> · ' + num(phased.length, 0) + ' 批 <small>batches</small>, 末批 ' +
    esc(c.phasedLastStart) + '</div></div>' + saved;

  const excluded = p.excluded || [];
  el('plan-excluded').hidden = !excluded.length;
  el('plan-excluded').innerHTML = excluded.length ? '范围内未纳入 <small>Met by the line but left out:</small> ' +
    excluded.map((x) => esc(x.code) + '（' + esc(x.reason) + '）').join('、') : '';

  const count = p.batches.length;
  const canSupply = p.state === 'approved' || p.state === 'supplying';
  el('batch-table').querySelector('tbody').innerHTML = p.batches.map((b) => {
    const colour = batchColour(b.seq, count);
    let stateHtml;
    if (b.state === 'supplied') {
      stateHtml = '<span class="batch-state supplied">已供地 ' + esc(b.suppliedOn) + '</span>';
    } else if (canSupply) {
      stateHtml = '<button type="button" class="supply-button" data-seq="' + b.seq + '"' +
        (b.ready ? '' : ' disabled title="尚未具备供地条件 not ready yet"') + '>供地 <small style="color:#e8f5e9">Supply</small></button>';
    } else {
      stateHtml = b.ready ? '<span class="batch-state">已具备 <small>ready</small></span>'
        : '<span class="batch-state wait">待 ' + esc(b.readyDate) + '</span>';
    }
    return '<tr data-seq="' + b.seq + '"><td class="text batch"><span class="swatch" style="background:' + colour + '"></span>第' +
      b.seq + '批' + (b.underMinimum ? ' <span class="flag" title="小于每批最小面积 under the minimum">小</span>' : '') +
      '</td><td>' + num(b.parcels.length, 0) + '</td><td>' + num(b.area.mu, 2) + '</td><td class="text dates">' +
      esc(b.supplyDate) + '<br><small>→ ' + esc(b.earliestStart) + '</small></td><td class="text">' + stateHtml + '</td></tr>';
  }).join('');
  for (const row of el('batch-table').querySelectorAll('tbody tr')) {
    row.addEventListener('click', (event) => {
      if (event.target.closest('.supply-button')) {
        openSupplyForm(Number(row.dataset.seq));
        return;
      }
      focusBatch(Number(row.dataset.seq));
    });
  }

  const actions = [];
  if (p.state === 'draft') {
    actions.push('<button type="button" id="plan-approve" class="primary good">批准方案 <small>Approve</small></button>');
  }
  el('plan-actions').innerHTML = actions.join('') + (notice ? '<div class="form-ok" id="plan-notice" role="status">' + notice + '</div>' : '');
  if (el('plan-approve')) {
    el('plan-approve').addEventListener('click', approvePlan);
  }
  showError('plan-action-error', '');
}

/** The plan's parcels in their batches' colours, the batch numbers, the legend; the map fits them unless keepView. */
export function renderPlanMap(keepView) {
  const plan = page.plan;
  planGroup.clearLayers();
  labelGroup.clearLayers();
  planLayers.clear();
  const count = plan.batches.length;
  if (plan.site.drawn && plan.site.geometry) {
    L.geoJSON(plan.site.geometry, { pane: 'outlines', interactive: false,
      style: { color: '#0b3d91', weight: 2, dashArray: '7 5', fill: false } }).addTo(planGroup);
  }
  const byBatch = new Map();
  for (const feature of plan.parcels.features) {
    const p = feature.properties;
    const colour = batchColour(p.batch, count);
    const layer = L.geoJSON(feature, {
      style: { color: p.batchState === 'supplied' ? '#0d47a1' : '#14253f', weight: p.batchState === 'supplied' ? 2.5 : 1.2,
        opacity: 1, fillColor: colour, fillOpacity: 0.88 },
    });
    layer.bindTooltip('<b>' + esc(p.code) + '</b><br>第' + p.batch + '批 Batch ' + p.batch + ' · ' + num(p.areaMu, 2) + ' 亩<br>' +
      (p.ready ? '已具备 ready ' : '预计 expected ') + esc(p.readyDate) +
      (p.insideShare != null && p.insideShare < 0.999 ? '<br>范围内 inside ' + num(p.insideShare * 100, 0) + '%' : ''),
    { sticky: true, className: 'parcel-tip' });
    layer.on('click', () => focusBatch(p.batch));
    layer.addTo(planGroup);
    planLayers.set(p.code, layer);
    if (!byBatch.has(p.batch)) {
      byBatch.set(p.batch, L.latLngBounds([]));
    }
    byBatch.get(p.batch).extend(layer.getBounds());
  }
  for (const [seq, bounds] of byBatch) {
    L.marker(bounds.getCenter(), { pane: 'labels', interactive: false, keyboard: false,
      icon: L.divIcon({ className: 'batch-label', iconSize: null, html: '<span>' + seq + '</span>' }) }).addTo(labelGroup);
  }
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const box = L.DomUtil.create('div', 'map-legend');
    box.id = 'batch-legend';
    box.innerHTML = '<b>供地批次 Batches</b>' + plan.batches.map((b) => '<div><span class="swatch" style="background:' +
      batchColour(b.seq, count) + '"></span>第' + b.seq + '批 ' + esc(b.supplyDate) + ' · ' + num(b.area.mu, 1) + ' 亩</div>').join('');
    return box;
  };
  showLegend(legend);
  if (!keepView && planLayers.size) {
    const bounds = L.latLngBounds([]);
    planLayers.forEach((layer) => bounds.extend(layer.getBounds()));
    map.fitBounds(bounds, { padding: [60, 60], maxZoom: 17 });
  }
}

function focusBatch(seq) {
  const plan = page.plan;
  for (const row of el('batch-table').querySelectorAll('tbody tr')) {
    row.classList.toggle('active', Number(row.dataset.seq) === seq);
  }
  const bounds = L.latLngBounds([]);
  for (const feature of plan.parcels.features) {
    const layer = planLayers.get(feature.properties.code);
    const mine = feature.properties.batch === seq;
    layer.setStyle({ weight: mine ? 3.5 : 1.2, color: mine ? '#000' : '#14253f' });
    if (mine) {
      bounds.extend(layer.getBounds());
    }
  }
  if (bounds.isValid()) {
    map.panInside(bounds.getCenter(), { padding: [80, 80] });
  }
}

async function approvePlan() {
  try {
    const approved = await write('api/supply/plans/' + page.plan.id + '/approve', 'POST', {});
    showPlan(approved, { keepView: true, notice: '方案已批准 <small>Plan approved</small>' });
    await loadPlans();
  } catch (error) {
    showError('plan-action-error', problemHtml(error));
  }
}

let supplySeq = null;

function openSupplyForm(seq) {
  supplySeq = seq;
  const batch = page.plan.batches.find((b) => b.seq === seq);
  el('supply-form-title').innerHTML = '第' + seq + '批供地 <small>Supply batch ' + seq + ':</small> ' +
    esc(batch.parcels.join('、'));
  el('supply-date').value = todayInChina();
  el('supply-date').max = todayInChina();
  el('supply-document').value = '';
  el('supply-form').hidden = false;
  showError('plan-action-error', '');
  focusBatch(seq);
}

async function confirmSupply() {
  const button = el('supply-confirm');
  button.disabled = true;
  try {
    const body = { suppliedOn: el('supply-date').value || null, documentNo: el('supply-document').value.trim() || null };
    const supplied = await write('api/supply/plans/' + page.plan.id + '/batches/' + supplySeq + '/supply', 'POST', body);
    el('supply-form').hidden = true;
    const batch = supplied.batches.find((b) => b.seq === supplySeq);
    for (const code of batch.parcels) {
      const layer = parcelLayers.get(code);
      if (layer) {
        layer.feature.properties.state = 'supplied';
      }
    }
    showPlan(supplied, { keepView: true, notice: '第' + supplySeq + '批已供地，台账已记录 <small>Batch ' + supplySeq +
      ' supplied; the ledger has its events</small>' });
    await loadPlans();
  } catch (error) {
    showError('plan-action-error', problemHtml(error));
  } finally {
    button.disabled = false;
  }
}
// ---------------------------------------------------------------- plans of the zone

/** Lists the zone's plans, the one shown marked. */
export async function loadPlans() {
  let list = [];
  try {
    list = await getJson('api/supply/plans?zone=' + enc(page.zone.id));
  } catch (error) {
    el('plans-list').innerHTML = '<li class="empty">' + problemHtml(error) + '</li>';
    return;
  }
  el('plans-list').innerHTML = list.length ? list.map((p) =>
    '<li data-id="' + p.id + '"><span class="code">' + esc(p.code) + '</span><span>' + esc(p.name) +
    ' <small>' + num(p.area.mu, 1) + ' 亩 · ' + num(p.batches, 0) + ' 批 · 首批开工 ' + esc(p.firstStart) + '</small></span>' +
    stateChip(p.state).replace(' id="plan-state"', '') + '</li>').join('')
    : '<li class="empty">尚无方案 <small>No plans yet</small></li>';
  for (const item of el('plans-list').querySelectorAll('li[data-id]')) {
    item.addEventListener('click', () => openPlan(item.dataset.id));   // the list is on the Plan tab only
  }
  markActivePlan();
}

function markActivePlan() {
  for (const item of el('plans-list').querySelectorAll('li[data-id]')) {
    item.classList.toggle('active', Boolean(page.plan) && Number(item.dataset.id) === page.plan.id);
  }
}

el('plan-form').addEventListener('submit', submitPlan);
el('plan-new').addEventListener('click', () => {
  clearPlan();
  renderSite();
});
el('supply-confirm').addEventListener('click', confirmSupply);
el('supply-cancel').addEventListener('click', () => { el('supply-form').hidden = true; });
