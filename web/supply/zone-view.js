/*
 * LandRenew 土地更新 — the supply page's Zone tab (供地计划与储备): the land bank (土地储备库) of the zone or
 * one block (GET api/supply/land-bank), on the map coloured by when it is ready for supply and as a list,
 * and the approved plans' supply by month (GET api/supply/schedule) as a stacked bar chart.
 */

import { getJson } from '../api.js';
import { daysBetween, esc, num, shortCode, todayInChina } from '../format.js';
import { showStatus } from '../header.js';
import { bankGroup, map, page, problemHtml, showLegend, states, updateUrl } from './base.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

/** "code" → land-bank parcel layer. */
export const bankLayers = new Map();
let chart = null;

/** The schedule's chart (Chart.js), once drawn. */
export function scheduleChart() {
  return chart;
}

function readinessColour(p, today) {
  if (!p.readyDate) return '#9e9e9e';
  if (p.ready) return '#1a7f37';
  const days = daysBetween(today, p.readyDate);
  return days <= 183 ? '#b5d334' : days <= 366 ? '#f2c12e' : '#f08a24';
}

/** Loads the land bank and the schedule of the zone, or of the block chosen. */
export async function loadZoneView() {
  const block = el('bank-block').value;
  const query = 'zone=' + enc(page.zone.id) + (block ? '&block=' + enc(block) : '');
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
  const blockNames = new Map(page.blocks.map((b) => [b.properties.code, b.properties.name]));
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
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const box = L.DomUtil.create('div', 'map-legend');
    box.id = 'bank-legend';
    box.innerHTML = '<b>土地储备库 Land bank</b>' + [['#1a7f37', '已具备 ready now'], ['#b5d334', '半年内 within 6 months'],
      ['#f2c12e', '一年内 within a year'], ['#f08a24', '一年以上 later'], ['#9e9e9e', '未登记 no facts']]
      .map(([c, t]) => '<div><span class="swatch" style="background:' + c + '"></span>' + t + '</div>').join('');
    return box;
  };
  showLegend(legend);
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

el('bank-block').addEventListener('change', loadZoneView);
