/*
 * LandRenew 土地更新 — phased land supply (分批次供地).
 *
 * Plan tab: the planner picks a project's site on the map (clicking free parcels, or drawing a polygon
 * with plain Leaflet clicks), gives the required area, land use, wanted start and the batching rules, and
 * asks the server for a plan (POST /api/supply/plans). The plan's batches are coloured in order on the
 * map, with a Gantt-like timeline under it (supply → earliest construction start per batch, the
 * whole-site alternative, the time saved); the planner approves the plan and supplies its batches.
 * Zone tab: the approved plans' supply by month (chart) and the land bank (土地储备库) on the map and as a
 * list. The query string holds zone, plan, view and block, so a link reopens the same view.
 *
 * For tests: window.landrenewSupply = { map, ready, parcelLayers, planLayers, bankLayers, plan(), chart() }.
 */

import { getJson, write } from './api.js';
import { showStatus } from './header.js';
import { num, esc, landUseOption, shortCode, todayInChina } from './format.js';
import {
  addBasemap, addPane, addScale, createMap, fillZoneSelect, loadZones, zoneBounds, ZONE_OUTLINE,
} from './map-setup.js';

const SITE_STATES = ['vacating', 'vacated', 'stored', 'prepared'];
const PAGE_LIMIT = 5000;
/** Batches from first to last: green (soonest) through yellow to brown (latest). */
const BATCH_RAMP = ['#1a7f37', '#5cb85c', '#b5d334', '#f2c12e', '#f08a24', '#c4501b', '#8c2d04'];

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

const dayMs = 86400000;
const time = (day) => Date.parse(day + 'T00:00:00Z');

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** yyyy-mm-dd plus n months, the day clamped to the month's end (as the server does). */
function plusMonths(day, months) {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return isoDay(target.getTime());
}

/** "3个月12天" style span between two days, from the calendar (not 30-day months). */
function span(fromDay, toDay) {
  let months = 0;
  while (time(plusMonths(fromDay, months + 1)) <= time(toDay)) {
    months++;
  }
  const days = Math.round((time(toDay) - time(plusMonths(fromDay, months))) / dayMs);
  return (months ? months + ' 个月' : '') + (days || !months ? (months ? ' ' : '') + days + ' 天' : '');
}


// ---------------------------------------------------------------- errors and status

function problemHtml(error) {
  const kind = error.status === 409 ? '无法执行 <small>Not allowed:</small> '
    : error.status === 400 ? '输入有误 <small>Invalid:</small> '
      : error.status === 404 ? '未找到 <small>Not found:</small> ' : '失败 <small>Failed:</small> ';
  return kind + esc(error.message);
}

function showError(id, html) {
  const box = el(id);
  box.innerHTML = html || '';
  box.hidden = !html;
}

// ---------------------------------------------------------------- map

const map = createMap('map', { preferCanvas: true, zoomSnap: 1 });
// One canvas for every parcel layer: the plan's and the land bank's are added after the zone's parcels,
// so they are drawn, and hit by the mouse, on top. Outlines and labels never catch the mouse.
addPane(map, 'outlines', 420);
addPane(map, 'labels', 600);

const outlines = L.layerGroup().addTo(map);
const parcelGroup = L.layerGroup().addTo(map);
const planGroup = L.layerGroup().addTo(map);
const bankGroup = L.layerGroup().addTo(map);
const labelGroup = L.layerGroup().addTo(map);
const drawGroup = L.layerGroup().addTo(map);

/** "code" → base parcel layer of the current zone. */
const parcelLayers = new Map();
/** "code" → the plan's parcel layer. */
const planLayers = new Map();
/** "code" → land-bank parcel layer. */
const bankLayers = new Map();
const states = new Map();
const zones = new Map();
let blocks = [];

let view = 'plan';
let zone = null;
let plan = null;
let siteMode = 'pick';
/** code → {code, state, areaMu, readyDate} of the picked parcels, in picking order. */
const picked = new Map();
let requiredTouched = false;
let vertices = [];
let drawnPolygon = null;
let drawing = false;
let chart = null;
let legend = null;

