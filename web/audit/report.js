/*
 * LandRenew 土地更新 — the auditors' report as text: its head, the progress cards against the targets, the
 * table per block, idle land, the ledger events behind the figures, the download links and the foot.
 * Each renderer fills its part of audit.html from the tally (GET api/renewal/tally) or the events.
 */

import { DASH, daysBetween, esc, num, recordedTime } from '../format.js';
import { showFreedParcel } from './map.js';
import { apiQuery, controls, page, pickBlock, states, toggleBlock } from './state.js';

const el = (id) => document.getElementById(id);
const enc = encodeURIComponent;

function stateChip(code) {
  const s = states.get(code);
  return '<span class="mini-chip" style="--chip:' + esc(s ? s.colour : '#bdbdbd') + '" title="' +
    esc(s ? s.nameZh + ' ' + s.nameEn : code) + '"><i></i>' + esc(s ? s.nameZh : code) + '</span>';
}

export function renderHead(t) {
  const project = t.project;
  el('report-kicker').innerHTML = project ? '有机更新项目 <small>Renewal project</small> · ' + esc(t.zone.name)
    : '开发区 <small>Whole zone</small>';
  el('project-name').textContent = project ? project.name : t.zone.name;
  document.title = (project ? project.name : t.zone.name) + ' · 更新台账 Renewal ledger';
  const items = [];
  if (project) {
    items.push('<span>项目期 <small>Project</small> <b>' + esc(project.started) + ' – ' + esc(project.deadline) + '</b></span>');
  }
  items.push('<span>统计期 <small>Period</small> <b id="period">' + esc(t.from) + ' – ' + esc(t.to) + '</b></span>');
  items.push('<span>截至 <small>As of</small> <b id="as-of-shown">' + esc(t.asOf) + '</b></span>');
  items.push('<span>范围 <small>Scope</small> <b>' + num(t.total.areaOfScope.mu, 0) + ' 亩</b> · ' + num(t.blocks.length, 0) +
    ' 个区块 <small>blocks</small>' + (t.blocks.length && t.blocks.length <= 8 ? '（' + t.blocks.map((b) => esc(b.name)).join('、') + '）' : '') + '</span>');
  el('report-meta').innerHTML = items.join('<span class="sep">·</span>');
}

function progressCard(key, titleZh, titleEn, done, target, percent, unit, decimals) {
  const hasTarget = target != null && target > 0;
  const pct = hasTarget && percent != null ? Number(percent) : null;
  const width = pct == null ? 0 : Math.max(0, Math.min(100, pct));
  const over = pct != null && pct > 100;
  const complete = pct != null && pct >= 100;
  return '<article class="progress-card' + (complete ? ' complete' : '') + '" id="progress-' + key + '"' +
    (pct != null ? ' data-percent="' + pct + '"' : '') + '>' +
    '<div class="pc-title">' + titleZh + ' <small>' + titleEn + '</small></div>' +
    '<div class="pc-figures"><b class="pc-done" id="done-' + key + '">' + num(done, decimals) + '</b>' +
    (hasTarget ? '<span class="pc-of"> / </span><span class="pc-target" id="target-' + key + '">' + num(target, 0) + '</span>' : '') +
    ' <span class="pc-unit">' + unit + '</span></div>' +
    (hasTarget
      ? '<div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="' + width + '" aria-label="' +
        esc(titleZh + ' ' + titleEn) + '"><i style="width:' + width + '%"></i></div>' +
        '<div class="pc-foot"><span class="pct">' + num(pct, 1) + '%</span>' +
        (over ? ' <span class="pc-note good">超额 <small>exceeded</small> ' + num(done - target, decimals) + '</span>'
          : complete ? ' <span class="pc-note good">已完成 <small>done</small></span>'
            : ' <span class="pc-note">尚差 <small>to go</small> ' + num(target - done, decimals) + ' ' + unit + '</span>') +
        '</div>'
      : '<div class="pc-foot muted">' + (page.tally && page.tally.project ? '项目未设此目标 <small>no target set</small>'
        : '无目标 <small>a whole zone has no targets</small>') + '</div>') +
    '</article>';
}

