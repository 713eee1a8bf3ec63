/*
 * LandRenew 土地更新 — the auditors' page (更新台账).
 *
 * Renewal progress of one project (or a whole zone) for a period, as a report printed on the "as of"
 * date would have shown it: targets against what was done, a table per block, idle land, a chart of
 * mu freed per period and in total, a map of the scope and the freed parcels, and the ledger events
 * behind every figure. The URL's query string mirrors the controls (zone, project, from, to, asOf,
 * groupBy, block), so a report can be linked and reproduced. Everything comes from /api/renewal.
 *
 * For tests: window.landrenewAudit = { map, chart, blockLayers, freedLayer, highlightedBlock, ready }.
 */

import { getJson } from './api.js';
import { showStatus } from './header.js';
import { num, esc, DASH, daysBetween, todayInChina, recordedTime } from './format.js';
import { addBasemap, addScale, createMap, fillZoneSelect, loadBlocks, loadZones, zoneBounds } from './map-setup.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

// ---------------------------------------------------------------- state and URL

const controls = {
  zone: el('zone'),
  project: el('project'),
  from: el('from'),
  to: el('to'),
  asOf: el('as-of'),
  groupBy: el('group-by'),
};

/** state code → {code, nameZh, nameEn, colour} */
const states = new Map();
/** zone code → zone feature */
const zones = new Map();
/** zone code → its blocks (FeatureCollection) */
const blocksByZone = new Map();
/** zone code → its projects */
const projectsByZone = new Map();

let selectedBlock = null;
let tally = null;

/** The query the controls describe (block separately), as URLSearchParams in a fixed order. */
function queryParams(withBlock) {
  const params = new URLSearchParams();
  params.set('zone', controls.zone.value);
  params.set('project', controls.project.value);
  if (controls.from.value) params.set('from', controls.from.value);
  if (controls.to.value) params.set('to', controls.to.value);
  params.set('asOf', controls.asOf.value || todayInChina());
  params.set('groupBy', controls.groupBy.value);
  if (withBlock && selectedBlock) params.set('block', selectedBlock);
  return params;
}

/** The API's query: the project parameter only when one is chosen. */
function apiQuery(block) {
  const params = queryParams(false);
  if (!params.get('project')) params.delete('project');
  if (block) params.set('block', block);
  return params.toString();
}