let resolveReady;
const ready = new Promise((resolve) => { resolveReady = resolve; });

window.landrenewSupply = { map, ready, parcelLayers, planLayers, bankLayers, plan: () => plan, chart: () => chart, picked };

function batchColour(seq, count) {
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

const FADED = { color: '#90a4ae', weight: 0.5, opacity: 0.6, fillColor: '#cfd8dc', fillOpacity: 0.35 };

function baseStyle(p) {
  if (view === 'zone' || plan) {
    return FADED;
  }
  if (picked.has(p.code)) {
    const s = states.get(p.state);
    return { color: '#0b3d91', weight: 3, opacity: 1, fillColor: s ? s.colour : '#1e88e5', fillOpacity: 0.85 };
  }
  if (SITE_STATES.includes(p.state)) {
    const s = states.get(p.state);
    return { color: '#37474f', weight: 0.8, opacity: 0.8, fillColor: s ? s.colour : '#bdbdbd', fillOpacity: 0.7 };
  }
  return FADED;
}

function restyleBase() {
  for (const layer of parcelLayers.values()) {
    layer.setStyle(baseStyle(layer.feature.properties));
  }
}

function parcelTip(p) {
  const s = states.get(p.state);
  return '<b>' + esc(p.code) + '</b><br>' + esc(s ? s.nameZh + ' ' + s.nameEn : p.state) + ' · ' +
    num(p.areaMu, 2) + ' 亩' + (p.block ? '<br><span class="muted">' + esc(p.block) + '</span>' : '');
}

function addBaseParcels(features) {
  for (const feature of features) {
    const p = feature.properties;
    if (parcelLayers.has(p.code) || !feature.geometry) {
      continue;
    }
    const layer = L.GeoJSON.geometryToLayer(feature, baseStyle(p));
    layer.feature = feature;
    layer.bindTooltip(() => parcelTip(p), { sticky: true, direction: 'top', offset: [0, -8], className: 'parcel-tip' });
    layer.on('click', () => clickParcel(p));
    parcelLayers.set(p.code, layer);
    parcelGroup.addLayer(layer);
  }
}

async function loadZoneParcels(z) {
  const [w, s, e, n] = z.bbox;
  const bbox = [w, s, e, n].map((v) => v.toFixed(6)).join(',');
  let offset = 0;
  for (let page = 0; page < 10; page++) {
    const collection = await getJson('api/parcels?zone=' + enc(z.id) + '&bbox=' + bbox + '&limit=' + PAGE_LIMIT +
      '&offset=' + offset);
    addBaseParcels(collection.features || []);
    offset += collection.numberReturned;
    if (!collection.numberReturned || offset >= collection.numberMatched) {
      break;
    }
  }
}

async function openZone(code, options = {}) {
  zone = zones.get(code);
  el('zone').value = code;
  el('audit-link').href = 'audit.html?zone=' + enc(code);
  el('map-link').href = './';
  parcelGroup.clearLayers();
  parcelLayers.clear();
  outlines.clearLayers();
  clearPlan();
  clearSite();
  L.geoJSON(zone.geometry, { pane: 'outlines', interactive: false, style: ZONE_OUTLINE }).addTo(outlines);
  if (!options.keepView) {
    map.fitBounds(zoneBounds(zone), { padding: [20, 20] });
  }
  showStatus('<span class="spinner"></span>加载宗地… <small>Loading parcels</small>', 'busy');
  const [blockCollection] = await Promise.all([getJson('api/zones/' + enc(code) + '/blocks'), loadZoneParcels(zone)]);
  blocks = blockCollection.features || [];
  for (const block of blocks) {
    L.geoJSON(block.geometry, { pane: 'outlines', interactive: false,
      style: { color: '#37474f', weight: 1.2, opacity: 0.8, dashArray: '6 4', fill: false } }).addTo(outlines);
  }
  el('bank-block').innerHTML = '<option value="">全部区块 All blocks</option>' + blocks.map((b) =>
    '<option value="' + esc(b.properties.code) + '">' + esc(b.properties.name) + '</option>').join('');
  showStatus('');
  await loadPlans();
}

// ---------------------------------------------------------------- site: picking

function clickParcel(p) {
  if (view !== 'plan' || plan || siteMode !== 'pick' || drawing) {
    return;
  }
  if (!SITE_STATES.includes(p.state)) {
    const s = states.get(p.state);
    showStatus('不可供宗地 <small>Not free land:</small> ' + esc(p.code) + ' · ' + esc(s ? s.nameZh : p.state), 'error');
    return;
  }
  showStatus('');
  if (picked.has(p.code)) {
    picked.delete(p.code);
  } else {
    picked.set(p.code, { code: p.code, state: p.state, areaMu: p.areaMu, readyDate: undefined });
    loadReadiness(p.code);
  }
  const layer = parcelLayers.get(p.code);
  if (layer) {
    layer.setStyle(baseStyle(p));
  }
  renderSite();
}

async function loadReadiness(code) {
  try {
    const readiness = await getJson('api/parcels/' + enc(zone.id) + '/' + enc(code) + '/readiness');
    const entry = picked.get(code);
    if (entry) {
      entry.readyDate = readiness.readyDate;
      entry.ready = readiness.ready;
      renderSite();
    }
  } catch (ignored) {
    // the list shows no date
  }
}

function siteMu() {
  let sum = 0;
  for (const p of picked.values()) {
    sum += Number(p.areaMu) || 0;
  }
  return sum;
}

function renderSite() {
  const list = el('site-list');
  if (siteMode === 'draw') {
    list.innerHTML = '';
    el('site-summary').innerHTML = drawnPolygon
      ? '已绘制范围 <b>' + num(vertices.length, 0) + '</b> 个顶点 <small>site drawn, corners</small>'
      : drawing ? '绘制中… <small>Drawing</small>' : '未绘制范围 <small>No site drawn</small>';
    return;
  }
  if (!picked.size) {
    el('site-summary').innerHTML = '未选宗地 <small>No parcels picked</small>';
    list.innerHTML = '';
    return;
  }
  el('site-summary').innerHTML = '已选 <b id="site-count">' + num(picked.size, 0) + '</b> 宗 · <b id="site-mu">' +
    num(siteMu(), 2) + '</b> 亩 <small>parcels picked</small>';
  list.innerHTML = [...picked.values()].map((p) => {
    const s = states.get(p.state);
    const readyText = p.readyDate === undefined ? '…'
      : !p.readyDate ? '<span class="flag">无条件记录 no facts</span>'
        : (p.ready ? '已具备 ' : '预计 ') + esc(p.readyDate);
    return '<li data-code="' + esc(p.code) + '"><span class="code" title="' + esc(s ? s.nameZh : p.state) + '">' +
      '<span class="swatch" style="background:' + esc(s ? s.colour : '#bdbdbd') + '"></span>' + esc(p.code) + '</span>' +
      '<span class="ready muted">' + readyText + '</span><span class="mu">' + num(p.areaMu, 2) + '</span>' +
      '<button type="button" title="移出 Remove" aria-label="移出 Remove">×</button></li>';
  }).join('');
  for (const item of list.querySelectorAll('li')) {
    item.querySelector('button').addEventListener('click', () => {
      const layer = parcelLayers.get(item.dataset.code);
      clickParcel(layer ? layer.feature.properties : { code: item.dataset.code, state: 'stored' });
    });
  }
  if (!requiredTouched) {
    el('plan-mu').value = Math.floor(siteMu());
  }
}

function clearSite() {
  picked.clear();
  vertices = [];
  drawnPolygon = null;
  stopDrawing();
  drawGroup.clearLayers();
  restyleBase();
  renderSite();
}

// ---------------------------------------------------------------- site: drawing

let rubber = null;

function setSiteMode(mode) {
  siteMode = mode;
  el('pick-hint').hidden = mode !== 'pick';
  el('draw-hint').hidden = mode !== 'draw';
  el('draw-actions').hidden = mode !== 'draw';
  if (mode === 'draw') {
    picked.clear();
    restyleBase();
    startDrawing();
  } else {
    vertices = [];
    drawnPolygon = null;
    stopDrawing();
    drawGroup.clearLayers();
  }
  renderSite();
}

function startDrawing() {
  vertices = [];
  drawnPolygon = null;
  drawGroup.clearLayers();
  drawing = true;
  map.doubleClickZoom.disable();
  el('map').classList.add('drawing');
  el('draw-status').textContent = '';
}

function stopDrawing() {
  drawing = false;
  map.doubleClickZoom.enable();
  el('map').classList.remove('drawing');
  if (rubber) {
    rubber.remove();
    rubber = null;
  }
}

function redrawSketch() {
  drawGroup.clearLayers();
  if (drawnPolygon) {
    L.polygon(vertices, { color: '#0b3d91', weight: 2.5, dashArray: '7 5', fillColor: '#2f6fd0', fillOpacity: 0.12,
      interactive: false }).addTo(drawGroup);
    return;
  }
  if (vertices.length > 1) {
    L.polyline(vertices, { color: '#0b3d91', weight: 2.5, interactive: false }).addTo(drawGroup);
  }
  vertices.forEach((v, i) => {
    const marker = L.circleMarker(v, { radius: i === 0 ? 7 : 5, color: '#0b3d91', weight: 2, fillColor: '#fff',
      fillOpacity: 1, className: 'vertex', bubblingMouseEvents: false }).addTo(drawGroup);
    if (i === 0) {
      marker.on('click', finishDrawing);
    }
  });
}

map.on('click', (event) => {
  if (!drawing) {
    return;
  }
  const last = vertices[vertices.length - 1];
  // The second click of a double-click lands on the corner just placed: not a new corner.
  if (last && map.latLngToContainerPoint(last).distanceTo(event.containerPoint) < 4) {
    return;
  }
  vertices.push(event.latlng);
  redrawSketch();
  el('draw-status').textContent = vertices.length + ' 个顶点 corners';
});

map.on('dblclick', () => {
  if (drawing) {
    finishDrawing();
  }
});

map.on('mousemove', (event) => {
  if (!drawing || !vertices.length) {
    return;
  }
  const line = [vertices[vertices.length - 1], event.latlng];
  if (rubber) {
    rubber.setLatLngs(line);
  } else {
    rubber = L.polyline(line, { color: '#0b3d91', weight: 1.5, dashArray: '4 4', interactive: false }).addTo(map);
  }
});

function finishDrawing() {
  if (!drawing) {
    return;
  }
  if (vertices.length < 3) {
    el('draw-status').textContent = '至少 3 个顶点 at least 3 corners';
    return;
  }
  stopDrawing();
  drawnPolygon = {
    type: 'Polygon',
    coordinates: [[...vertices, vertices[0]].map((v) => [Number(v.lng.toFixed(7)), Number(v.lat.toFixed(7))])],
  };
  redrawSketch();
  el('draw-status').textContent = '';
  renderSite();
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && drawing) {
    startDrawing();
    renderSite();
  }
});