function deadlineCard(t) {
  const p = t.project;
  const total = daysBetween(p.started, p.deadline);
  const elapsed = Math.max(0, Math.min(total, daysBetween(p.started, t.asOf)));
  const pctTime = total > 0 ? Math.round(elapsed / total * 1000) / 10 : 100;
  const left = daysBetween(t.asOf, p.deadline);
  const muPct = t.total.percentOfTarget ? t.total.percentOfTarget.mu : null;
  const met = muPct != null && muPct >= 100;
  let status;
  if (left >= 0) {
    status = '剩余 <b>' + num(left, 0) + '</b> 天 <small>days left</small>';
  } else if (met) {
    status = '已过期限 <small>past the deadline</small> · 面积目标已完成 <small>area target met</small>';
  } else {
    status = '<span class="overdue">已逾期 <b>' + num(-left, 0) + '</b> 天 <small>days overdue</small></span>';
  }
  return '<article class="progress-card deadline-card' + (left < 0 && !met ? ' late' : '') + '" id="progress-deadline">' +
    '<div class="pc-title">期限 <small>Deadline</small></div>' +
    '<div class="pc-figures"><b id="deadline">' + esc(p.deadline) + '</b></div>' +
    '<div class="bar time"><i style="width:' + pctTime + '%"></i></div>' +
    '<div class="pc-foot"><span class="pct">' + num(pctTime, 1) + '%</span> <small>时间已过 of the time elapsed</small><br>' +
    status + '</div></article>';
}

export function renderProgress(t) {
  const f = t.total.freed;
  const targets = t.project ? t.project.targets : null;
  const pct = t.total.percentOfTarget || {};
  el('progress').innerHTML =
    progressCard('enterprises', '迁出企业', 'Enterprises moved', f.enterprises, targets && targets.enterprises,
      pct.enterprises, '家', 0) +
    progressCard('households', '搬迁户数', 'Households relocated', f.households, targets && targets.households,
      pct.households, '户', 0) +
    progressCard('mu', '腾出土地', 'Land freed', f.area.mu, targets && targets.mu, pct.mu, '亩', 2) +
    (t.project ? deadlineCard(t) : '<article class="progress-card" id="progress-parcels"><div class="pc-title">腾出宗地 ' +
      '<small>Parcels freed</small></div><div class="pc-figures"><b>' + num(f.parcels, 0) + '</b> <span class="pc-unit">宗</span>' +
      '</div><div class="pc-foot muted">' + num(f.area.ha, 2) + ' 公顷 <small>ha</small> · ' + num(f.area.m2, 0) + ' m²</div></article>');
}

export function renderBlocks(t) {
  const maxShare = 100;
  const rows = t.blocks.map((b) => {
    const share = b.areaOfScope.m2 > 0 ? b.freed.area.m2 / b.areaOfScope.m2 * 100 : 0;
    return '<tr data-block="' + esc(b.code) + '" tabindex="0" class="' + (b.code === page.selectedBlock ? 'selected' : '') +
      '" title="在地图和明细中筛选 Filter the map and the events">' +
      '<td class="text"><span class="block-name">' + esc(b.name) + '</span></td>' +
      '<td>' + num(b.areaOfScope.mu, 0) + '</td>' +
      '<td>' + num(b.freed.parcels, 0) + '</td>' +
      '<td>' + num(b.freed.enterprises, 0) + '</td>' +
      '<td>' + num(b.freed.households, 0) + '</td>' +
      '<td class="strong">' + num(b.freed.area.mu, 2) + '</td>' +
      '<td class="text share-col"><span class="share"><i style="width:' + Math.min(maxShare, share) + '%"></i></span>' +
      '<span class="share-text">' + num(share, 1) + '%</span></td></tr>';
  }).join('');
  const tb = el('blocks-table');
  tb.tBodies[0].innerHTML = rows || '<tr><td colspan="7" class="text muted">无区块 <small>No blocks</small></td></tr>';
  const total = t.total;
  const share = total.areaOfScope.m2 > 0 ? total.freed.area.m2 / total.areaOfScope.m2 * 100 : 0;
  tb.tFoot.innerHTML = '<tr><td class="text">合计 <small>Total</small></td><td>' + num(total.areaOfScope.mu, 0) + '</td><td>' +
    num(total.freed.parcels, 0) + '</td><td>' + num(total.freed.enterprises, 0) + '</td><td>' +
    num(total.freed.households, 0) + '</td><td class="strong">' + num(total.freed.area.mu, 2) + '</td>' +
    '<td class="text share-col"><span class="share"><i style="width:' + Math.min(100, share) + '%"></i></span>' +
    '<span class="share-text">' + num(share, 1) + '%</span></td></tr>';
  for (const row of tb.tBodies[0].querySelectorAll('tr[data-block]')) {
    const pick = () => toggleBlock(row.dataset.block);
    row.addEventListener('click', pick);
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        pick();
      }
    });
  }
}

