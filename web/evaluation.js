/*
 * The per-mu evaluation page (亩均效益评价), for staff: a zone's scheme for a year (indicators, weights,
 * benchmarks, floor and cap, classes by share or score, vetoes, groups, minimum land), edited and saved by
 * planners and admins (the server evaluates at once), read by auditors; the year's figures imported from
 * CSV or XLSX (dry run first); the results with downloads, and the way on to the renewal work of the same zone
 * and year (renewal-candidates.html). The zone and year live in the address (evaluation.html?zone=anji&year=2025). For tests: window.landrenewEvaluation = { ready, load() }.
 */

import { getJson, write, send } from './api.js';
import { showStatus } from './header.js';
import { esc, num, DASH, todayInChina } from './format.js';
import { chooseZone, fillZoneSelect, loadZones } from './map-setup.js';

const el = (id) => document.getElementById(id);
const api = (window.landrenewEvaluation = {});
const GROUPS = { above: '规上', below: '规下' };

function zoneYear() {
  return encodeURIComponent(el('zone').value) + '/' + encodeURIComponent(el('year').value);
}

function numberOrNull(input) {
  return input.value === '' ? null : Number(input.value);
}

function showScheme(scheme) {
  el('scheme-saved').textContent = scheme.saved
    ? '已保存 saved' + (scheme.updatedBy ? ' · ' + scheme.updatedBy : '')
    : '未保存：常用方案 not saved: the usual scheme';
  el('indicator-rows').innerHTML = scheme.indicators.map((i) =>
    '<tr data-code="' + esc(i.code) + '"><td><input type="checkbox" class="on"' + (i.enabled ? ' checked' : '') + '></td>' +
    '<td>' + esc(i.name) + ' <small>' + esc(i.nameEn) + '</small></td><td>' + esc(i.unit) + '</td>' +
    '<td><input type="number" class="weight" step="0.01" min="0" max="100" value="' + esc(i.weight) + '"></td>' +
    '<td><input type="number" class="benchmark" step="any" min="0" value="' + (i.benchmark === null ? '' : esc(i.benchmark)) + '"></td>' +
    '<td><input type="number" class="floor" step="0.01" min="0" max="10" value="' + esc(i.floor) + '"></td>' +
    '<td><input type="number" class="cap" step="0.01" min="0" max="10" value="' + esc(i.cap) + '"></td></tr>').join('');
  el('groupsApart').checked = scheme.groupsApart;
  el('minLandMu').value = scheme.minLandMu;
  el('classBy').value = scheme.classBy;
  el('thresholdA').value = scheme.thresholds.a;
  el('thresholdB').value = scheme.thresholds.b;
  el('thresholdC').value = scheme.thresholds.c;
  el('shareA').value = scheme.shares.a;
  el('shareB').value = scheme.shares.b;
  el('shareD').value = scheme.shares.d;
  el('vetoIncident').checked = scheme.vetoes.incident;
  el('taxFloor').value = scheme.vetoes.taxFloor === null ? '' : scheme.vetoes.taxFloor;
  el('vetoHighTech').checked = scheme.vetoes.highTech;
  showClassBy();
  showWeightSum();
}

function schemeFromForm() {
  return {
    groupsApart: el('groupsApart').checked,
    minLandMu: numberOrNull(el('minLandMu')),
    classBy: el('classBy').value,
    thresholds: { a: numberOrNull(el('thresholdA')), b: numberOrNull(el('thresholdB')), c: numberOrNull(el('thresholdC')) },
    shares: { a: numberOrNull(el('shareA')), b: numberOrNull(el('shareB')), d: numberOrNull(el('shareD')) },
    vetoes: { incident: el('vetoIncident').checked, taxFloor: numberOrNull(el('taxFloor')), highTech: el('vetoHighTech').checked },
    indicators: [...el('indicator-rows').querySelectorAll('tr')].map((row) => ({
      code: row.dataset.code,
      enabled: row.querySelector('.on').checked,
      weight: numberOrNull(row.querySelector('.weight')),
      benchmark: numberOrNull(row.querySelector('.benchmark')),
      floor: numberOrNull(row.querySelector('.floor')),
      cap: numberOrNull(row.querySelector('.cap')),
    })),
  };
}

function showClassBy() {
  const byScore = el('classBy').value === 'score';
  document.querySelectorAll('.by-score').forEach((n) => { n.hidden = !byScore; });
  document.querySelectorAll('.by-share').forEach((n) => { n.hidden = byScore; });
}

function showWeightSum() {
  const sum = schemeFromForm().indicators.filter((i) => i.enabled).reduce((s, i) => s + (i.weight || 0), 0);
  el('weight-sum').textContent = num(sum, 2);
  el('weight-sum').className = Math.abs(sum - 100) < 1e-9 ? '' : 'bad';
}