// ---------------------------------------------------------------- request

async function submitPlan(event) {
  event.preventDefault();
  const request = {
    zone: zone.id,
    name: el('plan-name').value.trim(),
    site: siteMode === 'draw' ? { polygon: drawnPolygon } : { parcels: [...picked.keys()] },
    requiredMu: el('plan-mu').value === '' ? null : Number(el('plan-mu').value),
    landUse: el('plan-land-use').value,
    wantedStart: el('plan-start').value || null,
    mode: el('mode-whole').checked ? 'whole' : 'phased',
    maxRoadGapM: Number(el('plan-gap').value),
    minBatchMu: Number(el('plan-min').value),
    leadMonths: Number(el('plan-lead').value),
  };
  const missing = [];
  if (siteMode === 'draw' ? !drawnPolygon : !picked.size) missing.push('选址 site');
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

function clearPlan() {
  plan = null;
  planGroup.clearLayers();
  labelGroup.clearLayers();
  planLayers.clear();
  el('plan-card').hidden = true;
  el('form-card').hidden = view !== 'plan';
  el('supply-form').hidden = true;
  renderTimeline(null);
  if (legend) {
    legend.remove();
    legend = null;
  }
  restyleBase();
  if (drawnPolygon) {
    redrawSketch();
  }
  updateUrl();
}

async function openPlan(id) {
  try {
    showPlan(await getJson('api/supply/plans/' + enc(id)));
  } catch (error) {
    showStatus(problemHtml(error), 'error');
  }
}

function showPlan(p, options = {}) {
  plan = p;
  parcelLayers.forEach((layer) => layer.closeTooltip());
  el('side').scrollTop = 0;
  el('form-card').hidden = true;
  el('plan-card').hidden = view !== 'plan';
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
  const p = plan;
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

function renderPlanMap(keepView) {
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
  if (legend) {
    legend.remove();
  }
  legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const box = L.DomUtil.create('div', 'map-legend');
    box.id = 'batch-legend';
    box.innerHTML = '<b>供地批次 Batches</b>' + plan.batches.map((b) => '<div><span class="swatch" style="background:' +
      batchColour(b.seq, count) + '"></span>第' + b.seq + '批 ' + esc(b.supplyDate) + ' · ' + num(b.area.mu, 1) + ' 亩</div>').join('');
    return box;
  };
  legend.addTo(map);
  if (!keepView && planLayers.size) {
    const bounds = L.latLngBounds([]);
    planLayers.forEach((layer) => bounds.extend(layer.getBounds()));
    map.fitBounds(bounds, { padding: [60, 60], maxZoom: 17 });
  }
}

function focusBatch(seq) {
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
    const approved = await write('api/supply/plans/' + plan.id + '/approve', 'POST', {});
    showPlan(approved, { keepView: true, notice: '方案已批准 <small>Plan approved</small>' });
    await loadPlans();
  } catch (error) {
    showError('plan-action-error', problemHtml(error));
  }
}