function writeUrl(push) {
  const url = location.pathname + '?' + queryParams(true).toString();
  if (url !== location.pathname + location.search) {
    history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
}

// ---------------------------------------------------------------- map

const map = createMap('audit-map', { zoomSnap: 0.25, scrollWheelZoom: false });
addScale(map, 'bottomleft');
map.createPane('blocks').style.zIndex = '410';
map.createPane('freed').style.zIndex = '420';

const zoneLayer = L.layerGroup().addTo(map);
const contextLayer = L.layerGroup().addTo(map);   // the zone's other blocks, for orientation
const scopeLayer = L.layerGroup().addTo(map);     // the blocks of the scope, clickable
const freedLayer = L.featureGroup().addTo(map);
/** block code → its outline layer */
const blockLayers = new Map();
/** parcel code → freed parcel layer */
const freedParcels = new Map();

const BLOCK_STYLE = { pane: 'blocks', color: '#1a3a6b', weight: 1.6, opacity: 0.9, dashArray: '6 4',
  fillColor: '#90a4ae', fillOpacity: 0.16 };
const BLOCK_DIM = { color: '#1a3a6b', weight: 1.2, opacity: 0.45, dashArray: '6 4', fillColor: '#90a4ae', fillOpacity: 0.06 };
const BLOCK_HIGHLIGHT = { color: '#e65100', weight: 4, opacity: 1, dashArray: null, fillColor: '#ffb74d', fillOpacity: 0.22 };

/** Freed parcels are coloured by when they were freed: a year each, or a quarter when the period is one year. */
const FREED_PALETTE = ['#fdd0a2', '#fdae6b', '#fd8d3c', '#e6550d', '#a63603', '#7f2704'];
let freedClasses = [];

function freedClassesFor(from, to) {
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  const spread = (i, n) => FREED_PALETTE[n <= 1 ? FREED_PALETTE.length - 2 : Math.round(i * (FREED_PALETTE.length - 1) / (n - 1))];
  if (y1 > y0) {
    const first = Math.max(y0, y1 - FREED_PALETTE.length + 1);
    const classes = [];
    for (let y = first; y <= y1; y++) {
      classes.push({
        label: y === first && first > y0 ? '≤ ' + y : String(y),
        test: (d) => (y === first ? Number(d.slice(0, 4)) <= y : Number(d.slice(0, 4)) === y),
      });
    }
    return classes.map((c, i) => Object.assign(c, { colour: spread(i, classes.length) }));
  }
  const quarters = [];
  for (let q = 1; q <= 4; q++) {
    quarters.push({ label: y0 + ' Q' + q, colour: spread(q - 1, 4),
      test: (d) => Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1 === q });
  }
  return quarters;
}

function freedColour(date) {
  const match = freedClasses.find((c) => c.test(date));
  return match ? match.colour : FREED_PALETTE[FREED_PALETTE.length - 1];
}

/** The map's key, under the map so that it never hides a block. */
function renderFreedLegend(count) {
  el('freed-legend').innerHTML = '<span class="map-legend-title">腾出时间 <small>Freed in</small></span>' +
    freedClasses.map((c) => '<span class="map-legend-item"><i style="background:' + c.colour + '"></i>' + esc(c.label) +
      '</span>').join('') +
    '<span class="map-legend-item"><i class="block-swatch"></i>' + (controls.project.value ? '项目区块' : '区块') +
    ' <small>block</small></span>' +
    '<span class="map-legend-item"><i class="block-swatch selected"></i>所选 <small>picked</small></span>' +
    '<span class="map-legend-count">' + num(count, 0) + ' 宗腾出 <small>parcels freed</small></span>';
}

function drawZone(zoneCode) {
  zoneLayer.clearLayers();
  const zone = zones.get(zoneCode);
  if (zone) {
    L.geoJSON(zone.geometry, { interactive: false,
      style: { color: '#1a3a6b', weight: 2, opacity: 0.7, fillColor: '#ffffff', fillOpacity: 0.7 } }).addTo(zoneLayer);
  }
}

function drawBlocks(zoneCode, scopeCodes) {
  contextLayer.clearLayers();
  scopeLayer.clearLayers();
  blockLayers.clear();
  const collection = blocksByZone.get(zoneCode);
  if (!collection) {
    return;
  }
  for (const block of collection.features) {
    const p = block.properties;
    if (!scopeCodes.has(p.code)) {
      L.geoJSON(block.geometry, { interactive: false,
        style: { color: '#90a4ae', weight: 1, opacity: 0.8, dashArray: '3 3', fillColor: '#cfd8dc', fillOpacity: 0.25 } })
        .addTo(contextLayer);
      continue;
    }
    const layer = L.geoJSON(block.geometry, { style: BLOCK_STYLE, pane: 'blocks' });
    layer.blockCode = p.code;
    layer.bindTooltip('<b>' + esc(p.name) + '</b>', {
      permanent: true, direction: 'center', className: 'block-tip', interactive: false,
    });
    layer.on('click', () => selectBlock(selectedBlock === p.code ? null : p.code, { fromMap: true }));
    layer.addTo(scopeLayer);
    blockLayers.set(p.code, layer);
  }
}

function drawFreed(collection) {
  freedLayer.clearLayers();
  freedParcels.clear();
  const zone = controls.zone.value;
  for (const feature of collection.features || []) {
    const p = feature.properties;
    const layer = L.geoJSON(feature, {
      pane: 'freed',
      style: { color: '#5d2a00', weight: 0.8, opacity: 0.9, fillColor: freedColour(p.freedOn), fillOpacity: 0.9 },
    });
    layer.bindPopup(() => {
      const block = tally && tally.blocks.find((b) => b.code === p.block);
      return '<div class="popup"><div class="popup-code">' + esc(p.code) + '</div>' +
        '<div>' + esc(block ? block.name : p.block || '') + '</div>' +
        '<div>腾出于 <small>freed on</small> <b>' + esc(p.freedOn) + '</b></div>' +
        '<div>' + num(p.area && p.area.mu, 2) + ' 亩 <small>mu</small> · ' + num(p.area && p.area.m2, 0) + ' m²</div>' +
        '<a href="./#' + enc(zone) + '/' + enc(p.code) + '">在地图中打开 <small>open on the map</small></a></div>';
    });
    layer.addTo(freedLayer);
    freedParcels.set(p.code, layer);
  }
  renderFreedLegend(freedParcels.size);
}

function scopeBounds() {
  const bounds = L.latLngBounds([]);
  for (const layer of blockLayers.values()) {
    bounds.extend(layer.getBounds());
  }
  if (!bounds.isValid()) {
    const zone = zones.get(controls.zone.value);
    if (zone && zone.bbox) {
      return zoneBounds(zone);
    }
  }
  return bounds;
}

function styleBlocks(zoom) {
  for (const [code, layer] of blockLayers) {
    if (!selectedBlock) {
      layer.setStyle(BLOCK_STYLE);
    } else if (code === selectedBlock) {
      layer.setStyle(BLOCK_HIGHLIGHT);
      layer.bringToFront();
    } else {
      layer.setStyle(BLOCK_DIM);
    }
    const tip = layer.getTooltip();
    if (tip && tip.getElement()) {
      tip.getElement().classList.toggle('selected', code === selectedBlock);
      tip.getElement().classList.toggle('dim', Boolean(selectedBlock) && code !== selectedBlock);
    }
  }
  api.highlightedBlock = selectedBlock;
  el('map-all').hidden = !selectedBlock;
  if (zoom) {
    const layer = selectedBlock && blockLayers.get(selectedBlock);
    const bounds = layer ? layer.getBounds() : scopeBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [18, 18], animate: zoom === 'animate' });
    }
  }
}

