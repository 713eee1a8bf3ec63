/*
 * LandRenew 土地更新 — the ledger (台账) in the map's parcel panel: the parcel's history of life-cycle
 * states, newest first (GET api/parcels/{zone}/{code}/history), for planners, auditors and the holder;
 * and for planners the form that records a change of state (POST …/transitions), offering only the states
 * that may follow. After a change the panel, the parcel's colour on the map and the legend follow.
 */

import { getJson, me, send } from '../api.js';
import { esc, num, recordedTime, todayInChina } from '../format.js';
import { showMessage } from './bar.js';
import { states } from './base.js';
import { selectedId, showParcel } from './panel.js';
import { redrawAfterChange } from './parcels.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

let ledgerSeq = 0;

document.addEventListener('landrenew:parcel-shown', (event) => {
  const p = event.detail.properties;
  loadLedger(p.zone.code, p.code);
});

function stateName(code) {
  const s = states.get(code);
  return s ? s.nameZh + ' ' + s.nameEn : String(code ?? '');
}

function miniChip(code) {
  if (!code) {
    return '<span class="mini-chip none">登记 <small>new</small></span>';
  }
  const s = states.get(code);
  return '<span class="mini-chip" style="--chip:' + esc(s ? s.colour : '#bdbdbd') + '" title="' + esc(stateName(code)) +
    '"><i></i>' + esc(s ? s.nameZh : code) + '</span>';
}

/** Reads the parcel's ledger and fills the panel's change-of-state form and history. */
async function loadLedger(zone, code) {
  const seq = ++ledgerSeq;
  const id = zone + '/' + code;
  const viewer = await me();
  if (seq !== ledgerSeq) {
    return;
  }
  let history;
  if (viewer.role === 'anonymous') {
    el('transition-section').innerHTML = '';
    el('history-section').innerHTML = '<h2>台账 <small>Ledger</small></h2><div class="muted">' +
      '<a href="login.html?next=' + enc('index.html#' + id) + '">登录</a>后可查看 <small>Sign in to see the ledger</small></div>';
    return;
  }
  try {
    history = await getJson('api/parcels/' + enc(zone) + '/' + enc(code) + '/history');
  } catch (error) {
    if (seq === ledgerSeq && selectedId === id && error.status === 403) {
      el('transition-section').innerHTML = '';
      el('history-section').innerHTML = '<h2>台账 <small>Ledger</small></h2><div class="muted">' +
        '台账仅对规划、审计人员及本宗地权利人开放 <small>The ledger is for planners, auditors and the holder</small></div>';
    } else if (seq === ledgerSeq && selectedId === id) {
      el('transition-section').innerHTML = '<h2>变更状态 <small>Change state</small></h2>' +
        '<div class="form-error">台账读取失败 <small>Could not read the ledger:</small> ' + esc(error.message) + '</div>';
    }
    return;
  }
  if (seq !== ledgerSeq || selectedId !== id || !el('transition-section')) {
    return;
  }
  renderTransitionForm(zone, code, history, viewer);
  renderHistory(history);
}

function renderTransitionForm(zone, code, history, viewer) {
  const section = el('transition-section');
  const events = history.events || [];
  const last = events.length ? events[events.length - 1].effectiveDate : '';
  const today = todayInChina();
  if (viewer.role !== 'planner') {
    section.innerHTML = '';   // only planners change land
    return;
  }
  let html = '<h2>变更状态 <small>Change state</small></h2>';
  const allowed = history.allowedNextStates || [];
  if (!allowed.length) {
    section.innerHTML = html + '<div class="muted" id="transition-none">当前状态无后续状态 <small>No state follows ' +
      esc(stateName(history.state)) + '</small></div>';
    return;
  }
  html += '<form id="transition-form" class="transition-form" novalidate autocomplete="off">' +
    '<label class="field"><span>新状态 <small>New state</small></span>' +
    '<select id="transition-to" name="to" required>' +
    (allowed.length > 1 ? '<option value="" selected disabled>— 请选择 Choose —</option>' : '') +
    allowed.map((s) => '<option value="' + esc(s) + '">' + esc(stateName(s)) + '</option>').join('') +
    '</select></label>' +
    '<div class="field-pair">' +
    '<label class="field"><span>生效日期 <small>Effective</small></span>' +
    '<input id="transition-date" name="effectiveDate" type="date" required value="' + esc(today) + '" max="' +
    esc(today) + '"' + (last ? ' min="' + esc(last) + '"' : '') + '></label>' +
    '<label class="field" id="transition-households-field" hidden><span>搬迁户数 <small>Households</small></span>' +
    '<input id="transition-households" name="households" type="number" min="0" step="1" inputmode="numeric" placeholder="0">' +
    '</label></div>' +
    '<label class="field"><span>原因 <small>Reason</small> <b class="req" title="必填 required">*</b></span>' +
    '<textarea id="transition-reason" name="reason" rows="2" required placeholder="如：亩均评价D类 e.g. per-mu rating D"></textarea></label>' +
    '<label class="field"><span>文号 <small>Document no.</small></span>' +
    '<input id="transition-document" name="documentNo" type="text" placeholder="如 e.g. 〔2024〕12号"></label>' +
    '<div class="form-error" id="transition-error" role="alert" hidden></div>' +
    '<div class="form-actions"><button type="submit" id="transition-submit" class="primary">记录变更 <small>Record</small></button>' +
    (last ? '<span class="muted form-hint">上次生效 <small>last event</small> ' + esc(last) + '</span>' : '') +
    '</div></form>';
  section.innerHTML = html;

  const form = el('transition-form');
  const to = el('transition-to');
  const showHouseholds = () => {
    el('transition-households-field').hidden = to.value !== 'vacated';
  };
  to.addEventListener('change', showHouseholds);
  showHouseholds();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitTransition(zone, code, form);
  });
}