let supplySeq = null;

function openSupplyForm(seq) {
  supplySeq = seq;
  const batch = plan.batches.find((b) => b.seq === seq);
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
    const supplied = await write('api/supply/plans/' + plan.id + '/batches/' + supplySeq + '/supply', 'POST', body);
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

// ---------------------------------------------------------------- timeline (Gantt)

function renderTimeline(p) {
  const box = el('timeline');
  if (!p) {
    box.innerHTML = '<div class="timeline-empty muted">生成方案后显示 <small>Shown once a plan is made</small></div>';
    el('timeline-note').textContent = '';
    return;
  }
  const today = todayInChina();
  const whole = p.options.whole.batches[0];
  const c = p.options.comparison;
  const days = [today, p.wantedStart, whole.supplyDate, whole.earliestStart];
  for (const b of p.batches) {
    days.push(b.supplyDate, b.earliestStart);
    if (b.suppliedOn) days.push(b.suppliedOn);
  }
  const sorted = days.map(time).sort((a, b) => a - b);
  // Room on the right for the last start's date label.
  const t0 = sorted[0] - 20 * dayMs;
  const t1 = sorted[sorted.length - 1] + Math.max(45 * dayMs, (sorted[sorted.length - 1] - sorted[0]) * 0.14);
  const pct = (day) => ((time(day) - t0) / (t1 - t0) * 100).toFixed(3) + '%';
  const widthPct = (a, b) => (Math.max(time(b) - time(a), 0) / (t1 - t0) * 100).toFixed(3) + '%';

  const months = (t1 - t0) / (30.44 * dayMs);
  const step = months > 96 ? 12 : months > 48 ? 6 : months > 24 ? 3 : months > 14 ? 2 : 1;
  let ticks = '';
  const first = new Date(t0);
  for (let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)); d.getTime() < t1;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    const m = d.getUTCMonth();
    if (m % step !== 0) continue;
    const day = isoDay(d.getTime());
    ticks += '<div class="tl-tick' + (m === 0 ? ' year' : '') + '" style="left:' + pct(day) + '"><span>' +
      (m === 0 ? d.getUTCFullYear() : (m + 1) + '月') + '</span></div>';
  }

  const count = p.batches.length;
  let rows = '<div class="tl-axis"><div class="tl-label muted">批次 <small>Batch</small></div><div class="tl-track">' + ticks + '</div></div>';
  for (const b of p.batches) {
    const from = b.suppliedOn || b.supplyDate;
    const colour = batchColour(b.seq, count);
    rows += '<div class="tl-row" data-seq="' + b.seq + '"><div class="tl-label"><span class="swatch" style="background:' + colour +
      '"></span>第' + b.seq + '批 · ' + num(b.area.mu, 1) + ' 亩' + (b.state === 'supplied' ? ' ✓' : '') + '</div>' +
      '<div class="tl-track">' + ticks.replace(/<span>.*?<\/span>/g, '') +
      '<div class="tl-bar' + (b.state === 'supplied' ? ' supplied' : '') + '" style="left:' + pct(from) + ';width:' +
      widthPct(from, b.earliestStart) + ';background-color:' + colour + '" title="供地 supply ' + esc(from) + ' → 可开工 start ' +
      esc(b.earliestStart) + '"></div>' +
      '<div class="tl-start" style="left:' + pct(b.earliestStart) + '"></div>' +
      '<div class="tl-start-label" style="left:' + pct(b.earliestStart) + '">' + esc(b.earliestStart) + '</div></div></div>';
  }
  rows += '<div class="tl-row whole" data-seq="whole"><div class="tl-label">整体供地 <small>Whole site · ' + num(p.site.area.mu, 1) +
    ' 亩</small></div><div class="tl-track">' + ticks.replace(/<span>.*?<\/span>/g, '') +
    '<div class="tl-bar" style="left:' + pct(whole.supplyDate) + ';width:' + widthPct(whole.supplyDate, whole.earliestStart) +
    ';background-color:#9e9e9e" title="整体供地 whole site ' + esc(whole.supplyDate) + ' → ' + esc(whole.earliestStart) + '"></div>' +
    '<div class="tl-start" style="left:' + pct(whole.earliestStart) + '"></div>' +
    '<div class="tl-start-label" style="left:' + pct(whole.earliestStart) + '">' + esc(whole.earliestStart) + '</div></div></div>';
  if (c.savedDays > 0) {
    rows += '<div class="tl-row saved-row"><div class="tl-label">提前开工 <small>Time saved</small></div><div class="tl-track">' +
      '<div class="tl-saved" style="left:' + pct(c.phasedFirstStart) + ';width:' + widthPct(c.phasedFirstStart, c.wholeStart) +
      '"></div><div class="tl-saved-label" style="left:' + pct(c.phasedFirstStart) + '">' + num(c.savedDays, 0) +
      ' 天 days</div></div></div>';
  }
  rows += '<div class="tl-foot"></div>';
  const lines = '<div class="tl-lines">' +
    '<div class="tl-line today" style="left:' + pct(today) + '"><span>今天 today</span></div>' +
    '<div class="tl-line wanted" style="left:' + pct(p.wantedStart) + '"><span>期望开工 wanted</span></div></div>';
  box.innerHTML = rows + lines;
  el('timeline-note').innerHTML = '条形：供地 → 可开工（+' + num(p.leadMonths, 0) + ' 个月）<small>bar: supply → earliest start</small>';
}