// ---------------------------------------------------------------- chart

let chart = null;

/** A vertical dashed line at the period holding the project's deadline. */
const deadlinePlugin = {
  id: 'deadline',
  afterDatasetsDraw(c, args, options) {
    if (options.index == null || options.index < 0) {
      return;
    }
    const x = c.scales.x.getPixelForValue(options.index);
    const { top, bottom } = c.chartArea;
    const ctx = c.ctx;
    ctx.save();
    ctx.strokeStyle = '#b71c1c';
    ctx.lineWidth = 1.2;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = '11px ' + getComputedStyle(document.body).fontFamily;
    const text = '期限 Deadline ' + options.label;
    const width = ctx.measureText(text).width;
    const right = x > (c.chartArea.left + c.chartArea.right) / 2;
    const tx = right ? x - 5 - width : x + 5;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.fillRect(tx - 3, top + 2, width + 6, 15);
    ctx.fillStyle = '#b71c1c';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, tx, top + 10);
    ctx.restore();
  },
};

function renderChart(t) {
  const series = t.series || [];
  const labels = series.map((r) => r.period);
  const perPeriod = series.map((r) => r.freed.mu);
  const cumulative = series.map((r) => r.cumulative.mu);
  const targetMu = t.project && t.project.targets ? t.project.targets.mu : null;
  const groupNames = { month: '按月 per month', quarter: '按季 per quarter', year: '按年 per year' };
  el('chart-note').textContent = (groupNames[t.groupBy] || t.groupBy) + ' · 亩 mu';

  const datasets = [
    { type: 'bar', label: '本期腾出 Freed in period', data: perPeriod, yAxisID: 'y', order: 3,
      backgroundColor: 'rgba(47, 111, 208, 0.75)', borderColor: '#2f6fd0', borderWidth: 0, maxBarThickness: 34 },
    { type: 'line', label: '累计腾出 Cumulative', data: cumulative, yAxisID: 'y1', order: 1,
      borderColor: '#e65100', backgroundColor: '#e65100', borderWidth: 2.2, pointRadius: series.length > 24 ? 0 : 2.5,
      tension: 0.15 },
  ];
  if (targetMu) {
    datasets.push({ type: 'line', label: '目标 Target ' + num(targetMu, 0) + ' 亩', data: labels.map(() => targetMu),
      yAxisID: 'y1', order: 2, borderColor: '#b71c1c', borderDash: [7, 5], borderWidth: 1.8, pointRadius: 0,
      pointHoverRadius: 0, fill: false });
  }
  let deadlineIndex = -1;
  if (t.project && t.project.deadline && series.length) {
    const d = t.project.deadline;
    if (d >= series[0].start && d <= t.to) {
      for (let i = 0; i < series.length; i++) {
        if (series[i].start <= d) deadlineIndex = i;
      }
    }
  }
  const maxCumulative = Math.max(0, ...cumulative);
  const font = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.family = font;
  Chart.defaults.color = '#52606d';

  const config = {
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 10, padding: 12,
          sort: (a, b) => a.datasetIndex - b.datasetIndex } },
        tooltip: {
          callbacks: {
            label: (item) => ' ' + item.dataset.label.replace(/ \d[\d,]* 亩$/, '') + ': ' + num(item.parsed.y, 2) + ' 亩',
          },
        },
        deadline: { index: deadlineIndex, label: t.project ? t.project.deadline : '' },
      },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } },
        y: { position: 'left', beginAtZero: true, title: { display: true, text: '本期 per period (亩)' },
          grid: { color: '#eef1f4' } },
        y1: { position: 'right', beginAtZero: true, suggestedMax: Math.max(maxCumulative, targetMu || 0) * 1.08 || 1,
          title: { display: true, text: '累计 cumulative (亩)' }, grid: { display: false } },
      },
    },
    plugins: [deadlinePlugin],
  };
  if (chart) {
    chart.destroy();
  }
  chart = new Chart(el('freed-chart'), config);
  api.chart = chart;
}

