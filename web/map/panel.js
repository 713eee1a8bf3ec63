/*
 * LandRenew 土地更新 — the parcel panel of the map page: what the API says of one parcel (GET
 * api/parcels/{zone}/{code}), opened by a click on it, by its code typed in the top bar, or by a
 * #zone/code link, which the address then keeps. The parcel is outlined on the map. Each time a parcel
 * is shown, the panel's other sections (ledger.js, readiness.js, edit.js, geometry-edit.js, finder.js)
 * hear 'landrenew:parcel-shown' with its feature and add or fill theirs.
 */

import { getJson } from '../api.js';
import { DASH, esc, num } from '../format.js';
import { currentZone, showMessage, showZone } from './bar.js';
import { map, zones } from './base.js';

const PARCEL_FOCUS_MAX_ZOOM = 17;
const PHONE = window.matchMedia('(max-width: 600px)');

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

const panel = el('parcel-panel');
let selectSeq = 0;

/** Shown over the map when a parcel takes longer than a moment to answer, until its card shows. */
const SLOW_MS = 150;
const loading = L.DomUtil.create('div', 'parcel-loading', map.getContainer());
loading.id = 'parcel-loading';
loading.hidden = true;
loading.setAttribute('role', 'status');
loading.innerHTML = '<span class="spinner"></span>读取宗地… <small>Loading the parcel</small>';
/** The parcel the panel shows, "zone/code", or null. */
export let selectedId = null;
let selection = null;                             // the highlighted outline of the open parcel

el('parcel-close').addEventListener('click', closePanel);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !panel.hidden) {
    closePanel();
  }
});

function closePanel() {
  selectSeq++;
  panel.hidden = true;
  selectedId = null;
  if (selection) {
    selection.remove();
    selection = null;
  }
  if (location.hash) {
    history.replaceState(null, '', location.pathname + location.search);
  }
}

/**
 * Opens the panel for one parcel. Answers true when shown, false when the zone has no such parcel
 * and 'error' when the server could not answer.
 */
export async function selectParcel(zone, code, options = {}) {
  const seq = ++selectSeq;
  const slow = setTimeout(() => {
    if (seq === selectSeq) {
      loading.hidden = false;
    }
  }, SLOW_MS);
  let feature;
  try {
    feature = await getJson('api/parcels/' + enc(zone) + '/' + enc(code));
  } catch (error) {
    if (seq !== selectSeq) {
      return false;
    }
    if (error.status === 404) {
      if (!options.quietNotFound) {
        showMessage('未找到宗地 ' + code + ' · Parcel not found', 'warn');
      }
      return false;
    }
    showMessage('无法读取宗地 Could not read parcel: ' + error.message, 'error');
    return 'error';
  } finally {
    clearTimeout(slow);
    if (seq === selectSeq) {
      loading.hidden = true;
    }
  }
  if (seq !== selectSeq) {
    return false;
  }
  showParcel(feature, options);
  return true;
}

/** Shows a parcel (a feature of GET api/parcels/{zone}/{code}) in the panel; options as selectParcel's. */
export function showParcel(feature, options) {
  const p = feature.properties;
  selectedId = p.zone.code + '/' + p.code;
  renderPanel(p, options.notice);
  panel.hidden = false;
  panel.scrollTop = 0;
  // The ledger, readiness, edit, outline and finder sections add or fill theirs.
  document.dispatchEvent(new CustomEvent('landrenew:parcel-shown', { detail: feature }));

  if (selection) {
    selection.remove();
  }
  selection = L.featureGroup([
    L.geoJSON(feature.geometry, { pane: 'selection', interactive: false,
      style: { color: '#ffffff', weight: 7, opacity: 0.95, fill: false } }),
    L.geoJSON(feature.geometry, { pane: 'selection', interactive: false,
      style: { color: '#0b1f3a', weight: 3, opacity: 1, fill: false } }),
  ]).addTo(map);

  showZone(p.zone.code);
  const hash = '#' + enc(p.zone.code) + '/' + enc(p.code);
  if (location.hash !== hash) {
    history.replaceState(null, '', hash);
  }

  const bounds = selection.getBounds();
  // the card is beside the map, or on a phone a bottom sheet under it (map/sheets.js)
  const cover = PHONE.matches ? [40, panel.offsetHeight + 40] : [panel.offsetWidth + 40, 40];
  const fit = { paddingTopLeft: [40, 40], paddingBottomRight: cover, maxZoom: PARCEL_FOCUS_MAX_ZOOM };
  if (options.initial) {
    map.fitBounds(bounds, Object.assign({ animate: false }, fit));
  } else if (options.fly) {
    map.flyToBounds(bounds, Object.assign({ duration: 0.8 }, fit));
  } else if (options.panIntoView) {
    map.panInside(bounds.getCenter(), { paddingTopLeft: [30, 30], paddingBottomRight: [cover[0] - 10, cover[1] - 10] });
  }
}