// ---------------------------------------------------------------- plans of the zone

async function loadPlans() {
  let list = [];
  try {
    list = await getJson('api/supply/plans?zone=' + enc(zone.id));
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
    item.addEventListener('click', () => {
      if (view !== 'plan') {
        setView('plan');
      }
      openPlan(item.dataset.id);
    });
  }
  markActivePlan();
}

function markActivePlan() {
  for (const item of el('plans-list').querySelectorAll('li[data-id]')) {
    item.classList.toggle('active', Boolean(plan) && Number(item.dataset.id) === plan.id);
  }
}

// ---------------------------------------------------------------- zone view: schedule and land bank

function readinessColour(p, today) {
  if (!p.readyDate) return '#9e9e9e';
  if (p.ready) return '#1a7f37';
  const days = (time(p.readyDate) - time(today)) / dayMs;
  return days <= 183 ? '#b5d334' : days <= 366 ? '#f2c12e' : '#f08a24';
}

async function loadZoneView() {
  const block = el('bank-block').value;
  const query = 'zone=' + enc(zone.id) + (block ? '&block=' + enc(block) : '');
  showStatus('<span class="spinner"></span>加载中… <small>Loading</small>', 'busy');
  let bank;
  let schedule;
  try {
    [bank, schedule] = await Promise.all([getJson('api/supply/land-bank?' + query), getJson('api/supply/schedule?' + query)]);
  } catch (error) {
    showStatus(problemHtml(error), 'error');
    return;
  }
  showStatus('');
  renderBank(bank);
  renderSchedule(schedule);
  updateUrl();
}

