/*
 * LandRenew 土地更新 — from the yearly per-mu evaluation to renewal work (staff).
 *
 * For a zone and evaluation year: the candidates per block (GET api/evaluations/candidates), marked
 * low-efficiency in bulk by planners (POST api/evaluations/low-efficiency, through the ledger, all or
 * nothing); the 一企一策 plans of this year and last year, with whether the next year's evaluation met their
 * target (api/evaluations/plans);
 * and the auditors' yearly report with a chart of the zone's per-mu figures over the years
 * (api/evaluations/report, CSV and XLSX). The URL's query string mirrors the controls.
 *
 * For tests: window.landrenewRenewal = { ready (a promise: the first load done), candidates, plans, report, chart }.
 */

import { getJson, write } from './api.js';
import { showStatus } from './header.js';
import { num, esc, DASH, todayInChina } from './format.js';
import { chooseZone, fillZoneSelect, loadZones } from './map-setup.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;
let readyResolve;
let readyReject;
const api = { ready: new Promise((resolve, reject) => { readyResolve = resolve; readyReject = reject; }),
  candidates: null, plans: null, report: null, chart: null };
window.landrenewRenewal = api;

/** state code → {nameZh, nameEn}, from api/states: the page shows names, not codes. */
const states = new Map();
const stateName = (code) => (states.has(code) ? esc(states.get(code).nameZh) + ' <small>' + esc(states.get(code).nameEn)
  + '</small>' : esc(code));

const REASONS = { class_d: 'D类 class D', class_c: 'C类 class C', below_floor: '低于下限 under the floor', idle: '闲置 idle' };

function query() {
  const q = 'zone=' + enc(el('zone').value) + '&year=' + enc(el('year').value);
  return q + (el('with-c').checked ? '&classes=D,C' : '');
}

function writeUrl() {
  history.replaceState(null, '', location.pathname + '?' + query());
  el('to-evaluation').href = 'evaluation.html?zone=' + enc(el('zone').value) + '&year=' + enc(el('year').value);
}

function cls(c) {
  return c ? '<span class="class-' + esc(c) + '">' + esc(c) + '</span>' : DASH;
}

function renderCandidates(c) {
  el('candidates-note').textContent = num(c.parcels, 0) + ' 宗 parcels · ' + num(c.mu, 2) + ' 亩 mu';
  if (!c.blocks.length) {
    el('candidates').innerHTML = '<p class="muted">没有候选地块 No candidates</p>';
    return;
  }
  const rows = [];
  c.blocks.forEach((b) => {
    rows.push('<tr class="block-head"><td colspan="8">' + (b.code ? esc(b.name) + ' <small>' + esc(b.code) + '</small>'
      : '区块外 <small>Outside blocks</small>') + ' · ' + num(b.parcels, 0) + ' 宗 · ' + num(b.mu, 2) + ' 亩</td></tr>');
    b.candidates.forEach((p) => {
      rows.push('<tr data-code="' + esc(p.code) + '"><td><input type="checkbox" class="pick" value="' + esc(p.code) + '"'
        + (p.state === 'in_use' || p.state === 'in_production' ? '' : ' disabled') + ' aria-label="' + esc(p.code) + '"></td>'
        + '<td>' + esc(p.code) + '</td><td>' + stateName(p.state) + '</td><td class="num">' + num(p.mu, 2) + '</td>'
        + '<td>' + (p.enterprise ? esc(p.enterprise) : DASH) + '</td><td>' + cls(p.evaluationClass) + '</td>'
        + '<td class="num">' + (p.taxWanPerMu == null ? DASH : num(p.taxWanPerMu, 2)) + '</td>'
        + '<td>' + p.reasons.map((r) => esc(REASONS[r] || r)).join('、') + '</td></tr>');
    });
  });
  el('candidates').innerHTML = '<table class="table"><thead><tr><th></th><th>宗地 <small>Parcel</small></th>'
    + '<th>状态 <small>State</small></th><th>面积（亩） <small>mu</small></th><th>企业 <small>Enterprise</small></th>'
    + '<th>类别 <small>Class</small></th><th>亩均税收 <small>Tax/mu</small></th><th>原因 <small>Why</small></th></tr></thead><tbody>'
    + rows.join('') + '</tbody></table>';
}

