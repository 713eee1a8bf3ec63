/*
 * LandRenew 土地更新 — the timeline under the supply page's map (a Gantt chart of the plan shown): a row
 * per batch from its supply (or the day it was supplied) to its earliest construction start, the
 * whole-site alternative under them, the time phasing saves, today and the wanted start.
 */

import { dayTime, esc, isoDay, num, todayInChina } from '../format.js';
import { batchColour } from './base.js';

const el = (id) => document.getElementById(id);
const dayMs = 86400000;
const time = dayTime;

/** Draws plan p's timeline (a plan of GET api/supply/plans/{id}), or the note that there is none. */
export function renderTimeline(p) {
  const box = el('timeline');
  if (!p) {
    box.innerHTML = '<div class="timeline-empty muted">生成方案后显示 <small>Shown once a plan is made</small></div>';
    el('timeline-note').textContent = '';
    return;
  }
  const today = todayInChina();
  const whole = p.options.whole.batches[0];
  const c = p.options.comparison;
  const days = [today, p.wantedStart, whole.supplyDate, whole.earliestStart];
  for (const b of p.batches) {
    days.push(b.supplyDate, b.earliestStart);
    if (b.suppliedOn) days.push(b.suppliedOn);
  }
  const sorted = days.map(time).sort((a, b) => a - b);
  // Room on the right for the last start's date label.
  const t0 = sorted[0] - 20 * dayMs;
  const t1 = sorted[sorted.length - 1] + Math.max(45 * dayMs, (sorted[sorted.length - 1] - sorted[0]) * 0.14);
  const pct = (day) => ((time(day) - t0) / (t1 - t0) * 100).toFixed(3) + '%';
  const widthPct = (a, b) => (Math.max(time(b) - time(a), 0) / (t1 - t0) * 100).toFixed(3) + '%';

  const months = (t1 - t0) / (30.44 * dayMs);
  const step = months > 96 ? 12 : months > 48 ? 6 : months > 24 ? 3 : months > 14 ? 2 : 1;
  let ticks = '';
  const first = new Date(t0);
  for (let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)); d.getTime() < t1;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    const m = d.getUTCMonth();
    if (m % step !== 0) continue;
    const day = isoDay(d.getTime());
    ticks += '<div class="tl-tick' + (m === 0 ? ' year' : '') + '" style="left:' + pct(day) + '"><span>' +
      (m === 0 ? d.getUTCFullYear() : (m + 1) + '月') + '</span></div>';
  }

  const count = p.batches.length;
  let rows = '<div class="tl-axis"><div class="tl-label muted">批次 <small>Batch</small></div><div class="tl-track">' + ticks + '</div></div>';
  for (const b of p.batches) {
    const from = b.suppliedOn || b.supplyDate;
    const colour = batchColour(b.seq, count);
    rows += '<div class="tl-row" data-seq="' + b.seq + '"><div class="tl-label"><span class="swatch" style="background:' + colour +
      '"></span>第' + b.seq + '批 · ' + num(b.area.mu, 1) + ' 亩' + (b.state === 'supplied' ? ' ✓' : '') + '</div>' +
      '<div class="tl-track">' + ticks.replace(/<span>.*?<\/span>/g, '') +
      '<div class="tl-bar' + (b.state === 'supplied' ? ' supplied' : '') + '" style="left:' + pct(from) + ';width:' +
      widthPct(from, b.earliestStart) + ';background-color:' + colour + '" title="供地 supply ' + esc(from) + ' → 可开工 start ' +
      esc(b.earliestStart) + '"></div>' +
      '<div class="tl-start" style="left:' + pct(b.earliestStart) + '"></div>' +
      '<div class="tl-start-label" style="left:' + pct(b.earliestStart) + '">' + esc(b.earliestStart) + '</div></div></div>';
  }
  rows += '<div class="tl-row whole" data-seq="whole"><div class="tl-label">整体供地 <small>Whole site · ' + num(p.site.area.mu, 1) +
    ' 亩</small></div><div class="tl-track">' + ticks.replace(/<span>.*?<\/span>/g, '') +
    '<div class="tl-bar" style="left:' + pct(whole.supplyDate) + ';width:' + widthPct(whole.supplyDate, whole.earliestStart) +
    ';background-color:#9e9e9e" title="整体供地 whole site ' + esc(whole.supplyDate) + ' → ' + esc(whole.earliestStart) + '"></div>' +
    '<div class="tl-start" style="left:' + pct(whole.earliestStart) + '"></div>' +
    '<div class="tl-start-label" style="left:' + pct(whole.earliestStart) + '">' + esc(whole.earliestStart) + '</div></div></div>';
  if (c.savedDays > 0) {
    rows += '<div class="tl-row saved-row"><div class="tl-label">提前开工 <small>Time saved</small></div><div class="tl-track">' +
      '<div class="tl-saved" style="left:' + pct(c.phasedFirstStart) + ';width:' + widthPct(c.phasedFirstStart, c.wholeStart) +
      '"></div><div class="tl-saved-label" style="left:' + pct(c.phasedFirstStart) + '">' + num(c.savedDays, 0) +
      ' 天 days</div></div></div>';
  }
  rows += '<div class="tl-foot"></div>';
  const lines = '<div class="tl-lines">' +
    '<div class="tl-line today" style="left:' + pct(today) + '"><span>今天 today</span></div>' +
    '<div class="tl-line wanted" style="left:' + pct(p.wantedStart) + '"><span>期望开工 wanted</span></div></div>';
  box.innerHTML = rows + lines;
  el('timeline-note').innerHTML = '条形：供地 → 可开工（+' + num(p.leadMonths, 0) + ' 个月）<small>bar: supply → earliest start</small>';
}