function renderBank(bank) {
  const today = todayInChina();
  bankGroup.clearLayers();
  bankLayers.clear();
  el('bank-summary').innerHTML =
    '<div class="cmp">储备 <small>in the bank</small><br><b id="bank-mu">' + num(bank.area.mu, 1) + '</b> 亩 · ' +
    num(bank.numberMatched, 0) + ' 宗</div>' +
    '<div class="cmp">已具备供地条件 <small>ready now</small><br><b id="bank-ready-mu">' + num(bank.ready.area.mu, 1) +
    '</b> 亩 · ' + num(bank.ready.count, 0) + ' 宗</div>';
  const blockNames = new Map(blocks.map((b) => [b.properties.code, b.properties.name]));
  el('bank-table').querySelector('tbody').innerHTML = bank.features.map((f) => {
    const p = f.properties;
    const s = states.get(p.state);
    return '<tr data-code="' + esc(p.code) + '" title="' + esc(p.code) + '"><td class="text code"><span class="swatch" style="background:' +
      esc(s ? s.colour : '#bdbdbd') + '" title="' + esc(s ? s.nameZh + ' ' + s.nameEn : p.state) + '"></span>' +
      esc(shortCode(p.code)) + '</td><td class="text block-name">' + esc(blockNames.get(p.block) || p.block || '—') + '</td><td>' +
      num(p.areaMu, 2) + '</td><td class="text"><span class="swatch" style="background:' + readinessColour(p, today) + '"></span>' +
      (p.readyDate ? (p.ready ? '✓ ' : '') + esc(p.readyDate) : '<span class="muted">未登记</span>') + '</td></tr>';
  }).join('') || '<tr><td class="text muted" colspan="4">储备库为空 <small>The land bank is empty</small></td></tr>';
  for (const feature of bank.features) {
    const p = feature.properties;
    const layer = L.geoJSON(feature, {
      style: { color: '#14253f', weight: 1, opacity: 1, fillColor: readinessColour(p, today), fillOpacity: 0.85 } });
    layer.bindTooltip('<b>' + esc(p.code) + '</b><br>' + num(p.areaMu, 2) + ' 亩 · ' +
      (p.readyDate ? (p.ready ? '已具备 ready ' : '预计 expected ') + esc(p.readyDate) : '未登记 no facts'),
    { sticky: true, className: 'parcel-tip' });
    layer.addTo(bankGroup);
    bankLayers.set(p.code, layer);
  }
  for (const row of el('bank-table').querySelectorAll('tbody tr[data-code]')) {
    row.addEventListener('click', () => {
      const layer = bankLayers.get(row.dataset.code);
      for (const other of el('bank-table').querySelectorAll('tbody tr')) other.classList.remove('active');
      row.classList.add('active');
      if (layer) {
        map.flyToBounds(layer.getBounds(), { maxZoom: 17, duration: 0.6 });
        layer.openTooltip(layer.getBounds().getCenter());
      }
    });
  }
  if (legend) {
    legend.remove();
  }
  legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const box = L.DomUtil.create('div', 'map-legend');
    box.id = 'bank-legend';
    box.innerHTML = '<b>土地储备库 Land bank</b>' + [['#1a7f37', '已具备 ready now'], ['#b5d334', '半年内 within 6 months'],
      ['#f2c12e', '一年内 within a year'], ['#f08a24', '一年以上 later'], ['#9e9e9e', '未登记 no facts']]
      .map(([c, t]) => '<div><span class="swatch" style="background:' + c + '"></span>' + t + '</div>').join('');
    return box;
  };
  legend.addTo(map);
  if (bankLayers.size) {
    const bounds = L.latLngBounds([]);
    bankLayers.forEach((layer) => bounds.extend(layer.getBounds()));
    map.fitBounds(bounds, { padding: [40, 40], maxZoom: 17 });
  }
}