function row(labelZh, labelEn, valueHtml, id) {
  return '<div class="row"><dt>' + esc(labelZh) + (labelEn ? ' <small>' + esc(labelEn) + '</small>' : '') +
    '</dt><dd' + (id ? ' id="' + id + '"' : '') + '>' + valueHtml + '</dd></div>';
}

function section(titleZh, titleEn, rowsHtml) {
  return '<section class="panel-section"><h2>' + esc(titleZh) + ' <small>' + esc(titleEn) + '</small></h2>' +
    '<dl>' + rowsHtml + '</dl></section>';
}

function leaseRemaining(start, end) {
  if (!end) {
    return '';
  }
  const ms = Date.parse(end + 'T00:00:00') - Date.now();
  if (ms < 0) {
    return '<span class="flag bad">已到期 expired</span>';
  }
  const years = ms / (365.25 * 24 * 3600 * 1000);
  return '<span class="flag' + (years < 5 ? ' bad' : '') + '">剩余 ' + num(years, 1) + ' 年 <small>left</small></span>';
}

function renderPanel(p, notice) {
  el('parcel-code').textContent = p.code;
  el('parcel-where').innerHTML = esc(p.zone.name) + '<span class="sep">›</span>' +
    (p.block ? esc(p.block.name) : '<span class="muted">区块外 outside blocks</span>');

  const state = p.state || {};
  const landUse = p.landUse || {};
  const enterprise = p.enterprise;
  const area = p.area || {};
  const b = p.buildings || {};
  const actualFar = area.m2 > 0 && b.floorAreaM2 != null ? b.floorAreaM2 / area.m2 : null;
  const coverage = area.m2 > 0 && b.footprintM2 != null ? (b.footprintM2 / area.m2) * 100 : null;
  const belowFar = actualFar != null && p.farMin != null && actualFar < Number(p.farMin);

  let html = '<div class="state-line">' +
    '<span class="state-chip" style="--chip:' + esc(state.colour || '#bdbdbd') + '"><i></i>' +
    '<span id="parcel-state">' + esc(state.name) + '</span></span>' +
    '<span class="en">' + esc(state.nameEn) + '</span></div>';

  if (notice) {
    html += '<div class="form-ok" id="transition-ok" role="status">' + notice + '</div>';
  }
  if (p.idle) {
    html += '<div class="idle-warning" id="parcel-idle" role="note"><b>⚠ 闲置土地</b> <small>Idle land</small><br>' +
      '约定开工日期 <small>contracted start</small> <b>' + esc(p.constructionDue) + '</b>，' +
      '逾期一年以上未动工 <small>construction not started a year later</small></div>';
  }

  html += '<div class="area-cards">' +
    '<div class="card"><b id="parcel-area-m2">' + num(area.m2, 0) + '</b><span>m² 平方米</span></div>' +
    '<div class="card main"><b id="parcel-area-mu">' + num(area.mu, 2) + '</b><span>亩 mu</span></div>' +
    '<div class="card"><b id="parcel-area-ha">' + num(area.ha, 4) + '</b><span>ha 公顷</span></div></div>';

  const legacy = (landUse.legacyCodes || []).length ? esc(landUse.legacyCodes.join(', ')) : DASH;
  html += section('用地', 'Land use',
    row('用地分类', 'Use class', '<span class="code">' + esc(landUse.code) + '</span> ' + esc(landUse.name) +
      (landUse.nameEn ? '<div class="en">' + esc(landUse.nameEn) + '</div>' : ''), 'parcel-land-use') +
    row('原分类', 'GB 50137', legacy, 'parcel-legacy'));

  html += section('权利人', 'Holder', enterprise
    ? row('企业', 'Enterprise', esc(enterprise.name), 'parcel-enterprise') +
      row('信用代码', 'Credit code', '<span class="code">' + esc(enterprise.creditCode) + '</span>', 'parcel-credit-code') +
      row('行业', 'Industry', enterprise.industry ? esc(enterprise.industry) : DASH, 'parcel-industry')
    : row('企业', 'Enterprise', DASH, 'parcel-enterprise'));

  // 亩均效益: the server sends the holder's figures to planners, auditors and the holder only.
  const ev = p.evaluation;
  if (ev) {
    html += section('亩均效益 ' + esc(ev.year), 'Per-mu evaluation',
      row('评价等级', 'Grade', ev.grade ? '<b class="grade grade-' + esc(ev.grade) + '">' + esc(ev.grade) + '</b>' : DASH,
        'parcel-grade') +
      (ev.computed ? row('综合得分', 'Score', ev.score != null ? num(ev.score, 2) : DASH, 'parcel-score') : '') +
      (ev.veto || ev.notRated ? row('说明', 'Why', esc(ev.veto || ev.notRated), 'parcel-grade-why') : '') +
      row('亩均税收', 'Tax per mu', num(ev.taxWanPerMu, 2) + ' 万元/亩', 'parcel-tax-per-mu') +
      row('亩均增加值', 'Value added per mu', num(ev.outputWanPerMu, 2) + ' 万元/亩', 'parcel-output-per-mu') +
      row('单位能耗', 'Energy per output', ev.energyTcePerWan != null ? num(ev.energyTcePerWan, 3) + ' tce/万元' : DASH,
        'parcel-energy') +
      row('评价用地', 'Land evaluated', num(ev.landMu, 2) + ' 亩'));
  }

  const lease = p.leaseStart || p.leaseEnd
    ? esc(p.leaseStart || '?') + ' – ' + esc(p.leaseEnd || '?') + ' ' + leaseRemaining(p.leaseStart, p.leaseEnd)
    : DASH;
  const far = p.farMin != null || p.farMax != null
    ? (p.farMin != null ? num(p.farMin, 2) : '—') + ' – ' + (p.farMax != null ? num(p.farMax, 2) : '—')
    : DASH;
  html += section('出让与规划', 'Lease & controls',
    row('出让期限', 'Lease', lease, 'parcel-lease') +
    (p.constructionDue ? row('约定开工', 'Construction due', esc(p.constructionDue) +
      (p.idle ? ' <span class="flag bad">闲置 idle</span>' : ''), 'parcel-construction-due') : '') +
    row('容积率', 'FAR', far, 'parcel-far') +
    row('限高', 'Height limit', p.heightLimitM != null ? num(p.heightLimitM, 1) + ' m' : DASH, 'parcel-height'));

  html += section('建筑', 'Buildings',
    row('栋数', 'Count', num(b.count, 0) + ' 栋', 'parcel-building-count') +
    row('基底面积', 'Footprint', num(b.footprintM2, 0) + ' m²' +
      (coverage != null ? ' <span class="muted">· 密度 ' + num(coverage, 1) + '%</span>' : '')) +
    row('建筑面积', 'Floor area', num(b.floorAreaM2, 0) + ' m²', 'parcel-floor-area') +
    row('现状容积率', 'Actual FAR', actualFar != null
      ? num(actualFar, 2) + (belowFar ? ' <span class="flag bad">低于下限 below min</span>' : '') : DASH) +
    row('最高', 'Max height', b.maxHeightM != null ? num(b.maxHeightM, 1) + ' m' : DASH, 'parcel-max-height'));

  const centroid = Array.isArray(p.centroid)
    ? Number(p.centroid[0]).toFixed(6) + ', ' + Number(p.centroid[1]).toFixed(6) : DASH;
  html += '<section class="panel-section" id="transition-section"><h2>变更状态 <small>Change state</small></h2>' +
    '<div class="muted">加载中… <small>Loading</small></div></section>' +
    '<section class="panel-section" id="history-section"><h2>台账 <small>Ledger</small></h2></section>';

  html += '<footer class="panel-foot">中心点 <small>lon, lat</small> ' + centroid +
    '<br><a href="' + esc('#' + enc(p.zone.code) + '/' + enc(p.code)) + '" class="permalink">' +
    '本宗地链接 <small>link to this parcel</small></a></footer>';

  el('parcel-body').innerHTML = html;
}

