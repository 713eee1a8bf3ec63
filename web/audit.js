/*
 * LandRenew 土地更新 — the auditors' page (更新台账).
 *
 * Renewal progress of one project (or a whole zone) for a period, as a report printed on the "as of"
 * date would have shown it: targets against what was done, a table per block, idle land, a chart of
 * mu freed per period and in total, a map of the scope and the freed parcels, and the ledger events
 * behind every figure. The URL's query string mirrors the controls (zone, project, from, to, asOf,
 * groupBy, block), so a report can be linked and reproduced. Everything comes from /api/renewal.
 *
 * The parts are modules of their own under audit/:
 *   state.js   the controls, states, zones, blocks and projects, the block picked and tally shown, the query
 *   map.js     the map: zone, blocks (picked, dimmed), the freed parcels coloured by when, their key
 *   chart.js   the chart of mu freed per period and in total, with the deadline line
 *   report.js  the report's text: head, progress cards, blocks, idle land, events, downloads, foot
 * This module reads and writes the URL, loads the report, picks blocks and starts the page.
 *
 * For tests: window.landrenewAudit = { map, chart, blockLayers, freedLayer, freedParcels, highlightedBlock, tally,
 * selectBlock, BLOCK_HIGHLIGHT, ready }.
 */

import { getJson } from './api.js';
import { showStatus } from './header.js';
import { esc, todayInChina } from './format.js';
import { addBasemap, fillZoneSelect, loadBlocks, loadZones } from './map-setup.js';
import { apiQuery, blocksByZone, controls, page, projectsByZone, queryParams, states, zones } from './audit/state.js';
import {
  BLOCK_HIGHLIGHT, blockLayers, drawBlocks, drawFreed, drawZone, fitPickedBlock, freedLayer, freedParcels, map,
  setFreedPeriod, styleBlocks,
} from './audit/map.js';
import { chart, renderChart } from './audit/chart.js';
import {
  renderBlocks, renderDownloads, renderEvents, renderFoot, renderHead, renderIdle, renderProgress,
} from './audit/report.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

function writeUrl(push) {
  const url = location.pathname + '?' + queryParams(true).toString();
  if (url !== location.pathname + location.search) {
    history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
}

/** Shows the block picked on the map (see styleBlocks for zoom), and to the tests. */
function showPicked(zoom) {
  api.highlightedBlock = page.selectedBlock;
  styleBlocks(zoom);
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
    page.tally = t;
    api.tally = t;
    const scope = new Set(t.blocks.map((b) => b.code));
    if (page.selectedBlock && !scope.has(page.selectedBlock)) {
      page.selectedBlock = null;
      writeUrl(false);
    }
    showError('');
    setFreedPeriod(t.from, t.to);
    renderHead(t);
    renderProgress(t);
    renderBlocks(t);
    renderIdle(t);
    api.chart = renderChart(t);
    drawZone(zone);
    drawBlocks(zone, scope);
    drawFreed(freed);
    map.invalidateSize();
    showPicked(true);
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
  const block = page.selectedBlock;
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
  page.selectedBlock = code || null;
  writeUrl(true);
  for (const row of el('blocks-table').tBodies[0].querySelectorAll('tr[data-block]')) {
    row.classList.toggle('selected', row.dataset.block === page.selectedBlock);
  }
  showPicked(options.fromMap ? false : 'animate');
  if (options.fromMap && page.selectedBlock) {
    fitPickedBlock();
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
  page.selectedBlock = params.get('block') || null;
}

// ---------------------------------------------------------------- events

controls.zone.addEventListener('change', async () => {
  page.selectedBlock = null;
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
      page.selectedBlock = null;
    }
    load({ push: true }).catch(() => {});
  });
}
el('controls').addEventListener('submit', (event) => event.preventDefault());
el('print-button').addEventListener('click', () => window.print());
el('map-all').addEventListener('click', () => selectBlock(null));
document.addEventListener('landrenew:audit-block', (event) => selectBlock(event.detail.code, event.detail));
window.addEventListener('popstate', () => {
  readUrl().then(() => load()).catch(() => {});
});
/** Printing changes the map's size: redraw it for the paper (and back), on the same blocks. */
function refit() {
  map.invalidateSize({ pan: false });
  showPicked(true);
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
