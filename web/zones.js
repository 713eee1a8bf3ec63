/* The zones page: planners and admins list, create, rename and remove zones (/api/zones), see a zone's
   blocks, rename or remove them, import blocks or parcels into the zone (POST /api/imports with target)
   and place its parcels in blocks by location. Every answer is shown as the server words it.
   For tests: window.landrenewZones = { ready, reload() }. */

import { getJson, send, write } from './api.js';
import './header.js';
import { esc, num } from './format.js';

const el = (id) => document.getElementById(id);
const STATUS = { ok: '通过 ok', repaired: '已修复 repaired', rejected: '拒绝 rejected' };

function outcome(id, text, failed) {
  const box = el(id);
  box.hidden = false;
  box.className = 'outcome ' + (failed ? 'failed' : 'passed');
  box.textContent = text;
}

/** Runs a change; shows its error in the box {@code id} and reloads the lists either way. */
async function change(id, what, action) {
  try {
    const done = await action();
    outcome(id, done || what, false);
  } catch (e) {
    outcome(id, e.message, true);
  }
  await reload();
}

async function loadZones() {
  const zones = (await getJson('api/zones')).features;
  el('zone-empty').hidden = zones.length > 0;
  el('zone-list').querySelector('tbody').innerHTML = zones.map((z) => `
    <tr data-zone="${esc(z.id)}"><td>${esc(z.id)}</td><td>${esc(z.properties.name)}</td>
      <td>${num(z.properties.area.ha, 2)}</td><td>${z.properties.blockCount}</td><td>${z.properties.parcelCount}</td>
      <td><a href="index.html#zone=${encodeURIComponent(z.id)}">地图 Map</a></td></tr>`).join('');
  const select = el('zone');
  const chosen = select.value;
  select.innerHTML = zones.map((z) => `<option value="${esc(z.id)}">${esc(z.properties.name)} (${esc(z.id)})</option>`).join('');
  if (zones.some((z) => z.id === chosen)) {
    select.value = chosen;
  }
  return zones;
}

async function loadBlocks() {
  const zone = el('zone').value;
  const body = el('block-list').querySelector('tbody');
  if (!zone) {
    body.innerHTML = '';
    return;
  }
  const blocks = (await getJson(`api/zones/${encodeURIComponent(zone)}/blocks`)).features;
  body.innerHTML = blocks.map((b) => `
    <tr data-block="${esc(b.id)}"><td>${esc(b.id)}</td><td>${esc(b.properties.name)}</td>
      <td>${num(b.properties.area.ha, 2)}</td><td>${b.properties.parcelCount}</td>
      <td><button type="button" class="rename-block">改名 Rename</button>
        <button type="button" class="danger remove-block">删除 Remove</button></td></tr>`).join('')
    || '<tr><td colspan="5">没有区块 No blocks</td></tr>';
}

async function reload() {
  await loadZones();
  await loadBlocks();
}

/** The geometry of pasted or uploaded GeoJSON: a geometry, a Feature, or a FeatureCollection of one feature. */
async function boundary() {
  const file = el('zone-file').files[0];
  const text = file ? await file.text() : el('zone-geojson').value;
  if (!text.trim()) {
    throw new Error('请选择边界文件或粘贴 GeoJSON。Choose a boundary file or paste GeoJSON.');
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error('GeoJSON 无法解析：' + e.message + '。The GeoJSON cannot be parsed.');
  }
  if (json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features) || json.features.length !== 1) {
      throw new Error('FeatureCollection 应只含一个要素；多个开发区请用导入。A FeatureCollection must hold one feature here.');
    }
    json = json.features[0];
  }
  return json.type === 'Feature' ? json.geometry : json;
}

