/*
 * LandRenew 土地更新 — the land finder (一键找地) on the map page.
 *
 * An enterprise states what it needs (area in mu, land use, zone and block, ready by, near a port, a
 * motorway exit or a clicked point, and what it commits to under the zone's standard-land conditions)
 * and gets the available land ranked (GET /api/finder): single parcels and combined sites of neighbouring
 * parcels. Results are listed and outlined on the map; clicking one flies the map to it and opens its
 * card, with a 3D view and a form to register interest (POST /api/parcels/{zone}/{code}/interests).
 * The parcel panel gets a section of its own for signed-in users: availability, readiness, the
 * standard-land conditions, the interests registered (for staff), the same form (for planners and
 * enterprise users, who register as the enterprise of their account) and the 3D button.
 *
 * For tests: window.landrenew.finder = { results, open, search }, set by map.js.
 */

import { answer, getJson, me, send } from '../api.js';
import { num, esc, DASH, todayInChina, recordedTime } from '../format.js';
import { addPane, fillZoneSelect, loadBlocks } from '../map-setup.js';
import { map, ready, zones } from './base.js';
import { selectParcel } from './panel.js';

const enc = encodeURIComponent;
const el = (id) => document.getElementById(id);

const USES = [
  ['1001', '工业用地（任意类）', 'Industrial, any class'],
  ['100101', '一类工业用地', 'Class 1 industrial'],
  ['100102', '二类工业用地', 'Class 2 industrial'],
  ['100103', '三类工业用地', 'Class 3 industrial'],
  ['1101', '物流仓储用地', 'Logistics and warehousing'],
  ['', '不限', 'Any use'],
];
const FOCUS_MAX_ZOOM = 17;
const RESULT_COLOUR = '#ef6c00';
const SELECTED_COLOUR = '#0d47a1';

// ---------------------------------------------------------------- panel

const panel = document.createElement('aside');
panel.id = 'finder-panel';
panel.hidden = true;
panel.setAttribute('aria-labelledby', 'finder-title');
panel.innerHTML =
  '<div class="finder-head"><h1 id="finder-title">一键找地 <small>Find land</small></h1>' +
  '<button type="button" id="finder-close" class="panel-close" title="关闭 Close" aria-label="关闭 Close">&times;</button></div>' +
  '<form id="finder-form" class="finder-form transition-form" novalidate autocomplete="off">' +
  '<div class="field-pair">' +
  '<label class="field"><span>面积下限 <small>Min, mu</small></span><input id="finder-min-mu" name="minMu" type="number" min="0" step="any" inputmode="decimal" placeholder="亩"></label>' +
  '<label class="field"><span>面积上限 <small>Max, mu</small></span><input id="finder-max-mu" name="maxMu" type="number" min="0" step="any" inputmode="decimal" placeholder="亩"></label>' +
  '</div>' +
  '<label class="field"><span>用地类型 <small>Land use</small></span><select id="finder-use" name="use">' +
  USES.map(([code, zh, en]) => '<option value="' + code + '">' + (code ? code + ' ' : '') + zh + ' · ' + en + '</option>').join('') +
  '</select></label>' +
  '<div class="field-pair">' +
  '<label class="field"><span>开发区 <small>Zone</small></span><select id="finder-zone" name="zone"></select></label>' +
  '<label class="field"><span>区块 <small>Block</small></span><select id="finder-block" name="block"><option value="">全部 All</option></select></label>' +
  '</div>' +
  '<label class="field"><span>最晚具备供地条件 <small>Ready by</small></span><input id="finder-ready-by" name="readyBy" type="date"></label>' +
  '<div class="field-pair">' +
  '<label class="field"><span>临近 <small>Near</small></span><select id="finder-near" name="near"><option value="">不限 Anywhere</option></select></label>' +
  '<label class="field"><span>最远距离 <small>Within, m</small></span><input id="finder-max-distance" name="maxDistance" type="number" min="0" step="100" inputmode="numeric" placeholder="米 m"></label>' +
  '</div>' +
  '<div id="finder-near-note" class="muted finder-note" hidden></div>' +
  '<details class="finder-needs" id="finder-needs"><summary>标准地承诺 <small>Standard-land commitments</small></summary>' +
  '<p class="muted finder-note">只显示您能满足其标准地条件的地块 <small>Only land whose conditions you can meet</small></p>' +
  '<div class="field-pair">' +
  '<label class="field"><span>投资强度 <small>万元/亩</small></span><input id="finder-investment" name="investment" type="number" min="0" step="any" inputmode="decimal"></label>' +
  '<label class="field"><span>亩均税收 <small>万元/亩·年</small></span><input id="finder-tax" name="tax" type="number" min="0" step="any" inputmode="decimal"></label>' +
  '</div><div class="field-pair">' +
  '<label class="field"><span>容积率 <small>FAR</small></span><input id="finder-far" name="far" type="number" min="0" step="0.1" inputmode="decimal"></label>' +
  '<label class="field"><span>单位产值能耗 <small>tce/万元</small></span><input id="finder-energy" name="energy" type="number" min="0" step="0.01" inputmode="decimal"></label>' +
  '</div>' +
  '<label class="field"><span>排放水平 <small>Emissions</small></span><select id="finder-emission" name="emission"><option value="">不限 Not stated</option></select></label>' +
  '</details>' +
  '<div class="field-pair finder-combine">' +
  '<label class="check"><input id="finder-combine" name="combine" type="checkbox" checked> 组合相邻地块 <small>Combine neighbours</small></label>' +
  '<label class="field"><span>跨越道路 ≤ <small>road, m</small></span><input id="finder-max-road" name="maxRoad" type="number" min="0" max="60" step="1" value="15"></label>' +
  '</div>' +
  '<div class="form-error" id="finder-error" role="alert" hidden></div>' +
  '<div class="form-actions"><button type="submit" id="finder-search" class="primary">查找 <small>Search</small></button>' +
  '<button type="button" id="finder-clear" class="link-button">清除结果 <small>Clear</small></button></div>' +
  '</form>' +
  '<section id="finder-results" class="finder-results" aria-live="polite"></section>';
