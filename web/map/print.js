/*
 * LandRenew 土地更新 — print or save (as PDF, from the browser's print dialog) the map view: a Leaflet
 * control ("打印 Print") that lays the page out for paper: a title (the zone, the date, the parcels in
 * view), the map as it is on the screen with its scale bar and a north arrow (the map is always
 * north-up), and the legend of life-cycle states beside it; the top bar, the panels and the other
 * controls are left off (app.css, @media print). The browser's own print keeps the tiles and the
 * parcels exactly as drawn, with no library.
 */

import { esc, num, todayInChina } from '../format.js';
import { map } from './base.js';
import { updateLegendCounts } from './legend.js';

const el = (id) => document.getElementById(id);

/** The title above the printed map. */
const sheet = L.DomUtil.create('header', 'print-sheet');
sheet.id = 'print-sheet';
document.body.prepend(sheet);

/** A north arrow on the map, shown on paper only. */
const north = L.control({ position: 'topright' });
north.onAdd = () => {
  const arrow = L.DomUtil.create('div', 'print-north');
  arrow.id = 'print-north';
  arrow.title = '北 North';
  arrow.innerHTML = '<span class="needle"></span><b>N</b>';
  return arrow;
};
north.addTo(map);

/** The zone the map shows, by name: the zone switch's choice. */
function zoneName() {
  const select = el('zone-select');
  const option = select && select.selectedOptions[0];
  return option ? option.textContent.trim() : '';
}

/** Fills the title and prints; answers the title, for tests. */
export function printView() {
  const inView = updateLegendCounts();
  const zone = zoneName();
  const c = map.getCenter();
  sheet.innerHTML = '<h1>LandRenew 土地更新 · ' + esc(zone || '地图 Map') + '</h1>' +
    '<div class="print-meta">' + todayInChina() + ' · 视图内 ' + num(inView, 0) + ' 宗 <small>parcels in view</small> · ' +
    '中心 centre ' + c.lat.toFixed(5) + '°N ' + c.lng.toFixed(5) + '°E · 缩放 zoom ' + map.getZoom() + '</div>';
  // On paper the map is no longer pinned to the window's edges: keep its size, and so the view.
  const box = map.getContainer();
  box.style.width = box.clientWidth + 'px';
  box.style.height = box.clientHeight + 'px';
  document.body.classList.add('printing');
  window.print();
  return sheet.textContent;
}

window.addEventListener('afterprint', () => {
  document.body.classList.remove('printing');
  map.getContainer().style.width = '';
  map.getContainer().style.height = '';
});

const control = L.control({ position: 'topleft' });
control.onAdd = () => {
  const box = L.DomUtil.create('div', 'leaflet-bar print-control');
  box.innerHTML = '<a href="#" role="button" id="print-map" title="打印或另存为 PDF：标题、图例、比例尺、指北针 ' +
    'Print or save as PDF with title, legend, scale and north arrow">印</a>';
  L.DomEvent.disableClickPropagation(box);
  box.querySelector('#print-map').addEventListener('click', (e) => {
    e.preventDefault();
    printView();
  });
  return box;
};
control.addTo(map);

export const print = { printView };