// ---------------------------------------------------------------- report

function stateChip(code) {
  const s = states.get(code);
  return '<span class="mini-chip" style="--chip:' + esc(s ? s.colour : '#bdbdbd') + '" title="' +
    esc(s ? s.nameZh + ' ' + s.nameEn : code) + '"><i></i>' + esc(s ? s.nameZh : code) + '</span>';
}

function renderHead(t) {
  const project = t.project;
  el('report-kicker').innerHTML = project ? '有机更新项目 <small>Renewal project</small> · ' + esc(t.zone.name)
    : '开发区 <small>Whole zone</small>';
  el('project-name').textContent = project ? project.name : t.zone.name;
  document.title = (project ? project.name : t.zone.name) + ' · 更新台账 Renewal ledger';
  const items = [];
  if (project) {
    items.push('<span>项目期 <small>Project</small> <b>' + esc(project.started) + ' – ' + esc(project.deadline) + '</b></span>');
  }
  items.push('<span>统计期 <small>Period</small> <b id="period">' + esc(t.from) + ' – ' + esc(t.to) + '</b></span>');
  items.push('<span>截至 <small>As of</small> <b id="as-of-shown">' + esc(t.asOf) + '</b></span>');
  items.push('<span>范围 <small>Scope</small> <b>' + num(t.total.areaOfScope.mu, 0) + ' 亩</b> · ' + num(t.blocks.length, 0) +
    ' 个区块 <small>blocks</small>' + (t.blocks.length && t.blocks.length <= 8 ? '（' + t.blocks.map((b) => esc(b.name)).join('、') + '）' : '') + '</span>');
  el('report-meta').innerHTML = items.join('<span class="sep">·</span>');
}

function progressCard(key, titleZh, titleEn, done, target, percent, unit, decimals) {
  const hasTarget = target != null && target > 0;
  const pct = hasTarget && percent != null ? Number(percent) : null;
  const width = pct == null ? 0 : Math.max(0, Math.min(100, pct));
  const over = pct != null && pct > 100;
  const complete = pct != null && pct >= 100;
  return '<article class="progress-card' + (complete ? ' complete' : '') + '" id="progress-' + key + '"' +
    (pct != null ? ' data-percent="' + pct + '"' : '') + '>' +
    '<div class="pc-title">' + titleZh + ' <small>' + titleEn + '</small></div>' +
    '<div class="pc-figures"><b class="pc-done" id="done-' + key + '">' + num(done, decimals) + '</b>' +
    (hasTarget ? '<span class="pc-of"> / </span><span class="pc-target" id="target-' + key + '">' + num(target, 0) + '</span>' : '') +
    ' <span class="pc-unit">' + unit + '</span></div>' +
    (hasTarget
      ? '<div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="' + width + '" aria-label="' +
        esc(titleZh + ' ' + titleEn) + '"><i style="width:' + width + '%"></i></div>' +
        '<div class="pc-foot"><span class="pct">' + num(pct, 1) + '%</span>' +
        (over ? ' <span class="pc-note good">超额 <small>exceeded</small> ' + num(done - target, decimals) + '</span>'
          : complete ? ' <span class="pc-note good">已完成 <small>done</small></span>'
            : ' <span class="pc-note">尚差 <small>to go</small> ' + num(target - done, decimals) + ' ' + unit + '</span>') +
        '</div>'
      : '<div class="pc-foot muted">' + (tally && tally.project ? '项目未设此目标 <small>no target set</small>'
        : '无目标 <small>a whole zone has no targets</small>') + '</div>') +
    '</article>';
}