document.body.appendChild(panel);

const toggle = el('finder-toggle');
const picker = document.createElement('div');
picker.id = 'finder-picker';
picker.hidden = true;
picker.innerHTML = '<span>在地图上点选位置 <small>Click a point on the map · Esc to cancel</small></span>';
map.getContainer().appendChild(picker);

function openPanel(open) {
  panel.hidden = !open;
  toggle.setAttribute('aria-expanded', String(open));
  toggle.classList.toggle('active', open);
  document.body.classList.toggle('finder-open', open);
  // The legend moves beside the panel; folded, it leaves the map to the results.
  const legend = document.getElementById('legend');
  if (open && legend && !legend.classList.contains('collapsed')) {
    legend.querySelector('.legend-toggle').click();
  }
  if (open) {
    syncZone();
  }
}

toggle.addEventListener('click', () => openPanel(panel.hidden));
el('finder-close').addEventListener('click', () => openPanel(false));

// ---------------------------------------------------------------- map layers

addPane(map, 'finder', 435);
addPane(map, 'finder-labels', 640);   // ranks above the block labels (600)
const resultLayer = L.layerGroup().addTo(map);
let nearMarker = null;

// ---------------------------------------------------------------- form choices

let lastZone = null;

function syncZone() {
  const current = el('zone-select').value;
  const select = el('finder-zone');
  if (!select.options.length) {
    fillZoneSelect(select, zones);
  }
  if (lastZone === null && current) {
    select.value = current;
  }
  if (select.value !== lastZone) {
    lastZone = select.value;
    loadZoneChoices(select.value);
  }
}

el('finder-zone').addEventListener('change', () => syncZone());

async function loadZoneChoices(zone) {
  const [blocks, places] = await Promise.all([
    loadBlocks(zone), getJson('api/places?zone=' + enc(zone))]);
  if (zone !== lastZone) {
    return;
  }
  el('finder-block').innerHTML = '<option value="">全部 All</option>' + blocks.features.map((b) =>
    '<option value="' + esc(b.properties.code) + '">' + esc(b.properties.name) + '</option>').join('');
  el('finder-near').innerHTML = '<option value="">不限 Anywhere</option>' + places.features.map((p) =>
    '<option value="' + p.geometry.coordinates.map((c) => c.toFixed(7)).join(',') + '" data-name="' +
    esc(p.properties.name) + '">' + esc(p.properties.name) + '</option>').join('') +
    '<option value="pick">地图选点… <small>Pick on map</small></option>';
  setNear(null);
}