function renderSchedule(schedule) {
  const months = schedule.months || [];
  el('schedule-empty').hidden = months.length > 0;
  el('schedule-chart').style.visibility = months.length ? 'visible' : 'hidden';
  el('schedule-note').innerHTML = '已供 <small>supplied</small> ' + num(schedule.suppliedMu, 1) + ' 亩 · 计划 <small>planned</small> ' +
    num(schedule.plannedMu, 1) + ' 亩 · ' + num((schedule.plans || []).length, 0) + ' 个方案 <small>plans</small>';
  const data = {
    labels: months.map((m) => m.month),
    datasets: [
      { label: '已供地 Supplied', data: months.map((m) => Number(m.suppliedMu)), backgroundColor: '#1e88e5', stack: 'mu',
        maxBarThickness: 48 },
      { label: '计划供地 Planned', data: months.map((m) => Number(m.plannedMu)), backgroundColor: '#90caf9', stack: 'mu',
        maxBarThickness: 48 },
    ],
  };
  if (chart) {
    chart.data = data;
    chart.update();
    return;
  }
  chart = new Chart(el('schedule-chart'), {
    type: 'bar',
    data,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: '亩 mu' } },
      },
      plugins: {
        legend: { position: 'top', align: 'end' },
        tooltip: {
          callbacks: {
            footer: (items) => {
              const m = months[items[0].dataIndex];
              return (m.batches || []).map((b) => b.plan + ' 第' + b.seq + '批 ' + num(b.mu, 1) + ' 亩').join('\n');
            },
          },
        },
      },
    },
  });
}