async function createZone(event) {
  event.preventDefault();
  el('zone-create').disabled = true;
  await change('zone-outcome', '', async () => {
    const body = { code: el('zone-code').value.trim(), name: el('zone-name').value, geometry: await boundary() };
    if (el('zone-admin').value.trim()) body.adminCode = el('zone-admin').value.trim();
    if (el('zone-crs').value.trim()) body.crs = el('zone-crs').value.trim();
    const made = await write('api/zones', 'POST', body);
    el('zone').value = made.code;
    return `已新建开发区 Created zone ${made.code}（${num(made.area.ha, 2)} ha）`;
  });
  el('zone').value = el('zone-code').value.trim() || el('zone').value;
  await loadBlocks();
  el('zone-create').disabled = false;
}

function zonePath() {
  return `api/zones/${encodeURIComponent(el('zone').value)}`;
}

async function importFile(event) {
  event.preventDefault();
  const form = new FormData(el('import-form'));
  form.set('zone', el('zone').value);
  if (!form.get('crs')) form.delete('crs');
  el('import-button').disabled = true;
  const table = el('import-report');
  try {
    const response = await send('api/imports', 'POST', form);
    const body = await response.json();
    const report = response.ok ? body.report : (body.import ? body.import.report : []);
    outcome('import-outcome', response.ok
      ? (body.dryRun ? `检查通过，未写入 Checked, nothing written: ${body.features} features pass`
        : `已导入 ${body.imported} 个 Imported ${body.imported} ${form.get('target')} into ${body.zone}`)
      : `${response.status}: ${body.detail}`, !response.ok);
    table.hidden = !report || report.length === 0;
    table.querySelector('tbody').innerHTML = (report || []).map((f) => `
      <tr class="${esc(f.status)}"><td>${f.index}</td><td>${esc(f.code || '—')}</td>
        <td>${esc(STATUS[f.status] || f.status)}</td><td>${f.problems.map(esc).join('<br>') || '—'}</td></tr>`).join('');
  } catch (e) {
    outcome('import-outcome', '请求失败 Request failed: ' + e.message, true);
  } finally {
    el('import-button').disabled = false;
  }
  await reload();
}

async function removed(response) {
  if (response.status !== 204) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || response.status);
  }
}

el('zone-form').addEventListener('submit', createZone);
el('import-form').addEventListener('submit', importFile);
el('zone').addEventListener('change', loadBlocks);
el('zone-rename-button').addEventListener('click', () => change('import-outcome', '已改名 Renamed',
  () => write(zonePath(), 'PUT', { name: el('zone-rename').value }).then(() => '')));
el('place-button').addEventListener('click', () => change('import-outcome', '', async () => {
  const placed = await write(`${zonePath()}/placement`, 'POST');
  return `已归入 ${placed.placedParcels} 宗，区块外 ${placed.parcelsOutsideBlocks} 宗。`
    + `${placed.placedParcels} parcels placed, ${placed.parcelsOutsideBlocks} outside any block.`;
}));
el('zone-retire').addEventListener('click', () => change('import-outcome', '已删除 Removed',
  async () => removed(await send(zonePath(), 'DELETE'))));
el('block-list').addEventListener('click', (event) => {
  const row = event.target.closest('tr[data-block]');
  if (!row) return;
  const path = `${zonePath()}/blocks/${encodeURIComponent(row.dataset.block)}`;
  if (event.target.classList.contains('remove-block')) {
    change('import-outcome', '已删除区块 Block removed', async () => removed(await send(path, 'DELETE')));
  } else if (event.target.classList.contains('rename-block')) {
    const cell = row.children[1];
    cell.innerHTML = `<input class="block-name" maxlength="100" value="${esc(cell.textContent)}">`
      + '<button type="button" class="save-block">保存 Save</button>';
  } else if (event.target.classList.contains('save-block')) {
    change('import-outcome', '已改名 Renamed', () => write(path, 'PUT', { name: row.querySelector('.block-name').value })
      .then(() => ''));
  }
});

const ready = reload();
window.landrenewZones = { ready, reload };