async function loadEmissionStandards() {
  const list = await getJson('api/emission-standards');
  el('finder-emission').innerHTML = '<option value="">不限 Not stated</option>' + list.map((s) =>
    '<option value="' + esc(s.code) + '">' + esc(s.nameZh + ' · ' + s.nameEn) + '</option>').join('');
}

// ---------------------------------------------------------------- near: a place or a clicked point

let picked = null;

el('finder-near').addEventListener('change', (event) => {
  if (event.target.value === 'pick') {
    picker.hidden = false;
  } else {
    picker.hidden = true;
    const option = event.target.selectedOptions[0];
    setNear(event.target.value ? { lonLat: event.target.value.split(',').map(Number), name: option.dataset.name } : null);
  }
});

picker.addEventListener('click', (event) => {
  const latLng = map.mouseEventToLatLng(event);
  picker.hidden = true;
  picked = [latLng.lng, latLng.lat];
  const select = el('finder-near');
  let option = select.querySelector('option[data-picked]');
  if (!option) {
    option = document.createElement('option');
    option.dataset.picked = 'true';
    select.insertBefore(option, select.querySelector('option[value="pick"]'));
  }
  option.value = picked.map((c) => c.toFixed(7)).join(',');
  option.textContent = '选定点 Picked ' + picked[0].toFixed(4) + ', ' + picked[1].toFixed(4);
  option.dataset.name = '选定点 picked point';
  select.value = option.value;
  setNear({ lonLat: picked, name: option.dataset.name });
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !picker.hidden) {
    picker.hidden = true;
    el('finder-near').value = '';
    setNear(null);
  }
});

function setNear(near) {
  if (nearMarker) {
    nearMarker.remove();
    nearMarker = null;
  }
  el('finder-near-note').hidden = !near;
  if (!near) {
    return;
  }
  const [lon, lat] = near.lonLat;
  nearMarker = L.marker([lat, lon], {
    pane: 'finder-labels', interactive: false, keyboard: false,
    icon: L.divIcon({ className: 'finder-near-marker', iconSize: null, html: '<span>◎ ' + esc(near.name) + '</span>' }),
  }).addTo(map);
  el('finder-near-note').innerHTML = '距离按 EPSG:4549 平面量算 <small>distances in metres, EPSG:4549</small>';
}

// ---------------------------------------------------------------- search

let results = [];
let selected = -1;
let searchSeq = 0;

el('finder-form').addEventListener('submit', (event) => {
  event.preventDefault();
  search();
});
el('finder-clear').addEventListener('click', () => {
  results = [];
  selected = -1;
  resultLayer.clearLayers();
  el('finder-results').innerHTML = '';
});

function query() {
  const params = new URLSearchParams();
  const value = (id) => el(id).value.trim();
  for (const [id, name] of [['finder-min-mu', 'minMu'], ['finder-max-mu', 'maxMu'], ['finder-use', 'use'],
    ['finder-zone', 'zone'], ['finder-block', 'block'], ['finder-ready-by', 'readyBy'],
    ['finder-investment', 'investment'], ['finder-tax', 'tax'], ['finder-far', 'far'], ['finder-energy', 'energy'],
    ['finder-emission', 'emission'], ['finder-max-road', 'maxRoad']]) {
    if (value(id)) {
      params.set(name, value(id));
    }
  }
  const near = value('finder-near');
  if (near && near !== 'pick') {
    params.set('near', near);
    if (value('finder-max-distance')) {
      params.set('maxDistance', value('finder-max-distance'));
    }
  }
  if (!el('finder-combine').checked) {
    params.set('combine', 'false');
  }
  return params;
}

async function search() {
  const seq = ++searchSeq;
  const params = query();
  const error = el('finder-error');
  error.hidden = true;
  const button = el('finder-search');
  button.disabled = true;
  button.innerHTML = '<span class="spinner dark"></span>查找中… <small>Searching</small>';
  let found;
  try {
    found = await getJson('api/finder?' + params.toString());
  } catch (e) {
    if (seq === searchSeq) {
      error.innerHTML = '查找失败 <small>Search failed:</small> ' + esc(e.message);
      error.hidden = false;
    }
    return null;
  } finally {
    if (seq === searchSeq) {
      button.disabled = false;
      button.innerHTML = '查找 <small>Search</small>';
    }
  }
  if (seq !== searchSeq) {
    return null;
  }
  results = found.features;
  selected = -1;
  renderResults(found, params);
  drawResults();
  panel.scrollTop = el('finder-results').offsetTop - 8;
  if (results.length) {
    const bounds = resultLayer.getLayers().length ? L.featureGroup(resultLayer.getLayers()).getBounds() : null;
    if (bounds && bounds.isValid()) {
      map.flyToBounds(bounds, Object.assign({ duration: 0.6 }, padding()));
    }
  }
  return found;
}

