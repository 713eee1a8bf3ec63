/*
 * LandRenew 土地更新 — the auditors' page's chart (Chart.js): mu freed per period as bars, the running
 * total as a line against the project's target, and a dashed line at the period of its deadline.
 */

import { num } from '../format.js';

const el = (id) => document.getElementById(id);

/** The chart shown, or null before the first. */
export let chart = null;

/** A vertical dashed line at the period holding the project's deadline. */
const deadlinePlugin = {
  id: 'deadline',
  afterDatasetsDraw(c, args, options) {
    if (options.index == null || options.index < 0) {
      return;
    }
    const x = c.scales.x.getPixelForValue(options.index);
    const { top, bottom } = c.chartArea;
    const ctx = c.ctx;
    ctx.save();
    ctx.strokeStyle = '#b71c1c';
    ctx.lineWidth = 1.2;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = '11px ' + getComputedStyle(document.body).fontFamily;
    const text = '期限 Deadline ' + options.label;
    const width = ctx.measureText(text).width;
    const right = x > (c.chartArea.left + c.chartArea.right) / 2;
    const tx = right ? x - 5 - width : x + 5;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.fillRect(tx - 3, top + 2, width + 6, 15);
    ctx.fillStyle = '#b71c1c';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, tx, top + 10);
    ctx.restore();
  },
};

/** Draws the chart of the tally t (GET api/renewal/tally) in place of the one there; returns it. */
export function renderChart(t) {
  const series = t.series || [];
  const labels = series.map((r) => r.period);
  const perPeriod = series.map((r) => r.freed.mu);
  const cumulative = series.map((r) => r.cumulative.mu);
  const targetMu = t.project && t.project.targets ? t.project.targets.mu : null;
  const groupNames = { month: '按月 per month', quarter: '按季 per quarter', year: '按年 per year' };
  el('chart-note').textContent = (groupNames[t.groupBy] || t.groupBy) + ' · 亩 mu';

  const datasets = [
    { type: 'bar', label: '本期腾出 Freed in period', data: perPeriod, yAxisID: 'y', order: 3,
      backgroundColor: 'rgba(47, 111, 208, 0.75)', borderColor: '#2f6fd0', borderWidth: 0, maxBarThickness: 34 },
    { type: 'line', label: '累计腾出 Cumulative', data: cumulative, yAxisID: 'y1', order: 1,
      borderColor: '#e65100', backgroundColor: '#e65100', borderWidth: 2.2, pointRadius: series.length > 24 ? 0 : 2.5,
      tension: 0.15 },
  ];
  if (targetMu) {
    datasets.push({ type: 'line', label: '目标 Target ' + num(targetMu, 0) + ' 亩', data: labels.map(() => targetMu),
      yAxisID: 'y1', order: 2, borderColor: '#b71c1c', borderDash: [7, 5], borderWidth: 1.8, pointRadius: 0,
      pointHoverRadius: 0, fill: false });
  }
  let deadlineIndex = -1;
  if (t.project && t.project.deadline && series.length) {
    const d = t.project.deadline;
    if (d >= series[0].start && d <= t.to) {
      for (let i = 0; i < series.length; i++) {
        if (series[i].start <= d) deadlineIndex = i;
      }
    }
  }
  const maxCumulative = Math.max(0, ...cumulative);
  const font = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.family = font;
  Chart.defaults.color = '#52606d';

  const config = {
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 10, padding: 12,
          sort: (a, b) => a.datasetIndex - b.datasetIndex } },
        tooltip: {
          callbacks: {
            label: (item) => ' ' + item.dataset.label.replace(/ \d[\d,]* 亩$/, '') + ': ' + num(item.parsed.y, 2) + ' 亩',
          },
        },
        deadline: { index: deadlineIndex, label: t.project ? t.project.deadline : '' },
      },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } },
        y: { position: 'left', beginAtZero: true, title: { display: true, text: '本期 per period (亩)' },
          grid: { color: '#eef1f4' } },
        y1: { position: 'right', beginAtZero: true, suggestedMax: Math.max(maxCumulative, targetMu || 0) * 1.08 || 1,
          title: { display: true, text: '累计 cumulative (亩)' }, grid: { display: false } },
      },
    },
    plugins: [deadlinePlugin],
  };
  if (chart) {
    chart.destroy();
  }
  chart = new Chart(el('freed-chart'), config);
  return chart;
}
