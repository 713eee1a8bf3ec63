/*
 * LandRenew 土地更新 — a planner's edit of a parcel's attributes in the map's parcel panel (编辑 Edit).
 *
 * The form is filled from the parcel as the panel loaded it, including its version; the save
 * (PUT /api/parcels/{zone}/{code}) sends that version back, so a parcel someone else changed meanwhile
 * is not overwritten: the server answers 409 and the form says so, with a reload. State changes go
 * through the ledger (the change-of-state form), not here; the outline, splits and merges are edited
 * in geometry-edit.js.
 * For tests: window.landrenewEdit = { saved } (the last save's promise).
 */

import { getJson, me, send } from '../api.js';
import { esc, landUseOption } from '../format.js';
import { selectParcel } from './panel.js';
import { parcelTiles } from './parcels.js';

const enc = encodeURIComponent;
const api = (window.landrenewEdit = {});
let landUses = null;

async function landUseOptions(selected) {
  if (!landUses) {
    landUses = getJson('api/land-uses');
  }
  const list = await landUses;
  return list.map((u) => landUseOption(u, selected)).join('');
}

function input(id, labelZh, labelEn, type, value, extra) {
  return '<label class="field"><span>' + esc(labelZh) + ' <small>' + esc(labelEn) + '</small></span>' +
    '<input id="' + id + '" type="' + type + '" value="' + esc(value ?? '') + '"' + (extra || '') + '></label>';
}

async function render(section, p) {
  const zone = p.zone.code;
  const code = p.code;
  section.innerHTML = '<h2>编辑 <small>Edit attributes</small></h2>' +
    '<button type="button" id="edit-open" class="link-button">编辑属性 <small>Edit land use, holder, lease, FAR…</small></button>' +
    ' · <a id="edit-trail" href="trail.html?key=' + enc(zone + '/' + code) + '">修改记录 <small>Audit trail</small></a>' +
    '<form id="edit-form" class="transition-form" novalidate autocomplete="off" hidden>' +
    '<label class="field"><span>用地分类 <small>Land use</small></span><select id="edit-land-use">' +
    await landUseOptions(p.landUse && p.landUse.code) + '</select></label>' +
    '<div class="field-pair">' +
    input('edit-block', '区块', 'Block code', 'text', p.block && p.block.code) +
    input('edit-enterprise', '权利人信用代码', 'Holder credit code', 'text', p.enterprise && p.enterprise.creditCode,
      ' maxlength="18" spellcheck="false"') + '</div>' +
    '<div class="field-pair">' +
    input('edit-lease-start', '出让起', 'Lease start', 'date', p.leaseStart) +
    input('edit-lease-end', '出让止', 'Lease end', 'date', p.leaseEnd) + '</div>' +
    '<div class="field-pair">' +
    input('edit-far-min', '容积率下限', 'FAR min', 'number', p.farMin, ' min="0" step="0.01"') +
    input('edit-far-max', '容积率上限', 'FAR max', 'number', p.farMax, ' min="0" step="0.01"') + '</div>' +
    '<div class="field-pair">' +
    input('edit-height', '限高 m', 'Height limit', 'number', p.heightLimitM, ' min="0" step="0.1"') +
    input('edit-due', '约定开工', 'Construction due', 'date', p.constructionDue) + '</div>' +
    '<div class="form-error" id="edit-error" role="alert" hidden></div>' +
    '<div class="form-actions"><button type="submit" id="edit-submit" class="primary">保存 <small>Save</small></button>' +
    '<span class="muted form-hint">版本 <small>version</small> <b id="edit-version">' + esc(p.version) + '</b></span></div>' +
    '</form>';
  section.querySelector('#edit-open').addEventListener('click', (event) => {
    section.querySelector('#edit-form').hidden = false;
    event.currentTarget.hidden = true;
  });
  section.querySelector('#edit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    api.saved = save(section, zone, code, p.version);
  });
}

const text = (id) => document.getElementById(id).value.trim() || null;
const number = (id) => (document.getElementById(id).value === '' ? null : Number(document.getElementById(id).value));

async function save(section, zone, code, version) {
  const request = {
    version,
    landUse: text('edit-land-use'),
    block: text('edit-block'),
    enterpriseCreditCode: text('edit-enterprise'),
    leaseStart: text('edit-lease-start'),
    leaseEnd: text('edit-lease-end'),
    farMin: number('edit-far-min'),
    farMax: number('edit-far-max'),
    heightLimitM: number('edit-height'),
    constructionDue: text('edit-due'),
  };
  const box = section.querySelector('#edit-error');
  const button = section.querySelector('#edit-submit');
  button.disabled = true;
  const response = await send('api/parcels/' + enc(zone) + '/' + enc(code), 'PUT', request);
  const body = await response.json().catch(() => null);
  button.disabled = false;
  if (!response.ok) {
    box.innerHTML = response.status === 409
      ? '<b>此宗地已被他人修改</b>（现为版本 ' + esc(body && body.currentVersion) + '，您编辑的是版本 ' + esc(version) +
        '），未保存。请重新加载后再编辑。<br><small>Someone else changed this parcel (now version ' +
        esc(body && body.currentVersion) + '); nothing was saved. Reload it and edit again.</small> ' +
        '<button type="button" id="edit-reload" class="link-button">重新加载 <small>Reload</small></button>'
      : '输入有误 <small>Invalid:</small> ' + esc((body && (body.detail || body.title)) || response.status);
    box.hidden = false;
    const reload = section.querySelector('#edit-reload');
    if (reload) {
      reload.addEventListener('click', () => selectParcel(zone, code, {}));
    }
    return response.status;
  }
  // The server dropped its cached tiles of this parcel; the panel shows the saved parcel and its new version.
  parcelTiles.redraw();
  await selectParcel(zone, code, {
    notice: '已保存 <small>Saved</small> · 版本 <small>version</small> ' + esc(body.properties.version),
  });
  return response.status;
}

document.addEventListener('landrenew:parcel-shown', async (event) => {
  const p = event.detail && event.detail.properties;
  const body = document.getElementById('parcel-body');
  if (!p || !body || (await me()).role !== 'planner') {
    return;   // only planners change land
  }
  document.getElementById('edit-section')?.remove();
  const section = document.createElement('section');
  section.className = 'panel-section';
  section.id = 'edit-section';
  body.insertBefore(section, document.getElementById('transition-section'));
  render(section, p);
});
