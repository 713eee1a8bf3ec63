/*
 * LandRenew 土地更新 — the land finder's panel and its form: what an enterprise needs (area, land use, zone
 * and block, ready by, near a place or a point picked on the map, its standard-land commitments), the
 * choices that depend on the zone, and the query (GET /api/finder) the form describes.
 */

import { getJson } from '../../api.js';
import { esc } from '../../format.js';
import { fillZoneSelect, loadBlocks } from '../../map-setup.js';
import { map, zones } from '../base.js';

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

/** A land use's Chinese name (the finder's uses), or its code. */
export function useName(code) {
  const use = USES.find(([c]) => c === code);
  return use ? use[1] : code;
}

// ---------------------------------------------------------------- panel

export const panel = document.createElement('aside');
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

export function openPanel(open) {
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

export async function loadEmissionStandards() {
  const list = await getJson('api/emission-standards');
  el('finder-emission').innerHTML = '<option value="">不限 Not stated</option>' + list.map((s) =>
    '<option value="' + esc(s.code) + '">' + esc(s.nameZh + ' · ' + s.nameEn) + '</option>').join('');
}

// ---------------------------------------------------------------- near: a place or a clicked point

let nearMarker = null;
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

// ---------------------------------------------------------------- the query

/** The finder's query the form describes. */
export function query() {
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

/** What the search asked for, as the need of an interest registered from its results. */
export function needText() {
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