/** Keeps what the map flies to clear of the finder panel and the parcel panel. */
function padding() {
  const parcelPanel = el('parcel-panel');
  const right = parcelPanel && !parcelPanel.hidden ? parcelPanel.offsetWidth : 0;
  return { paddingTopLeft: [(panel.hidden ? 0 : panel.offsetWidth) + 30, 30], paddingBottomRight: [right + 30, 30],
    maxZoom: FOCUS_MAX_ZOOM };
}

function useName(code) {
  const use = USES.find(([c]) => c === code);
  return use ? use[1] : code;
}

function readiness(p) {
  if (!p.readyDate) {
    return '<span class="muted">条件待定 <small>readiness unknown</small></span>';
  }
  return p.readyDate <= todayInChina()
    ? '<span class="flag">已具备 <small>ready</small></span>'
    : '<span class="flag warn">' + esc(p.readyDate) + ' 具备 <small>ready</small></span>';
}

function title(p) {
  return p.kind === 'site'
    ? '组合地块 <small>Combined site</small> · ' + num(p.parcels.length, 0) + ' 宗'
    : '<span class="code">' + esc(p.code) + '</span>';
}

function renderResults(found, params) {
  const box = el('finder-results');
  const sites = results.filter((f) => f.properties.kind === 'site').length;
  let html = '<h2>结果 <small>Results</small> <b id="finder-count">' + num(found.numberMatched, 0) + '</b>' +
    (found.numberMatched > results.length ? ' <small>（显示前 ' + num(results.length, 0) + ' showing first）</small>' : '') +
    (sites ? ' <small>· 含组合地块 ' + num(sites, 0) + ' combined</small>' : '') + '</h2>';
  if (!results.length) {
    html += '<div class="muted finder-empty">没有符合条件的可供土地 <small>No available land meets these needs.' +
      (params.get('minMu') && params.get('combine') === 'false' ? ' Try combining neighbours.' : '') + '</small></div>';
  }
  html += '<ol class="finder-list" id="finder-list">' + results.map((f, i) => {
    const p = f.properties;
    return '<li class="finder-result" data-index="' + i + '" tabindex="0">' +
      '<div class="finder-result-line"><span class="finder-rank">' + esc(p.rank) + '</span>' +
      '<span class="finder-result-title">' + title(p) + '</span>' +
      '<b class="finder-mu">' + num(p.area.mu, 2) + ' 亩</b></div>' +
      '<div class="finder-result-meta">' + esc((p.blocks || []).filter(Boolean).map(blockName).join('、') || '—') + ' · ' +
      esc((p.landUses || []).map(useName).join('、')) + ' · ' + readiness(p) +
      (p.distanceM != null ? ' · ' + distance(p.distanceM) : '') + '</div>' +
      '<div class="finder-card" hidden></div></li>';
  }).join('') + '</ol>';
  box.innerHTML = html;
  for (const item of box.querySelectorAll('.finder-result')) {
    const index = Number(item.dataset.index);
    item.querySelector('.finder-result-line').addEventListener('click', () => selectResult(index));
    item.querySelector('.finder-result-meta').addEventListener('click', () => selectResult(index));
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target === item) {
        selectResult(index);
      }
    });
  }
}

const blockNames = new Map();

function blockName(code) {
  return blockNames.get(code) || code;
}

function distance(metres) {
  return metres >= 1000 ? num(metres / 1000, 2) + ' km' : num(metres, 0) + ' m';
}