/** Whether a plan's target was met, by the next year's evaluation: met, missed, awaited or nothing to meet. */
function verdict(p) {
  if (p.targetMet === true) return '<span class="met">达成 <small>met</small></span>';
  if (p.targetMet === false) return '<span class="missed">未达成 <small>missed</small></span>';
  if (p.targetTaxWanPerMu == null && p.targetValueAddedWanPerMu == null) return '<span class="muted">无目标 <small>no target</small></span>';
  return '<span class="muted">待 ' + (p.year + 1) + ' 年评价 <small>awaiting ' + (p.year + 1) + '</small></span>';
}

function renderPlans(plans) {
  const met = plans.filter((p) => p.targetMet === true).length;
  const missed = plans.filter((p) => p.targetMet === false).length;
  el('plans-note').textContent = num(plans.length, 0) + ' 个方案 plans · 达成 met ' + met + ' · 未达成 missed ' + missed;
  el('plans-table').querySelector('tbody').innerHTML = plans.length ? plans.map((p) => '<tr data-plan="' + p.id + '"'
    + ' data-year="' + p.year + '">'
    + '<td>' + p.year + '</td><td>' + esc(p.enterprise) + ' <small>' + esc(p.creditCode) + '</small></td><td>' + cls(p.evaluationClass) + '</td>'
    + '<td>' + esc(p.kindName) + '</td><td>' + esc(p.due) + '</td>'
    + '<td class="num">' + (p.targetTaxWanPerMu == null ? DASH : '≥ ' + num(p.targetTaxWanPerMu, 2)) + '</td>'
    + '<td class="num">' + num(p.landMu, 2) + '</td><td>' + (p.project ? esc(p.project) : DASH) + '</td>'
    + '<td>' + (p.next.year ? p.next.year + ' ' + cls(p.next.evaluationClass) + ' ' + (p.next.taxWanPerMu == null ? ''
      : num(p.next.taxWanPerMu, 2)) : DASH) + '</td>'
    + '<td class="target-met">' + verdict(p) + '</td></tr>').join('')
    : '<tr><td colspan="10" class="muted">尚无方案 No plans</td></tr>';
}

function renderReport(r) {
  el('report-title').textContent = r.zoneName + '（' + r.zone + '） ' + r.year + ' 年度 · ' + r.from + ' 至 to ' + r.to
    + ' · 截至 as of ' + r.asOf;
  const w = r.work;
  const land = (item, enterprises, l) => '<tr><td>' + item + '</td><td></td><td class="num">' + enterprises
    + '</td><td class="num">' + num(l.parcels, 0) + '</td><td class="num">' + num(l.mu, 2) + '</td></tr>';
  el('report-table').querySelector('tbody').innerHTML =
    '<tr><td>参评企业 <small>Evaluated</small></td><td></td><td class="num">' + num(r.enterprisesEvaluated, 0) + '</td><td></td><td></td></tr>'
    + '<tr><td>评级企业 <small>Rated</small></td><td></td><td class="num">' + num(r.enterprisesRated, 0)
    + '</td><td></td><td class="num">' + num(r.ratedLandMu, 2) + '</td></tr>'
    + r.classes.map((c) => '<tr><td>分类 <small>Class</small></td><td>' + cls(c.evaluationClass) + '</td><td class="num">'
      + num(c.enterprises, 0) + '</td><td></td><td class="num">' + num(c.landMu, 2) + '</td></tr>').join('')
    + land('认定低效用地 <small>Low-efficiency identified</small>', '', w.lowEfficiencyIdentified)
    + land('一企一策 <small>Under a plan</small>', num(w.plans, 0), w.underPlan)
    + land('提升改造 <small>Improved in place</small>', '', w.improvedInPlace)
    + land('腾退 <small>Vacating begun</small>', '', w.vacating)
    + land('腾空盘活 <small>Freed</small>', num(w.enterprisesMovedOut, 0), w.freed);
  el('report-csv').href = 'api/evaluations/report.csv?' + query();
  el('report-xlsx').href = 'api/evaluations/report.xlsx?' + query();
  if (api.chart) {
    api.chart.destroy();
  }
  api.chart = new Chart(el('per-mu-chart'), {
    type: 'line',
    data: {
      labels: r.years.map((y) => String(y.year)),
      datasets: [
        { label: '亩均税收 Tax per mu (万元/亩)', data: r.years.map((y) => y.taxWanPerMu), borderColor: '#2f6fd0',
          backgroundColor: '#2f6fd0', tension: 0.15 },
        { label: '亩均增加值 Value added per mu (万元/亩)', data: r.years.map((y) => y.valueAddedWanPerMu),
          borderColor: '#e65100', backgroundColor: '#e65100', tension: 0.15 },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } },
  });
}

