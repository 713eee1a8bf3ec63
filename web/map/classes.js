/*
 * The map's evaluation mode (staff only): the parcels of the zone in view coloured by their holder's
 * class (亩均效益评价 A/B/C/D) for a year, D and C land outlined, switched on and off in a box of its own
 * with a year switch (top left, under the zoom); and the parcel panel's section with the holder's classes and scores over the years.
 * Everything comes from api/evaluations/class-map and api/evaluations/holder-history, which answer staff only.
 */

import { getJson, me } from '../api.js';
import { esc, num, DASH, todayInChina } from '../format.js';
import { addPane } from '../map-setup.js';
import { map } from './base.js';
import { currentZone } from './bar.js';

const enc = encodeURIComponent;
const STAFF = ['planner', 'auditor', 'admin'];

/** Class colours: A green, B blue, C orange, D red; C and D outlined in a darker shade of their colour. */
export const CLASS_COLOURS = { A: '#2e7d32', B: '#1e88e5', C: '#fb8c00', D: '#e53935' };
const OUTLINES = { C: '#a84300', D: '#7f0000' };

addPane(map, 'classes', 425);   // above the parcels and outlines, below the selection
const layer = L.geoJSON(null, { pane: 'classes', style: (f) => styleOf(f.properties.class),
  onEachFeature: (f, l) => l.bindTooltip(esc(f.properties.code) + ' · ' + esc(f.properties.class) + ' 类 · '
    + esc(f.properties.enterprise)) });
const shown = { on: false, year: null, zone: null, count: 0 };

/** The style of a parcel of this class. */
export function styleOf(evaluationClass) {
  const outlined = OUTLINES[evaluationClass];
  return { fillColor: CLASS_COLOURS[evaluationClass] || '#9e9e9e', fillOpacity: 0.6,
    color: outlined || '#ffffff', weight: outlined ? 3 : 0.8, opacity: 1 };
}

const Switch = L.Control.extend({
  options: { position: 'topleft' },   // the parcel panel covers the right
  onAdd() {
    const box = L.DomUtil.create('div', 'leaflet-bar class-switch');
    box.id = 'class-switch';
    const lastYear = Number(todayInChina().slice(0, 4)) - 1;
    box.innerHTML = '<label><input type="checkbox" id="class-mode"> 评价类别 <small>Evaluation class</small></label>'
      + ' <input type="number" id="class-year" min="2000" max="2100" value="' + lastYear + '" aria-label="评价年度 Year">'
      + '<div class="class-legend" hidden>' + Object.entries(CLASS_COLOURS).map(([c, colour]) =>
        '<span class="class-item"><i style="background:' + colour + (OUTLINES[c] ? ';outline:2px solid ' + OUTLINES[c] : '')
        + '"></i>' + c + '</span>').join('') + ' <span class="class-count"></span></div>';
    L.DomEvent.disableClickPropagation(box);
    box.style.cssText = 'background:#fff;padding:6px 8px;font-size:13px';
    box.querySelector('#class-year').style.width = '5.5em';
    box.querySelectorAll('.class-item i').forEach((i) => {
      i.style.cssText += ';display:inline-block;width:12px;height:12px;margin:0 3px 0 8px;vertical-align:middle';
    });
    box.querySelector('#class-mode').addEventListener('change', () => refresh());
    box.querySelector('#class-year').addEventListener('change', () => refresh());
    return box;
  },
});

/** Draws (or takes away) the classes of the zone in view for the year in the switch. */
async function refresh() {
  const on = document.getElementById('class-mode').checked;
  const year = Number(document.getElementById('class-year').value);
  document.querySelector('#class-switch .class-legend').hidden = !on;
  if (!on) {
    map.removeLayer(layer);
    Object.assign(shown, { on, year: null, zone: null, count: 0 });
    return shown;
  }
  const zone = currentZone();
  const collection = await getJson('api/evaluations/class-map?zone=' + enc(zone) + '&year=' + year);
  layer.clearLayers();
  layer.addData(collection);
  layer.addTo(map);
  Object.assign(shown, { on, year, zone, count: collection.features.length });
  document.querySelector('#class-switch .class-count').textContent = num(shown.count, 0) + ' 宗 parcels';
  return shown;
}

// Another zone in view: its classes.
map.on('moveend', () => {
  if (shown.on && currentZone() !== shown.zone) {
    refresh();
  }
});

me().then((viewer) => {
  if (STAFF.includes(viewer.role)) {
    map.addControl(new Switch());
  }
});

/** The panel's section: the holder's class and score each year (staff only). */
let historySeq = 0;
document.addEventListener('landrenew:parcel-shown', async (event) => {
  const p = event.detail && event.detail.properties;
  const body = document.getElementById('parcel-body');
  if (!p || !body) return;
  let section = document.getElementById('class-history-section');
  if (!section) {
    section = document.createElement('section');
    section.id = 'class-history-section';
    section.className = 'panel-section';
    body.insertBefore(section, document.getElementById('transition-section'));
  }
  section.hidden = true;
  const mine = ++historySeq;
  const viewer = await me();
  if (!STAFF.includes(viewer.role) || !p.enterprise) return;
  const zone = p.zone && p.zone.code ? p.zone.code : p.zone;
  const history = await getJson('api/evaluations/holder-history?zone=' + enc(zone) + '&parcel=' + enc(p.code));
  if (mine !== historySeq || !history.length) return;
  section.innerHTML = '<h2>亩均效益评价 <small>Per-mu evaluation of the holder</small></h2><table class="class-history">'
    + '<tr><th>年度 <small>Year</small></th><th>类别 <small>Class</small></th><th>得分 <small>Score</small></th>'
    + '<th>排名 <small>Rank</small></th></tr>'
    + history.map((h) => '<tr data-year="' + h.year + '"><td>' + h.year + '</td><td class="class-cell">' + (h.evaluationClass
      ? '<b class="class-' + esc(h.evaluationClass) + '">' + esc(h.evaluationClass) + '</b>' : DASH)
      + (h.veto ? ' <small>' + esc(h.veto) + '</small>' : '') + '</td><td>' + (h.score == null ? DASH : num(h.score, 2))
      + '</td><td>' + (h.rank == null ? DASH : h.rank) + '</td></tr>').join('') + '</table>';
  section.hidden = false;
});

export const classes = { layer, shown, refresh, styleOf };