function drawResults() {
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

// ---------------------------------------------------------------- a result's card

async function selectResult(index) {
  const feature = results[index];
  if (!feature) {
    return;
  }
  selected = index;
  drawResults();
  for (const item of document.querySelectorAll('#finder-list .finder-result')) {
    const open = Number(item.dataset.index) === index;
    item.classList.toggle('selected', open);
    const card = item.querySelector('.finder-card');
    card.hidden = !open;
    if (open) {
      card.innerHTML = cardHtml(feature);
      wireInterestForm(card, feature.properties.parcels.map((m) => ({ zone: m.zone, code: m.code })));
      item.scrollIntoView({ block: 'nearest' });
    }
  }
  const p = feature.properties;
  if (p.kind === 'parcel') {
    await selectParcel(p.zone, p.code, {});
  }
  const bounds = L.geoJSON(feature.geometry).getBounds();
  map.flyToBounds(bounds, Object.assign({ duration: 0.7 }, padding()));
}

function sceneLink(zone, codes) {
  return 'scene.html?zone=' + enc(zone) + '&code=' + enc(codes[0]) +
    (codes.length > 1 ? '&site=' + codes.map(enc).join(',') : '');
}

function standardLandRows(s) {
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

const emissionNames = new Map();

function emissionName(code) {
  return emissionNames.get(code) || code;
}

function cardHtml(feature) {
  const p = feature.properties;
  const codes = p.parcels.map((m) => m.code);
  const far = p.farMin != null || p.farMax != null
    ? (p.farMin != null ? num(p.farMin, 1) : '—') + ' – ' + (p.farMax != null ? num(p.farMax, 1) : '—') : '—';
  let html = '<dl class="finder-facts">' +
    '<dt>面积 <small>Area</small></dt><dd>' + num(p.area.mu, 2) + ' 亩 · ' + num(p.area.m2, 0) + ' m²</dd>' +
    '<dt>供地条件 <small>Ready</small></dt><dd>' + (p.readyDate ? esc(p.readyDate) : DASH) + '</dd>' +
    '<dt>容积率 <small>FAR</small></dt><dd>' + far + '</dd>' +
    (p.distanceM != null ? '<dt>距离 <small>Distance</small></dt><dd>' + distance(p.distanceM) + '</dd>' : '') +
    '<dt>排序得分 <small>Score</small></dt><dd>' + num(p.ranking.score, 3) +
    ' <small class="muted">面积偏差 ' + (p.ranking.areaFit != null ? num(p.ranking.areaFit * 100, 0) + '%' : '—') +
    ' · 等待 ' + num(p.ranking.waitDays, 0) + ' 天</small></dd></dl>';
  html += '<h3>标准地条件 <small>Standard land' + (p.kind === 'site' ? ', strictest of the site' : '') + '</small></h3>' +
    standardLandRows(p.standardLand);
  if (p.kind === 'site') {
    html += '<h3>组成宗地 <small>Parcels</small></h3><ul class="finder-members">' + p.parcels.map((m) =>
      '<li><a href="#' + esc(enc(m.zone) + '/' + enc(m.code)) + '" class="code">' + esc(m.code) + '</a> ' +
      num(m.area.mu, 2) + ' 亩 · ' + esc(useName(m.landUse)) + (m.readyDate ? ' · ' + esc(m.readyDate) : '') + '</li>').join('') +
      '</ul>';
  }
  html += '<div class="finder-actions"><a class="button-3d" id="finder-3d" target="_blank" rel="noopener" href="' +
    esc(sceneLink(p.zone, codes)) + '">三维查看 <small>3D view</small></a></div>';
  html += interestFormHtml(needText());
  return html;
}

/** What the search asked for, as the need of an interest registered from its results. */
function needText() {
  const q = query();
  const parts = [];
  if (q.get('minMu') || q.get('maxMu')) {
    parts.push((q.get('minMu') || '0') + '–' + (q.get('maxMu') || '∞') + ' 亩');
  }
  if (q.get('use')) {
    parts.push(useName(q.get('use')));
  }
  if (q.get('readyBy')) {
    parts.push(q.get('readyBy') + ' 前具备供地条件');
  }
  if (q.get('investment')) {
    parts.push('投资强度 ' + q.get('investment') + ' 万元/亩');
  }
  return parts.join('，');
}

// ---------------------------------------------------------------- registering interest

const ENTERPRISE_KEY = 'landrenew.enterprise';

function remembered() {
  try {
    return JSON.parse(localStorage.getItem(ENTERPRISE_KEY) || '{}');
  } catch (ignored) {
    return {};
  }
}

/** Who is signed in: an enterprise user registers as its own enterprise (the server insists). */
let viewer = { role: 'anonymous' };
me().then((who) => {
  viewer = who;
});

/**
 * The form to register interest, for the roles that may (enterprises, and planners on their behalf); a
 * visitor is asked to sign in first; auditors and admins get nothing (they may not register).
 */
function interestFormHtml(need) {
  if (viewer.role === 'anonymous') {
    return '<div class="interest-signin muted">登录后即可登记用地意向 <small>Sign in to register interest</small> · ' +
      '<a href="login.html?next=' + enc(location.pathname + location.search + location.hash) + '">登录 <small>Sign in</small></a></div>';
  }
  if (viewer.role !== 'enterprise' && viewer.role !== 'planner') {
    return '';
  }
  const saved = remembered();
  const own = viewer.role === 'enterprise' && viewer.enterprise;
  const fixed = own ? ' readonly title="账户所属企业 Your account\'s enterprise"' : '';
  return '<form class="interest-form transition-form" novalidate autocomplete="off">' +
    '<h3>登记意向 <small>Register interest</small></h3>' +
    '<label class="field"><span>企业名称 <small>Enterprise</small> <b class="req">*</b></span>' +
    '<input name="enterpriseName" type="text" required' + fixed + ' value="' +
    esc(own ? own.name : saved.enterpriseName || '') + '"></label>' +
    '<label class="field"><span>统一社会信用代码 <small>Credit code</small> <b class="req">*</b></span>' +
    '<input name="creditCode" type="text" required maxlength="18" spellcheck="false" class="mono"' + fixed + ' value="' +
    esc(own ? own.creditCode : saved.creditCode || '') + '"></label>' +
    '<label class="field"><span>联系人及电话 <small>Contact</small> <b class="req">*</b></span>' +
    '<input name="contact" type="text" required value="' + esc(saved.contact || '') + '"></label>' +
    '<label class="field"><span>用地需求 <small>Need</small> <b class="req">*</b></span>' +
    '<textarea name="need" rows="2" required>' + esc(need || '') + '</textarea></label>' +
    '<div class="form-error interest-error" role="alert" hidden></div>' +
    '<div class="form-actions"><button type="submit" class="primary interest-submit">提交意向 <small>Register</small></button></div>' +
    '</form>';
}

/** Wires a form to register the same interest on every target parcel (all of a combined site). */
function wireInterestForm(container, targets, after) {
  const form = container.querySelector('.interest-form');
  if (!form) {
    return;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const request = {};
    for (const name of ['enterpriseName', 'creditCode', 'contact', 'need']) {
      request[name] = form.elements[name].value.trim();
    }
    const error = form.querySelector('.interest-error');
    const button = form.querySelector('.interest-submit');
    button.disabled = true;
    error.hidden = true;
    let done = 0;
    try {
      for (const t of targets) {
        const response = await send('api/parcels/' + enc(t.zone) + '/' + enc(t.code) + '/interests',
          'POST', request);
        await answer(response);
        done++;
      }
    } catch (e) {
      error.innerHTML = (done ? '已登记 ' + done + ' 宗后失败 <small>failed after ' + done + ':</small> '
        : '登记失败 <small>Not registered:</small> ') + esc(e.message);
      error.hidden = false;
      button.disabled = false;
      return;
    }
    try {
      localStorage.setItem(ENTERPRISE_KEY, JSON.stringify({ enterpriseName: request.enterpriseName,
        creditCode: request.creditCode, contact: request.contact }));
    } catch (ignored) {
      // private mode: nothing remembered
    }
    form.outerHTML = '<div class="form-ok interest-ok" role="status">已登记意向 <small>Interest registered</small> · ' +
      num(done, 0) + ' 宗 <small>parcel' + (done > 1 ? 's' : '') + '</small></div>';
    if (after) {
      after();
    }
  });
}

// ---------------------------------------------------------------- the parcel panel's finder section

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

// ---------------------------------------------------------------- start

ready.then(() => {
  loadEmissionStandards().then(() => {
    for (const option of el('finder-emission').options) {
      if (option.value) {
        emissionNames.set(option.value, option.textContent.split(' · ')[0]);
      }
    }
  });
  for (const zone of zones.keys()) {
    loadBlocks(zone).then((blocks) => blocks.features.forEach((b) =>
      blockNames.set(b.properties.code, b.properties.name)));
  }
}, () => {});

/** For tests (window.landrenew.finder). */
export const finder = { results: () => results, open: () => openPanel(true), search };