export function renderIdle(t) {
  const idle = t.idle || { count: 0, area: {}, parcels: [] };
  const zone = controls.zone.value;
  el('idle-summary').innerHTML = '<span class="idle-count' + (idle.count ? ' has' : '') + '"><b id="idle-count">' +
    num(idle.count, 0) + '</b> 宗 <small>parcels</small></span><span class="idle-area"><b>' + num(idle.area.mu, 2) +
    '</b> 亩 <small>mu</small></span><span class="muted idle-def">已供地，约定开工日期后满一年未动工（截至 ' + esc(t.asOf) +
    '） <small>supplied, construction not started a year after the contracted date</small></span>';
  const blockName = (code) => {
    const b = t.blocks.find((x) => x.code === code);
    return b ? b.name : code || '';
  };
  el('idle-table').tBodies[0].innerHTML = idle.parcels.length
    ? idle.parcels.map((p) => '<tr><td class="text"><a class="code" href="./#' + enc(zone) + '/' + enc(p.code) +
      '" title="在地图中打开 Open on the map">' + esc(p.code) + '</a></td><td class="text">' + esc(blockName(p.block)) +
      '</td><td class="text">' + esc(p.constructionDue) + '</td><td>' + num(p.area.mu, 2) + '</td></tr>').join('')
    : '<tr><td colspan="4" class="text muted">无闲置土地 <small>No idle land</small></td></tr>';
}

export function renderEvents(events, block) {
  const table = el('events-table');
  const zone = controls.zone.value;
  let households = 0;
  let mu = 0;
  table.tBodies[0].innerHTML = events.length ? events.map((e) => {
    households += e.households || 0;
    mu += e.parcelMu || 0;
    return '<tr data-parcel="' + esc(e.parcel) + '" data-block="' + esc(e.block || '') + '">' +
      '<td class="text nowrap">' + esc(e.effectiveDate) + '</td>' +
      '<td class="text"><a class="code" href="./#' + enc(zone) + '/' + enc(e.parcel) + '" title="在地图中打开 Open on the map">' +
      esc(e.parcel) + '</a></td>' +
      '<td class="text nowrap">' + esc(e.blockName || e.block || '') + '</td>' +
      '<td class="text nowrap">' + stateChip(e.fromState) + '<span class="arrow">→</span>' + stateChip(e.toState) + '</td>' +
      '<td class="text">' + (e.enterprise ? esc(e.enterprise) + (e.enterpriseCreditCode
        ? '<div class="sub code-plain">' + esc(e.enterpriseCreditCode) + '</div>' : '') : DASH) + '</td>' +
      '<td>' + (e.households ? num(e.households, 0) : DASH) + '</td>' +
      '<td>' + num(e.parcelMu, 2) + '</td>' +
      '<td class="text">' + (e.documentNo ? esc(e.documentNo) : DASH) + '</td>' +
      '<td class="text">' + esc(e.actor) + (e.reason ? '<div class="sub">' + esc(e.reason) + '</div>' : '') + '</td>' +
      '<td class="text nowrap">' + esc(recordedTime(e.recordedAt)) + '</td></tr>';
  }).join('') : '<tr><td colspan="10" class="text muted empty">本期无腾出记录 <small>No land freed in the period</small></td></tr>';
  table.tFoot.innerHTML = events.length ? '<tr><td class="text" colspan="5">合计 <small>Total</small> ' + num(events.length, 0) +
    ' 条 <small>events</small></td><td>' + num(households, 0) + '</td><td>' + num(mu, 2) + '</td><td colspan="3"></td></tr>' : '';
  el('events-count').innerHTML = '共 <b>' + num(events.length, 0) + '</b> 条 <small>events</small>';
  const filter = el('events-filter');
  if (block) {
    const b = page.tally && page.tally.blocks.find((x) => x.code === block);
    filter.innerHTML = '区块 <small>block</small> ' + esc(b ? b.name : block) +
      ' <button type="button" class="chip-clear" title="显示全部 Show all" aria-label="显示全部 Show all">×</button>';
    filter.hidden = false;
    filter.querySelector('button').addEventListener('click', () => pickBlock(null));
  } else {
    filter.hidden = true;
  }
  table.dataset.block = block || '';
  table.dataset.count = String(events.length);
  for (const row of table.tBodies[0].querySelectorAll('tr[data-parcel]')) {
    row.addEventListener('click', (event) => {
      if (event.target.closest('a')) {
        return;
      }
      if (showFreedParcel(row.dataset.parcel)) {
        el('map-card').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
    });
  }
}

export function renderDownloads() {
  const q = apiQuery();
  el('download-csv').href = 'api/renewal/tally.csv?' + q;
  el('download-xlsx').href = 'api/renewal/tally.xlsx?' + q;
}

export function renderFoot(t) {
  const link = location.href;
  el('report-foot').innerHTML = '数据来源 <small>Source</small>: LandRenew 更新台账 · ' +
    '报表重现链接 <small>Link to reproduce</small>: <a href="' + esc(link) + '">' + esc(decodeURIComponent(link)) + '</a>' +
    '<br>面积为 CGCS2000 / EPSG:4549 平面面积，1 亩 = 10000/15 m²。腾出：迁入"腾空"或之后状态的宗地，' +
    '按生效日期计入统计期，按截至日已记录的台账计算。 <small>Areas are planar in EPSG:4549. Freed: moved into ' +
    '"vacated" or a later state, counted by effective date, from the ledger as recorded by the as-of date.</small>';
}
