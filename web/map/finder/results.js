/*
 * LandRenew 土地更新 — the land finder's search and its results: the available land ranked (GET
 * /api/finder), single parcels and combined sites, listed in the panel and drawn on the map; a result
 * picked opens its card (facts, standard land, its parcels, 3D view, the interest form) and the parcel.
 */

import { getJson } from '../../api.js';
import { DASH, esc, num, todayInChina } from '../../format.js';
import { selectParcel } from '../panel.js';
import { sceneLink, standardLandRows } from './facts.js';
import { needText, panel, query, useName } from './form.js';
import { interestFormHtml, wireInterestForm } from './interest.js';
import { drawResults, flyToResult, flyToResults } from './map.js';

const enc = encodeURIComponent;
const el = (id) => document.getElementById(id);

/** The results shown (GeoJSON features), in rank order. */
export let results = [];
let selected = -1;
let searchSeq = 0;

el('finder-form').addEventListener('submit', (event) => {
  event.preventDefault();
  search();
});
el('finder-clear').addEventListener('click', () => {
  results = [];
  selected = -1;
  drawResults(results, selected);
  el('finder-results').innerHTML = '';
});

/** Searches for what the form describes and shows the results; the answer, or null. */
export async function search() {
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
  drawResults(results, selected);
  panel.scrollTop = el('finder-results').offsetTop - 8;
  if (results.length) {
    flyToResults();
  }
  return found;
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

/** block code → its name (filled at start for every zone). */
export const blockNames = new Map();

function blockName(code) {
  return blockNames.get(code) || code;
}

function distance(metres) {
  return metres >= 1000 ? num(metres / 1000, 2) + ' km' : num(metres, 0) + ' m';
}

// ---------------------------------------------------------------- a result's card

async function selectResult(index) {
  const feature = results[index];
  if (!feature) {
    return;
  }
  selected = index;
  drawResults(results, selected);
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
  flyToResult(feature);
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