function deadlineCard(t) {
  const p = t.project;
  const total = daysBetween(p.started, p.deadline);
  const elapsed = Math.max(0, Math.min(total, daysBetween(p.started, t.asOf)));
  const pctTime = total > 0 ? Math.round(elapsed / total * 1000) / 10 : 100;
  const left = daysBetween(t.asOf, p.deadline);
  const muPct = t.total.percentOfTarget ? t.total.percentOfTarget.mu : null;
  const met = muPct != null && muPct >= 100;
  let status;
  if (left >= 0) {
    status = '剩余 <b>' + num(left, 0) + '</b> 天 <small>days left</small>';
  } else if (met) {
    status = '已过期限 <small>past the deadline</small> · 面积目标已完成 <small>area target met</small>';
  } else {
    status = '<span class="overdue">已逾期 <b>' + num(-left, 0) + '</b> 天 <small>days overdue</small></span>';
  }
  return '<article class="progress-card deadline-card' + (left < 0 && !met ? ' late' : '') + '" id="progress-deadline">' +
    '<div class="pc-title">期限 <small>Deadline</small></div>' +
    '<div class="pc-figures"><b id="deadline">' + esc(p.deadline) + '</b></div>' +
    '<div class="bar time"><i style="width:' + pctTime + '%"></i></div>' +
    '<div class="pc-foot"><span class="pct">' + num(pctTime, 1) + '%</span> <small>时间已过 of the time elapsed</small><br>' +
    status + '</div></article>';
}

function renderProgress(t) {
  const f = t.total.freed;
  const targets = t.project ? t.project.targets : null;
  const pct = t.total.percentOfTarget || {};
  el('progress').innerHTML =
    progressCard('enterprises', '迁出企业', 'Enterprises moved', f.enterprises, targets && targets.enterprises,
      pct.enterprises, '家', 0) +
    progressCard('households', '搬迁户数', 'Households relocated', f.households, targets && targets.households,
      pct.households, '户', 0) +
    progressCard('mu', '腾出土地', 'Land freed', f.area.mu, targets && targets.mu, pct.mu, '亩', 2) +
    (t.project ? deadlineCard(t) : '<article class="progress-card" id="progress-parcels"><div class="pc-title">腾出宗地 ' +
      '<small>Parcels freed</small></div><div class="pc-figures"><b>' + num(f.parcels, 0) + '</b> <span class="pc-unit">宗</span>' +
      '</div><div class="pc-foot muted">' + num(f.area.ha, 2) + ' 公顷 <small>ha</small> · ' + num(f.area.m2, 0) + ' m²</div></article>');
}

function renderBlocks(t) {
  const maxShare = 100;
  const rows = t.blocks.map((b) => {
    const share = b.areaOfScope.m2 > 0 ? b.freed.area.m2 / b.areaOfScope.m2 * 100 : 0;
    return '<tr data-block="' + esc(b.code) + '" tabindex="0" class="' + (b.code === selectedBlock ? 'selected' : '') +
      '" title="在地图和明细中筛选 Filter the map and the events">' +
      '<td class="text"><span class="block-name">' + esc(b.name) + '</span></td>' +
      '<td>' + num(b.areaOfScope.mu, 0) + '</td>' +
      '<td>' + num(b.freed.parcels, 0) + '</td>' +
      '<td>' + num(b.freed.enterprises, 0) + '</td>' +
      '<td>' + num(b.freed.households, 0) + '</td>' +
      '<td class="strong">' + num(b.freed.area.mu, 2) + '</td>' +
      '<td class="text share-col"><span class="share"><i style="width:' + Math.min(maxShare, share) + '%"></i></span>' +
      '<span class="share-text">' + num(share, 1) + '%</span></td></tr>';
  }).join('');
  const tb = el('blocks-table');
  tb.tBodies[0].innerHTML = rows || '<tr><td colspan="7" class="text muted">无区块 <small>No blocks</small></td></tr>';
  const total = t.total;
  const share = total.areaOfScope.m2 > 0 ? total.freed.area.m2 / total.areaOfScope.m2 * 100 : 0;
  tb.tFoot.innerHTML = '<tr><td class="text">合计 <small>Total</small></td><td>' + num(total.areaOfScope.mu, 0) + '</td><td>' +
    num(total.freed.parcels, 0) + '</td><td>' + num(total.freed.enterprises, 0) + '</td><td>' +
    num(total.freed.households, 0) + '</td><td class="strong">' + num(total.freed.area.mu, 2) + '</td>' +
    '<td class="text share-col"><span class="share"><i style="width:' + Math.min(100, share) + '%"></i></span>' +
    '<span class="share-text">' + num(share, 1) + '%</span></td></tr>';
  for (const row of tb.tBodies[0].querySelectorAll('tr[data-block]')) {
    const pick = () => selectBlock(selectedBlock === row.dataset.block ? null : row.dataset.block);
    row.addEventListener('click', pick);
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        pick();
      }
    });
  }
}