function showResults(answer) {
  const counts = { A: 0, B: 0, C: 0, D: 0 };
  answer.results.forEach((r) => { if (r.grade) counts[r.grade] += 1; });
  el('class-counts').textContent = Object.entries(counts).map(([k, v]) => k + ' ' + v).join(' · ');
  el('result-rows').innerHTML = answer.results.length ? answer.results.map((r) =>
    '<tr data-code="' + esc(r.creditCode) + '"><td>' + esc(GROUPS[r.scaleGroup] || r.scaleGroup) + '</td>' +
    '<td>' + (r.rank === null ? DASH : esc(r.rank) + ' / ' + esc(r.groupSize)) + '</td>' +
    '<td>' + esc(r.name) + ' <small>' + esc(r.creditCode) + '</small></td>' +
    '<td>' + num(r.landMu, 2) + (r.declaredMu === null ? '' : ' <small>申报 ' + num(r.declaredMu, 2) + '</small>') + '</td>' +
    '<td>' + num(r.taxWanPerMu, 2) + '</td><td>' + num(r.valueAddedWanPerMu, 2) + '</td>' +
    '<td>' + (r.score === null ? DASH : num(r.score, 2)) + '</td>' +
    '<td class="class-' + esc(r.grade || '') + '">' + (r.grade ? esc(r.grade) : DASH) + '</td>' +
    '<td>' + (r.classLastYear ? esc(r.classLastYear) : DASH) + '</td>' +
    '<td>' + esc(r.veto || r.notRated || '') + '</td></tr>').join('')
    : '<tr><td colspan="10" class="muted">尚无结果 <small>No results yet</small></td></tr>';
}

async function load() {
  el('error').hidden = true;
  const zone = el('zone').value;
  const year = el('year').value;
  history.replaceState(null, '', '?zone=' + encodeURIComponent(zone) + '&year=' + encodeURIComponent(year));
  const query = 'api/evaluations?zone=' + encodeURIComponent(zone) + '&year=' + encodeURIComponent(year);
  el('download-csv').href = query + '&format=csv';
  el('download-xlsx').href = query + '&format=xlsx';
  // The renewal work of the same zone and year: candidates, marking, plans and their verdicts.
  const renewal = 'renewal-candidates.html?zone=' + encodeURIComponent(zone) + '&year=' + encodeURIComponent(year);
  el('to-renewal').href = renewal;
  el('to-renewal-next').href = renewal;
  showStatus('加载中… <small>Loading</small>');
  try {
    const [scheme, results] = await Promise.all([getJson('api/evaluation-schemes/' + zoneYear()), getJson(query)]);
    showScheme(scheme);
    showResults(results);
    showStatus(results.results.length + ' 家企业 <small>enterprises</small>');
  } catch (e) {
    showError(e);
  }
}

function showError(e) {
  el('error').textContent = e.message;
  el('error').hidden = false;
  showStatus('');
}

async function save(event) {
  event.preventDefault();
  el('error').hidden = true;
  try {
    const saved = await write('api/evaluation-schemes/' + zoneYear(), 'PUT', schemeFromForm());
    showStatus('已保存并评价：' + saved.evaluated.rated + ' 家参评 <small>saved and evaluated</small>');
    await load();
  } catch (e) {
    showError(e);
  }
}

async function importFigures(event) {
  event.preventDefault();
  const form = new FormData();
  form.append('file', el('figures-file').files[0]);
  form.append('year', el('year').value);
  form.append('dryRun', el('figures-dry').checked ? 'true' : 'false');
  const response = await send('api/evaluations/figures', 'POST', form);
  const body = await response.json().catch(() => ({}));
  const report = response.ok ? body : body.import;
  const box = el('figures-report');
  if (!report) {
    box.innerHTML = '<p class="report-problem">' + esc(body.detail || response.status) + '</p>';
    return;
  }
  box.innerHTML = '<p>' + esc(report.rows) + ' 行，导入 ' + esc(report.imported) + '，有问题 ' + esc(report.rejected) +
    (report.dryRun ? '（仅检查 dry run）' : '') + ' <small>rows, imported, with problems</small></p>' +
    (report.problems.length ? '<table><thead><tr><th>行 <small>Line</small></th><th>信用代码 <small>Credit code</small></th>' +
      '<th>问题 <small>Problems</small></th></tr></thead><tbody>' + report.problems.map((p) =>
      '<tr><td>' + esc(p.line) + '</td><td>' + esc(p.creditCode) + '</td><td class="report-problem">' +
      p.problems.map(esc).join('<br>') + '</td></tr>').join('') + '</tbody></table>' : '');
  if (response.ok && !report.dryRun) {
    await load();
  }
}

async function start() {
  const zones = await loadZones();
  fillZoneSelect(el('zone'), zones);
  const params = new URLSearchParams(location.search);
  const unknownZone = chooseZone(el('zone'), zones, params.get('zone'));
  el('year').value = params.get('year') || String(Number(todayInChina().slice(0, 4)) - 1);
  el('choose').addEventListener('submit', (event) => { event.preventDefault(); load(); });
  el('scheme').addEventListener('submit', save);
  el('scheme').addEventListener('input', showWeightSum);
  el('classBy').addEventListener('change', showClassBy);
  el('figures').addEventListener('submit', importFigures);
  await load();
  if (unknownZone) {
    el('error').textContent = unknownZone;
    el('error').hidden = false;
  }
  document.body.dataset.state = 'ready';
}

api.load = load;
api.ready = start();
