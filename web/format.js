/* LandRenew's formatting helpers, shared by every page: numbers the zh-CN way, HTML escaping, parcel
   codes and land uses as people read them, dates in China time (the server's "today" for effective
   dates) and arithmetic on days. */

const formats = new Map();

/** A number in zh-CN style (thousands separators) with exactly `decimals` decimals, or "—". */
export function num(value, decimals) {
  if (value === null || value === undefined || value === '' || !isFinite(Number(value))) {
    return '—';
  }
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(decimals, format);
  }
  return format.format(Number(value));
}

export function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) =>
    ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export const DASH = '<span class="muted">—</span>';

/** The part of a parcel code that tells it from its neighbours: 330523001001GB00031 → GB00031. */
export function shortCode(code) {
  const match = /^\d{12}(\D.*)$/.exec(code);
  return match ? match[1] : code;
}

/** A land use of GET api/land-uses as an option: "100101 一类工业用地 (M1)", its code, name and GB 50137 codes. */
export function landUseOption(use, selected) {
  const legacy = use.legacyCodes && use.legacyCodes.length ? ' (' + use.legacyCodes.join(', ') + ')' : '';
  return '<option value="' + esc(use.code) + '"' + (use.code === selected ? ' selected' : '') + '>' +
    esc(use.code + ' ' + use.nameZh + legacy) + '</option>';
}

/** Today in China time, as yyyy-mm-dd. */
export function todayInChina() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

const recordedFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
  day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** A day (yyyy-mm-dd) as a time, its midnight in UTC: for arithmetic on days. */
export function dayTime(day) {
  return Date.parse(day + 'T00:00:00Z');
}

/** A time as its day in UTC, yyyy-mm-dd. */
export function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from a to b (yyyy-mm-dd). */
export function daysBetween(a, b) {
  return Math.round((dayTime(b) - dayTime(a)) / 86400000);
}

/** yyyy-mm-dd plus n months, the day clamped to the month's end (as the server does). */
export function plusMonths(day, months) {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return isoDay(target.getTime());
}

/** A recording time in China time, "2024-03-05 10:12". */
export function recordedTime(iso) {
  const time = Date.parse(iso);
  return isFinite(time) ? recordedFormat.format(new Date(time)) : String(iso ?? '');
}