function renderIdle(t) {
  const idle = t.idle || { count: 0, area: {}, parcels: [] };
  const zone = controls.zone.value;
  el('idle-summary').innerHTML = '<span class="idle-count' + (idle.count ? ' has' : '') + '"><b id="idle-count">' +
    num(idle.count, 0) + '</b> 宗 <small>parcels</small></span><span class="idle-area"><b>' + num(idle.area.mu, 2) +
    '</b> 亩 <small>mu</small></span><span class="muted idle-def">已供地，约定开工日期后满一年未动工（截至 ' + esc(t.asOf) +
    '） <small>supplied, construction not started a year after the contracted date</small></span>';
  const blockName = (code) => {
    const b = t.blocks.find((x) => x.code === code);
    return b ? b.name : code || '';
  };
  el('idle-table').tBodies[0].innerHTML = idle.parcels.length
    ? idle.parcels.map((p) => '<tr><td class="text"><a class="code" href="./#' + enc(zone) + '/' + enc(p.code) +
      '" title="在地图中打开 Open on the map">' + esc(p.code) + '</a></td><td class="text">' + esc(blockName(p.block)) +
      '</td><td class="text">' + esc(p.constructionDue) + '</td><td>' + num(p.area.mu, 2) + '</td></tr>').join('')
    : '<tr><td colspan="4" class="text muted">无闲置土地 <small>No idle land</small></td></tr>';
}