function showFormError(html) {
  const box = el('transition-error');
  box.innerHTML = html;
  box.hidden = !html;
}

async function submitTransition(zone, code, form) {
  const to = el('transition-to').value;
  const request = {
    to,
    effectiveDate: el('transition-date').value,
    reason: el('transition-reason').value.trim(),
    documentNo: el('transition-document').value.trim() || null,
  };
  if (to === 'vacated' && el('transition-households').value !== '') {
    request.households = Number(el('transition-households').value);
  }
  const missing = [];
  if (!request.to) missing.push('新状态 new state');
  if (!request.effectiveDate) missing.push('生效日期 effective date');
  if (!request.reason) missing.push('原因 reason');
  if (missing.length) {
    showFormError('请填写 <small>Please fill in:</small> ' + esc(missing.join('、')));
    return;
  }
  showFormError('');
  const button = el('transition-submit');
  button.disabled = true;
  button.innerHTML = '<span class="spinner dark"></span>提交中… <small>Saving</small>';
  let response;
  let body = null;
  try {
    response = await send('api/parcels/' + enc(zone) + '/' + enc(code) + '/transitions',
      'POST', request);
    try {
      body = await response.json();
    } catch (ignored) {
      body = null;
    }
  } catch (error) {
    response = null;
    body = { detail: error.message };
  }
  if (selectedId !== zone + '/' + code || !el('transition-form')) {
    return;
  }
  if (!response || !response.ok) {
    button.disabled = false;
    button.innerHTML = '记录变更 <small>Record</small>';
    let html = (response && response.status === 409 ? '无法变更 <small>Not allowed:</small> '
      : response && response.status === 400 ? '输入有误 <small>Invalid:</small> ' : '提交失败 <small>Failed:</small> ') +
      esc((body && (body.detail || body.title)) || (response ? response.status + ' ' + response.statusText : ''));
    if (body && Array.isArray(body.allowedNextStates)) {
      html += '<div class="form-error-more">当前 <small>now</small> ' + esc(stateName(body.currentState)) +
        ' · 可变更为 <small>allowed</small> ' + (body.allowedNextStates.map(stateName).map(esc).join('、') || '—') + '</div>';
    }
    showFormError(html);
    return;
  }
  const notice = '已记录 <small>Recorded</small> ' + miniChip(body.fromState) + ' → ' + miniChip(body.toState) +
    ' <span class="muted">' + esc(body.effectiveDate) + '</span>';
  await refreshParcel(zone, code, notice);
}

/** After a change: the panel, the parcel's colour on the map and the legend counts follow the ledger. */
async function refreshParcel(zone, code, notice) {
  let feature;
  try {
    feature = await getJson('api/parcels/' + enc(zone) + '/' + enc(code));
  } catch (error) {
    showMessage('无法刷新宗地 Could not refresh the parcel: ' + error.message, 'error');
    return;
  }
  // The legend counts follow when the tiles are loaded again.
  redrawAfterChange();
  if (selectedId === zone + '/' + code) {
    showParcel(feature, { notice });
  }
}

function renderHistory(history) {
  const events = (history.events || []).slice().reverse();
  const items = events.map((e) => {
    const details = [];
    if (e.documentNo) details.push('文号 <span class="code">' + esc(e.documentNo) + '</span>');
    if (e.enterpriseName) details.push('迁出企业 ' + esc(e.enterpriseName));
    if (e.households) details.push(num(e.households, 0) + ' 户 <small>households</small>');
    return '<li class="ledger-item" data-event="' + esc(e.id) + '">' +
      '<div class="ledger-line"><span class="ledger-date">' + esc(e.effectiveDate) + '</span>' +
      miniChip(e.fromState) + '<span class="arrow">→</span>' + miniChip(e.toState) + '</div>' +
      '<div class="ledger-reason">' + esc(e.reason) + '</div>' +
      (details.length ? '<div class="ledger-meta">' + details.join(' · ') + '</div>' : '') +
      '<div class="ledger-meta">' + esc(e.actor) + ' · 记录于 <small>recorded</small> ' + esc(recordedTime(e.recordedAt)) +
      '</div></li>';
  }).join('');
  el('history-section').innerHTML = '<h2>台账 <small>Ledger · ' + num(events.length, 0) + ' 条 events, newest first</small></h2>' +
    (items ? '<ol class="ledger" id="parcel-ledger">' + items + '</ol>' : '<div class="muted">无记录 <small>No events</small></div>');
}
