/*
 * LandRenew 土地更新 — a parcel's readiness for supply (供地条件) in the map's parcel panel.
 *
 * Shows what the parcel still needs before it can be supplied (GET /api/parcels/{zone}/{code}/readiness)
 * and lets a planner record it (PUT, the whole set of facts). The section goes into the map's parcel
 * panel, above the change of state, whenever the map shows a parcel ('landrenew:parcel-shown').
 */

import { getJson, me, write } from '../api.js';
import { esc } from '../format.js';

const enc = encodeURIComponent;
let seq = 0;

const TITLE = '<h2>供地条件 <small>Readiness for supply</small></h2>';

async function show(section, zone, code) {
  const mine = ++seq;
  section.innerHTML = TITLE + '<div class="muted">加载中… <small>Loading</small></div>';
  let readiness;
  try {
    readiness = await getJson('api/parcels/' + enc(zone) + '/' + enc(code) + '/readiness');
  } catch (error) {
    if (mine === seq) {
      section.innerHTML = TITLE + '<div class="form-error">' + esc(error.message) + '</div>';
    }
    return;
  }
  if (mine === seq && section.isConnected) {
    render(section, zone, code, readiness);
  }
}

function summary(r) {
  if (!r.readyDate) {
    return '<div class="readiness-summary unknown" id="readiness-summary">未登记供地条件 <small>No readiness recorded</small></div>';
  }
  return r.ready
    ? '<div class="readiness-summary ready" id="readiness-summary">✓ 已具备供地条件 <small>ready since</small> <b>' +
      esc(r.readyDate) + '</b></div>'
    : '<div class="readiness-summary open" id="readiness-summary">预计 <b>' + esc(r.readyDate) +
      '</b> 具备供地条件 <small>expected to be ready</small></div>';
}

function render(section, zone, code, r) {
  const required = r.facts.filter((f) => f.required);
  const other = r.facts.filter((f) => !f.required);
  const items = required.map((f) => '<li class="' + (f.doneOn ? 'done' : 'open') + '" data-fact="' + esc(f.fact) + '">' +
    '<span class="mark">' + (f.doneOn ? '✓' : '…') + '</span><span>' + esc(f.nameZh) + ' <small>' + esc(f.nameEn) +
    '</small></span><span class="when">' + (f.doneOn ? esc(f.doneOn) : '预计 ' + esc(f.expectedOn)) + '</span></li>').join('');
  section.innerHTML = TITLE + summary(r) +
    (items ? '<ul class="readiness-list" id="readiness-list">' + items + '</ul>' : '') +
    (other.length && required.length ? '<div class="readiness-other muted">不需要 <small>not required:</small> ' +
      other.map((f) => esc(f.nameZh)).join('、') + '</div>' : '') +
    '<button type="button" class="readiness-edit" id="readiness-edit" hidden>记录供地条件 <small>Record readiness</small></button>';
  const button = section.querySelector('#readiness-edit');
  button.addEventListener('click', () => edit(section, zone, code, r));
  // only planners record readiness (the server refuses anyone else)
  me().then((viewer) => { button.hidden = viewer.role !== 'planner'; });
}

function edit(section, zone, code, r) {
  const rows = r.facts.map((f) => '<tr data-fact="' + esc(f.fact) + '"><td>' + esc(f.nameZh) + '</td>' +
    '<td><input type="checkbox" class="rf-required"' + (f.required ? ' checked' : '') + ' aria-label="需要 required"></td>' +
    '<td><input type="date" class="rf-done" value="' + esc(f.doneOn || '') + '" aria-label="完成 done on"></td>' +
    '<td><input type="date" class="rf-expected" value="' + esc(f.expectedOn || '') + '" aria-label="预计 expected on"></td></tr>').join('');
  section.innerHTML = TITLE + '<form class="readiness-form" id="readiness-form">' +
    '<table><thead><tr><th>条件 <small>Fact</small></th><th>需要 <small>Req.</small></th><th>完成 <small>Done</small></th>' +
    '<th>预计 <small>Expected</small></th></tr></thead><tbody>' + rows + '</tbody></table>' +
    '<div class="form-error" id="readiness-error" role="alert" hidden></div>' +
    '<div class="form-actions"><button type="submit" class="primary" id="readiness-save">保存 <small>Save</small></button>' +
    '<button type="button" class="readiness-cancel" id="readiness-cancel">取消 <small>Cancel</small></button></div></form>';
  section.querySelector('#readiness-cancel').addEventListener('click', () => render(section, zone, code, r));
  section.querySelector('#readiness-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const facts = [];
    for (const row of section.querySelectorAll('tbody tr')) {
      const required = row.querySelector('.rf-required').checked;
      const doneOn = row.querySelector('.rf-done').value || null;
      const expectedOn = row.querySelector('.rf-expected').value || null;
      if (required || doneOn || expectedOn) {
        facts.push({ fact: row.dataset.fact, required, doneOn, expectedOn });
      }
    }
    try {
      const saved = await write('api/parcels/' + enc(zone) + '/' + enc(code) + '/readiness', 'PUT', { facts });
      render(section, zone, code, saved);
    } catch (error) {
      const box = section.querySelector('#readiness-error');
      box.textContent = error.message;
      box.hidden = false;
    }
  });
}

document.addEventListener('landrenew:parcel-shown', (event) => {
  const p = event.detail && event.detail.properties;
  const body = document.getElementById('parcel-body');
  if (!p || !body) {
    return;
  }
  let section = document.getElementById('readiness-section');
  if (!section) {
    section = document.createElement('section');
    section.className = 'panel-section';
    section.id = 'readiness-section';
    body.insertBefore(section, document.getElementById('transition-section'));
  }
  show(section, p.zone.code, p.code);
});