function renderEvents(events, block) {
  const table = el('events-table');
  const zone = controls.zone.value;
  let households = 0;
  let mu = 0;
  table.tBodies[0].innerHTML = events.length ? events.map((e) => {
    households += e.households || 0;
    mu += e.parcelMu || 0;
    return '<tr data-parcel="' + esc(e.parcel) + '" data-block="' + esc(e.block || '') + '">' +
      '<td class="text nowrap">' + esc(e.effectiveDate) + '</td>' +
      '<td class="text"><a class="code" href="./#' + enc(zone) + '/' + enc(e.parcel) + '" title="在地图中打开 Open on the map">' +
      esc(e.parcel) + '</a></td>' +
      '<td class="text nowrap">' + esc(e.blockName || e.block || '') + '</td>' +
      '<td class="text nowrap">' + stateChip(e.fromState) + '<span class="arrow">→</span>' + stateChip(e.toState) + '</td>' +
      '<td class="text">' + (e.enterprise ? esc(e.enterprise) + (e.enterpriseCreditCode
        ? '<div class="sub code-plain">' + esc(e.enterpriseCreditCode) + '</div>' : '') : DASH) + '</td>' +
      '<td>' + (e.households ? num(e.households, 0) : DASH) + '</td>' +
      '<td>' + num(e.parcelMu, 2) + '</td>' +
      '<td class="text">' + (e.documentNo ? esc(e.documentNo) : DASH) + '</td>' +
      '<td class="text">' + esc(e.actor) + (e.reason ? '<div class="sub">' + esc(e.reason) + '</div>' : '') + '</td>' +
      '<td class="text nowrap">' + esc(recordedTime(e.recordedAt)) + '</td></tr>';
  }).join('') : '<tr><td colspan="10" class="text muted empty">本期无腾出记录 <small>No land freed in the period</small></td></tr>';
  table.tFoot.innerHTML = events.length ? '<tr><td class="text" colspan="5">合计 <small>Total</small> ' + num(events.length, 0) +
    ' 条 <small>events</small></td><td>' + num(households, 0) + '</td><td>' + num(mu, 2) + '</td><td colspan="3"></td></tr>' : '';
  el('events-count').innerHTML = '共 <b>' + num(events.length, 0) + '</b> 条 <small>events</small>';
  const filter = el('events-filter');
  if (block) {
    const b = tally && tally.blocks.find((x) => x.code === block);
    filter.innerHTML = '区块 <small>block</small> ' + esc(b ? b.name : block) +
      ' <button type="button" class="chip-clear" title="显示全部 Show all" aria-label="显示全部 Show all">×</button>';
    filter.hidden = false;
    filter.querySelector('button').addEventListener('click', () => selectBlock(null));
  } else {
    filter.hidden = true;
  }
  table.dataset.block = block || '';
  table.dataset.count = String(events.length);
  for (const row of table.tBodies[0].querySelectorAll('tr[data-parcel]')) {
    row.addEventListener('click', (event) => {
      if (event.target.closest('a')) {
        return;
      }
      const layer = freedParcels.get(row.dataset.parcel);
      if (layer) {
        map.fitBounds(layer.getBounds(), { maxZoom: 17, padding: [40, 40] });
        layer.openPopup(layer.getBounds().getCenter());
        el('map-card').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
    });
  }
}

function renderDownloads() {
  const q = apiQuery();
  el('download-csv').href = 'api/renewal/tally.csv?' + q;
  el('download-xlsx').href = 'api/renewal/tally.xlsx?' + q;
}

function renderFoot(t) {
  const link = location.href;
  el('report-foot').innerHTML = '数据来源 <small>Source</small>: LandRenew 更新台账 · ' +
    '报表重现链接 <small>Link to reproduce</small>: <a href="' + esc(link) + '">' + esc(decodeURIComponent(link)) + '</a>' +
    '<br>面积为 CGCS2000 / EPSG:4549 平面面积，1 亩 = 10000/15 m²。腾出：迁入"腾空"或之后状态的宗地，' +
    '按生效日期计入统计期，按截至日已记录的台账计算。 <small>Areas are planar in EPSG:4549. Freed: moved into ' +
    '"vacated" or a later state, counted by effective date, from the ledger as recorded by the as-of date.</small>';
}

// ---------------------------------------------------------------- loading

let loadSeq = 0;
let eventsSeq = 0;
let loadController = null;

function showError(message) {
  const box = el('report-error');
  box.hidden = !message;
  box.innerHTML = message ? '无法生成报表 <small>Could not make the report:</small> ' + esc(message) : '';
}

/** Loads and shows everything for the controls' query. */
async function load(options = {}) {
  const seq = ++loadSeq;
  if (loadController) {
    loadController.abort();
  }
  const controller = new AbortController();
  loadController = controller;
  document.body.dataset.state = 'loading';
  el('events-table').dataset.state = 'loading';
  showStatus('<span class="spinner"></span>加载中… <small>Loading</small>', 'busy');
  writeUrl(options.push);
  renderDownloads();
  const zone = controls.zone.value;
  try {
    const [t, freed] = await Promise.all([
      getJson('api/renewal/tally?' + apiQuery(), controller.signal),
      getJson('api/renewal/freed?' + apiQuery(), controller.signal),
      ensureBlocks(zone),
    ]);
    if (seq !== loadSeq) {
      return;
    }
    tally = t;
    api.tally = t;
    const scope = new Set(t.blocks.map((b) => b.code));
    if (selectedBlock && !scope.has(selectedBlock)) {
      selectedBlock = null;
      writeUrl(false);
    }
    showError('');
    freedClasses = freedClassesFor(t.from, t.to);
    renderHead(t);
    renderProgress(t);
    renderBlocks(t);
    renderIdle(t);
    renderChart(t);
    drawZone(zone);
    drawBlocks(zone, scope);
    drawFreed(freed);
    map.invalidateSize();
    styleBlocks(true);
    await loadEvents(controller.signal);
    if (seq !== loadSeq) {
      return;
    }
    renderFoot(t);
    showStatus('');
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (error.name === 'AbortError' || seq !== loadSeq) {
      return;
    }
    showStatus('');
    showError(error.message);
    document.body.dataset.state = 'error';
    el('events-table').dataset.state = 'error';
    throw error;
  } finally {
    if (loadController === controller) {
      loadController = null;
    }
  }
}

async function loadEvents(signal) {
  const seq = ++eventsSeq;
  const block = selectedBlock;
  const table = el('events-table');
  table.dataset.state = 'loading';
  const events = await getJson('api/renewal/events?' + apiQuery(block), signal);
  if (seq !== eventsSeq) {
    return;
  }
  renderEvents(events, block);
  table.dataset.state = 'ready';
}

async function ensureBlocks(zone) {
  if (!blocksByZone.has(zone)) {
    blocksByZone.set(zone, await loadBlocks(zone));
  }
}

/** Picks a block (or none): highlighted and zoomed to on the map, the events filtered to it. */
async function selectBlock(code, options = {}) {
  selectedBlock = code || null;
  writeUrl(true);
  for (const row of el('blocks-table').tBodies[0].querySelectorAll('tr[data-block]')) {
    row.classList.toggle('selected', row.dataset.block === selectedBlock);
  }
  styleBlocks(options.fromMap ? false : 'animate');
  if (options.fromMap && selectedBlock) {
    const layer = blockLayers.get(selectedBlock);
    if (layer) map.fitBounds(layer.getBounds(), { padding: [18, 18] });
  }
  try {
    await loadEvents();
  } catch (error) {
    el('events-table').dataset.state = 'error';
    showError(error.message);
  }
}

async function loadProjects(zone) {
  if (!projectsByZone.has(zone)) {
    projectsByZone.set(zone, await getJson('api/renewal/projects?zone=' + enc(zone)));
  }
  const projects = projectsByZone.get(zone);
  controls.project.innerHTML = projects.map((p) =>
    '<option value="' + esc(p.code) + '">' + esc(p.name) + '</option>').join('') +
    '<option value="">整个开发区 Whole zone</option>';
  return projects;
}

/** Sets the controls from the URL's query string; a zone without a project parameter opens its first project. */
async function readUrl() {
  const params = new URLSearchParams(location.search);
  const zone = params.get('zone');
  controls.zone.value = zone && zones.has(zone) ? zone : controls.zone.options[0].value;
  const projects = await loadProjects(controls.zone.value);
  const project = params.get('project');
  if (project === null) {
    controls.project.value = projects.length ? projects[0].code : '';
  } else {
    if (project && !projects.some((p) => p.code === project)) {
      // unknown to the list: keep it, so the API names what is wrong
      controls.project.insertAdjacentHTML('afterbegin', '<option value="' + esc(project) + '">' + esc(project) + '</option>');
    }
    controls.project.value = project;
  }
  controls.from.value = params.get('from') || '';
  controls.to.value = params.get('to') || '';
  controls.asOf.value = params.get('asOf') || todayInChina();
  const groupBy = params.get('groupBy');
  controls.groupBy.value = ['month', 'quarter', 'year'].includes(groupBy) ? groupBy : 'month';
  selectedBlock = params.get('block') || null;
}

// ---------------------------------------------------------------- events

controls.zone.addEventListener('change', async () => {
  selectedBlock = null;
  try {
    const projects = await loadProjects(controls.zone.value);
    controls.project.value = projects.length ? projects[0].code : '';
  } catch (error) {
    showError(error.message);
    return;
  }
  load({ push: true }).catch(() => {});
});
for (const key of ['project', 'from', 'to', 'asOf', 'groupBy']) {
  controls[key].addEventListener('change', () => {
    if (key === 'project') {
      selectedBlock = null;
    }
    load({ push: true }).catch(() => {});
  });
}
el('controls').addEventListener('submit', (event) => event.preventDefault());
el('print-button').addEventListener('click', () => window.print());
el('map-all').addEventListener('click', () => selectBlock(null));
window.addEventListener('popstate', () => {
  readUrl().then(() => load()).catch(() => {});
});
/** Printing changes the map's size: redraw it for the paper (and back), on the same blocks. */
function refit() {
  map.invalidateSize({ pan: false });
  styleBlocks(true);
}
window.addEventListener('beforeprint', refit);
window.addEventListener('afterprint', () => {
  refit();
  if (chart) chart.resize();
});
window.matchMedia('print').addEventListener('change', refit);

// ---------------------------------------------------------------- start

const api = { map, chart: null, blockLayers, freedLayer, freedParcels, highlightedBlock: null, tally: null,
  selectBlock, BLOCK_HIGHLIGHT };
window.landrenewAudit = api;

async function start() {
  addBasemap(map, await getJson('api/config').catch(() => null));
  const [stateList] = await Promise.all([getJson('api/states'), loadZones(zones)]);
  for (const s of stateList) {
    states.set(s.code, s);
  }
  fillZoneSelect(controls.zone, zones);
  controls.asOf.max = todayInChina();
  await readUrl();
  await load();
}

api.ready = start();
api.ready.catch((error) => {
  showStatus('');
  showError(error.message);
  document.body.dataset.state = 'error';
});