// ---------------------------------------------------------------- views and URL

function setView(next) {
  view = next;
  el('tab-plan').setAttribute('aria-selected', String(view === 'plan'));
  el('tab-zone').setAttribute('aria-selected', String(view === 'zone'));
  el('form-card').hidden = view !== 'plan' || Boolean(plan);
  el('plan-card').hidden = view !== 'plan' || !plan;
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
    if (legend) {
      legend.remove();
      legend = null;
    }
    restyleBase();
    if (plan) {
      renderPlanMap(true);
    }
    updateUrl();
  }
}

function updateUrl() {
  if (!zone) {
    return;
  }
  const params = new URLSearchParams();
  params.set('zone', zone.id);
  if (view === 'zone') {
    params.set('view', 'zone');
    if (el('bank-block').value) params.set('block', el('bank-block').value);
  } else if (plan) {
    params.set('plan', plan.id);
  }
  history.replaceState(null, '', location.pathname + '?' + params.toString());
}

// ---------------------------------------------------------------- start

el('zone').addEventListener('change', async () => {
  await openZone(el('zone').value);
  if (view === 'zone') {
    loadZoneView();
  }
});
el('tab-plan').addEventListener('click', () => setView('plan'));
el('tab-zone').addEventListener('click', () => setView('zone'));
el('site-pick').addEventListener('change', () => setSiteMode('pick'));
el('site-draw').addEventListener('change', () => setSiteMode('draw'));
el('draw-finish').addEventListener('click', finishDrawing);
el('draw-clear').addEventListener('click', () => {
  startDrawing();
  renderSite();
});
el('plan-mu').addEventListener('input', () => { requiredTouched = el('plan-mu').value !== ''; });
el('plan-form').addEventListener('submit', submitPlan);
el('plan-new').addEventListener('click', () => {
  clearPlan();
  renderSite();
});
el('supply-confirm').addEventListener('click', confirmSupply);
el('supply-cancel').addEventListener('click', () => { el('supply-form').hidden = true; });
el('bank-block').addEventListener('change', loadZoneView);

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
