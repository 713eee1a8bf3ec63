/* The import and export page: uploads go to POST /api/imports and the answer is shown feature by
   feature; exports are plain links to GET /api/exports/{layer}. */

import { getJson, send } from './api.js';
import './header.js';
import { esc } from './format.js';

const el = (id) => document.getElementById(id);

const STATUS = { ok: '通过 ok', repaired: '已修复 repaired', rejected: '拒绝 rejected' };

async function loadZones() {
  const zones = await getJson('api/zones');
  el('zone').innerHTML = zones.features
    .map((f) => `<option value="${esc(f.id)}">${esc(f.properties.name)} (${esc(f.id)})</option>`).join('');
  updateExportLink();
}

function showReport(outcome, answer, failed) {
  const report = answer ? answer.report : [];
  const box = el('import-outcome');
  box.hidden = false;
  box.className = 'outcome ' + (failed ? 'failed' : 'passed');
  box.textContent = outcome;
  // The summary first (features per kind of finding), then what the reader decided (CRS, encoding).
  const summary = el('import-summary');
  const lines = ((answer && answer.summary) || []).map((k) => `<li>${esc(k.label)}: ${k.features}</li>`)
    .concat(((answer && answer.notes) || []).map((n) => `<li class="note">${esc(n)}</li>`));
  summary.hidden = lines.length === 0;
  summary.innerHTML = lines.join('');
  const table = el('import-report');
  table.hidden = !report || report.length === 0;
  table.querySelector('tbody').innerHTML = (report || []).map((f) => `
    <tr class="${esc(f.status)}">
      <td>${f.index}</td><td>${esc(f.code || '—')}</td><td>${esc(STATUS[f.status] || f.status)}</td>
      <td>${f.problems.map(esc).join('<br>') || '—'}</td>
      <td>${(f.warnings || []).map(esc).join('<br>') || '—'}</td><td>${esc(f.where || '—')}</td>
    </tr>`).join('');
}

async function submitImport(event) {
  event.preventDefault();
  const form = new FormData(el('import-form'));
  for (const key of ['crs', 'layer', 'encoding', 'fields']) {
    if (!form.get(key)) form.delete(key);
  }
  el('import-button').disabled = true;
  try {
    const csv = form.get('report') === 'csv';
    const response = await send('api/imports', 'POST', form,
      csv ? { Accept: 'text/csv, application/problem+json' } : undefined);
    if (csv && (response.ok || response.status === 422)) {
      download(await response.blob(), 'import-report.csv');
      showReport(`${response.status}: 报告已下载 report downloaded (CSV)`, null, !response.ok);
      return;
    }
    const body = await response.json();
    if (response.ok) {
      const what = body.dryRun ? `检查通过，未写入 Checked, nothing written: ${body.features} features pass`
        : `已导入 ${body.imported} 宗 Imported ${body.imported} parcels into ${body.zone}`;
      showReport(what, body, false);
    } else {
      showReport(`${response.status}: ${body.detail}`, body.import, true);
    }
  } catch (e) {
    showReport('请求失败 Request failed: ' + e.message, null, true);
  } finally {
    el('import-button').disabled = false;
  }
}

function download(blob, name) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function updateExportLink() {
  const params = new URLSearchParams({ format: el('export-format').value });
  if (el('export-crs').value) params.set('crs', el('export-crs').value);
  if (el('zone').value) params.set('zone', el('zone').value);
  el('export-link').href = `/api/exports/${el('export-layer').value}?${params}`;
}

el('import-form').addEventListener('submit', submitImport);
for (const id of ['export-layer', 'export-format', 'export-crs', 'zone']) {
  el(id).addEventListener('change', updateExportLink);
}
loadZones();