async function load() {
  writeUrl();
  el('page-error').hidden = true;
  showStatus('加载中… Loading…');
  try {
    // Last year's plans too: this year's evaluation is what tells whether their targets were met.
    const year = Number(el('year').value);
    const plansOf = (y) => (y >= 2000 ? getJson('api/evaluations/plans?zone=' + enc(el('zone').value) + '&year=' + y)
      : Promise.resolve([]));
    const [candidates, lastYearsPlans, thisYearsPlans, report] = await Promise.all([
      getJson('api/evaluations/candidates?' + query()),
      plansOf(year - 1),
      plansOf(year),
      getJson('api/evaluations/report?zone=' + enc(el('zone').value) + '&year=' + enc(el('year').value)),
    ]);
    const plans = lastYearsPlans.concat(thisYearsPlans);
    Object.assign(api, { candidates, plans, report });
    renderCandidates(candidates);
    renderPlans(plans);
    renderReport(report);
    showStatus(num(candidates.parcels, 0) + ' 宗候选 candidates · ' + num(plans.length, 0) + ' 个方案 plans');
  } catch (e) {
    el('page-error').textContent = e.message;
    el('page-error').hidden = false;
    showStatus('加载失败 Failed', 'error');
  }
  document.body.dataset.state = 'ready';
}

async function mark() {
  const parcels = [...document.querySelectorAll('.pick:checked')].map((box) => box.value);
  if (!parcels.length) {
    el('mark-result').textContent = '请先勾选宗地。Pick parcels first.';
    return;
  }
  try {
    const done = await write('api/evaluations/low-efficiency', 'POST', { zone: el('zone').value,
      year: Number(el('year').value), parcels, effectiveDate: el('mark-date').value || todayInChina(),
      documentNo: el('mark-document').value || null });
    el('mark-result').textContent = '已认定 ' + done.parcels + ' 宗，' + num(done.mu, 2) + ' 亩。Marked ' + done.parcels + ' parcels.';
    await load();
  } catch (e) {
    el('mark-result').textContent = e.message;
  }
}

async function recordPlan(event) {
  event.preventDefault();
  const target = el('plan-target').value;
  try {
    await write('api/evaluations/plans', 'POST', { creditCode: el('plan-credit').value.trim(), zone: el('zone').value,
      year: Number(el('year').value), kind: el('plan-kind').value, due: el('plan-due').value,
      targetTaxWanPerMu: target === '' ? null : Number(target), note: el('plan-note').value,
      project: el('plan-project').value.trim() || null });
    el('plan-result').textContent = '已记录 Recorded';
    await load();
  } catch (e) {
    el('plan-result').textContent = e.message;
  }
}

async function start() {
  const params = new URLSearchParams(location.search);
  const [zones, stateList] = await Promise.all([loadZones(), getJson('api/states')]);
  stateList.forEach((st) => states.set(st.code, st));
  fillZoneSelect(el('zone'), zones);
  const unknownZone = chooseZone(el('zone'), zones, params.get('zone'));
  el('year').value = params.get('year') || String(Number(todayInChina().slice(0, 4)) - 1);
  el('with-c').checked = (params.get('classes') || '').includes('C');
  el('controls').addEventListener('change', load);
  el('mark-button').addEventListener('click', mark);
  el('plan-form').addEventListener('submit', recordPlan);
  el('print-button').addEventListener('click', () => window.print());
  await load();
  if (unknownZone) {
    el('page-error').textContent = unknownZone;
    el('page-error').hidden = false;
  }
}

start().then(readyResolve, (e) => {
  el('page-error').textContent = e.message;
  el('page-error').hidden = false;
  document.body.dataset.state = 'ready';
  readyReject(e);
});
