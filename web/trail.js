/*
 * The audit trail for auditors (审计日志): GET /api/audit filtered by table, parcel or key, actor and
 * dates, newest first, a page at a time; each entry expands into the fields it changed, before and
 * after; the same filter downloads as CSV. The filter lives in the address (trail.html?key=demo/A-01)
 * so that the map can link a parcel's trail.
 * For tests: window.landrenewTrail = { ready, load() }.
 */

import { getJson } from './api.js';
import { showStatus } from './header.js';
import { esc, DASH, recordedTime } from './format.js';

const PAGE = 50;
const FIELDS = ['table', 'key', 'actor', 'from', 'to'];
const ACTIONS = { insert: '新增 insert', update: '修改 update', delete: '删除 delete' };
const el = (id) => document.getElementById(id);
const api = (window.landrenewTrail = {});
let offset = 0;

function query(extra) {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = el(name).value.trim();
    if (value) params.set(name, value);
  }
  for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
  return params;
}

function value(v) {
  if (v === undefined) return DASH;
  if (v === null) return '<span class="muted">null</span>';
  return esc(typeof v === 'object' ? JSON.stringify(v) : String(v));
}

/** The changed fields of an entry as a before/after table (all fields of an insert or delete). */
function diff(entry) {
  const fields = entry.changed.length ? entry.changed : Object.keys(entry.after || entry.before || {});
  const before = entry.before || {};
  const after = entry.after || {};
  return '<table class="diff"><thead><tr><th>字段 <small>Field</small></th><th>改前 <small>Before</small></th>' +
    '<th>改后 <small>After</small></th></tr></thead><tbody>' +
    fields.map((f) => '<tr><th>' + esc(f) + '</th><td class="before">' + (entry.before ? value(before[f]) : DASH) +
      '</td><td class="after">' + (entry.after ? value(after[f]) : DASH) + '</td></tr>').join('') +
    '</tbody></table>';
}

function render(page) {
  const body = el('entries-body');
  if (!page.entries.length) {
    body.innerHTML = '<tr><td colspan="7" class="muted empty">没有符合条件的记录 <small>No entries match</small></td></tr>';
  } else {
    body.innerHTML = page.entries.map((e) =>
      '<tr class="entry action-' + esc(e.action) + '" data-id="' + e.id + '">' +
      '<td class="at">' + esc(recordedTime(e.at)) + '</td><td class="actor">' + esc(e.actor) + '</td>' +
      '<td>' + esc(ACTIONS[e.action] || e.action) + '</td><td>' + tableName(e.table) + '</td>' +
      '<td class="key">' + esc(e.key) + (e.parcel && e.parcel !== e.key ? ' <small>' + esc(e.parcel) + '</small>' : '') + '</td>' +
      '<td class="changed">' + (e.action === 'update' ? e.changed.map((c) => '<code>' + esc(c) + '</code>').join(' ') : DASH) + '</td>' +
      '<td><button type="button" class="link expand" aria-expanded="false">改前改后 <small>Diff</small></button></td></tr>' +
      '<tr class="detail" hidden><td colspan="7">' + diff(e) + '</td></tr>').join('');
  }
  const last = Math.min(page.offset + page.numberReturned, page.numberMatched);
  el('page-info').textContent = page.numberMatched ? (page.offset + 1) + '–' + last + ' / ' + page.numberMatched : '0';
  el('prev').disabled = page.offset === 0;
  el('next').disabled = last >= page.numberMatched;
  el('download-csv').href = 'api/audit.csv?' + query().toString();
}

async function load() {
  document.body.dataset.state = 'loading';
  showStatus('加载中… Loading');
  el('error').hidden = true;
  let body;
  try {
    body = await getJson('api/audit?' + query({ limit: PAGE, offset }).toString());
  } catch (error) {
    el('error').textContent = error.message;
    el('error').hidden = false;
    showStatus('');
    document.body.dataset.state = 'error';
    return;
  }
  render(body);
  showStatus('');
  document.body.dataset.state = 'ready';
  history.replaceState(null, '', '?' + query().toString());
}

/** Chinese names of the tables the trail records (宗地 for parcel), from the database's table comments. */
const tableTitles = new Map();

function tableName(table) {
  const title = tableTitles.get(table);
  return title ? esc(title) + ' <small class="muted"><code>' + esc(table) + '</code></small>' : '<code>' + esc(table) + '</code>';
}

/** The table filter's choices: the tables the trail records, as the database lists them. */
async function loadTables() {
  for (const table of await getJson('api/audit/tables')) {
    if (table.title) {
      tableTitles.set(table.name, table.title);
    }
    const option = document.createElement('option');
    option.value = table.name;
    option.textContent = (table.title ? table.title + ' ' : '') + table.name;
    el('table').append(option);
  }
}

async function start() {
  await loadTables();
  const params = new URLSearchParams(location.search);
  for (const name of FIELDS) {
    if (params.has(name)) el(name).value = params.get(name);
  }
  el('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    api.loaded = load();
  });
  el('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); api.loaded = load(); });
  el('next').addEventListener('click', () => { offset += PAGE; api.loaded = load(); });
  el('entries-body').addEventListener('click', (event) => {
    const button = event.target.closest('button.expand');
    if (!button) return;
    const detail = button.closest('tr').nextElementSibling;
    detail.hidden = !detail.hidden;
    button.setAttribute('aria-expanded', String(!detail.hidden));
  });
  return (api.loaded = load());
}

api.load = load;
api.ready = start();