// ---------------------------------------------------------------- finding a parcel by its code

/** Finds a parcel by its code in the current zone first, then in the others; "zone/code" also works. */
export async function locate(text) {
  const query = text.trim();
  if (!query) {
    showMessage('请输入宗地代码 Enter a parcel code', 'warn');
    return;
  }
  let candidates;
  const slash = query.indexOf('/');
  if (slash > 0 && zones.has(query.slice(0, slash))) {
    candidates = [[query.slice(0, slash), query.slice(slash + 1)]];
  } else {
    const order = [currentZone(), ...[...zones.keys()].filter((z) => z !== currentZone())];
    candidates = order.map((zone) => [zone, query]);
  }
  showMessage('查找中… Searching', 'busy');
  for (const [zone, code] of candidates) {
    const found = await selectParcel(zone, code, { fly: true, quietNotFound: true });
    if (found === true) {
      showMessage('');
      return;
    }
    if (found === 'error') {
      return;
    }
  }
  showMessage('未找到宗地 ' + query + ' · Parcel not found', 'warn');
}

// ---------------------------------------------------------------- #zone/code links

/** The parcel a #zone/code link names, or null. */
export function parcelInLink() {
  const hash = location.hash.replace(/^#/, '');
  const slash = hash.indexOf('/');
  if (slash <= 0 || slash === hash.length - 1) {
    return null;
  }
  try {
    return { zone: decodeURIComponent(hash.slice(0, slash)), code: decodeURIComponent(hash.slice(slash + 1)) };
  } catch (ignored) {
    return null;
  }
}

window.addEventListener('hashchange', () => {
  const target = parcelInLink();
  if (target && target.zone + '/' + target.code !== selectedId) {
    selectParcel(target.zone, target.code, { fly: true });
  }
});
