/*
 * LandRenew 土地更新 — measuring on the map (测量): a distance along clicked points, or the area they
 * enclose in m², 亩 and 公顷. A control under the zoom buttons; click points, double-click (or the
 * button again) to finish, Esc to stop. While measuring, clicks do not open parcels.
 *
 * Lengths and areas are computed on a plane tangent to the ellipsoid (CGCS2000/GRS 80) at the points'
 * mean latitude: over the few kilometres of a zone this agrees with the official planar areas in
 * EPSG:4549 to well under 0.1 %, which a spherical formula would not (it is off by up to 0.5 %).
 */

import { num } from '../format.js';
import { map } from './base.js';

const A = 6378137;                  // GRS 80 semi-major axis, m
const E2 = 0.00669438002290;        // GRS 80 first eccentricity squared
const M2_PER_MU = 10000 / 15;

/** The points as metres east and north of the first, on the tangent plane at their mean latitude. */
function planar(latlngs) {
  const lat0 = latlngs.reduce((sum, p) => sum + p.lat, 0) / latlngs.length * Math.PI / 180;
  const w = Math.sqrt(1 - E2 * Math.sin(lat0) ** 2);
  const meridian = A * (1 - E2) / (w ** 3);      // radius of curvature along the meridian
  const normal = A / w;                           // radius of curvature across it
  const origin = latlngs[0];
  return latlngs.map((p) => [(p.lng - origin.lng) * Math.PI / 180 * normal * Math.cos(lat0),
    (p.lat - origin.lat) * Math.PI / 180 * meridian]);
}

/** Length of the line through the points, m. */
export function lengthM(latlngs) {
  const xy = planar(latlngs);
  let total = 0;
  for (let i = 1; i < xy.length; i++) {
    total += Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]);
  }
  return total;
}

/** Area of the polygon the points enclose (the shoelace formula), m². */
export function areaM2(latlngs) {
  const xy = planar(latlngs);
  let twice = 0;
  for (let i = 0; i < xy.length; i++) {
    const [x1, y1] = xy[i];
    const [x2, y2] = xy[(i + 1) % xy.length];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

function lengthText(m) {
  return m >= 1000 ? num(m / 1000, 3) + ' km' : num(m, 1) + ' m';
}

function areaText(m2) {
  return num(m2, 1) + ' m² · <b>' + num(m2 / M2_PER_MU, 2) + ' 亩</b> · ' + num(m2 / 10000, 4) + ' 公顷 ha';
}

let mode = null;        // 'length' | 'area' | null
let points = [];
let layer = null;
let result = null;      // the text of the last measurement

const control = L.control({ position: 'topleft' });
control.onAdd = () => {
  const box = L.DomUtil.create('div', 'leaflet-bar measure-control');
  box.innerHTML =
    '<a href="#" role="button" id="measure-length" title="测距离 Measure distance">距</a>' +
    '<a href="#" role="button" id="measure-area" title="测面积（平方米、亩） Measure area">面</a>';
  L.DomEvent.disableClickPropagation(box);
  box.querySelector('#measure-length').addEventListener('click', (e) => { e.preventDefault(); toggle('length'); });
  box.querySelector('#measure-area').addEventListener('click', (e) => { e.preventDefault(); toggle('area'); });
  return box;
};
control.addTo(map);

const readout = L.control({ position: 'topleft' });
readout.onAdd = () => {
  const box = L.DomUtil.create('div', 'measure-readout');
  box.id = 'measure-readout';
  box.hidden = true;
  L.DomEvent.disableClickPropagation(box);
  return box;
};
readout.addTo(map);

function show(html) {
  const box = document.getElementById('measure-readout');
  box.innerHTML = html;
  box.hidden = !html;
}

function toggle(next) {
  const wasSame = mode === next;
  stop(mode !== null && points.length >= (mode === 'area' ? 3 : 2));
  if (!wasSame) {
    start(next);
  }
}

function start(next) {
  mode = next;
  points = [];
  layer = L.layerGroup().addTo(map);
  map.doubleClickZoom.disable();
  map.getContainer().classList.add('measuring');
  document.getElementById('measure-' + next).classList.add('active');
  show((next === 'area' ? '测面积 <small>Area</small>' : '测距离 <small>Distance</small>') +
    '：点击地图加点，双击结束 <small>click points, double-click to finish</small>');
}

/** Ends measuring; the last line or area stays on the map with its figure when {@code keep}. */
function stop(keep) {
  if (!mode) {
    return;
  }
  document.getElementById('measure-' + mode).classList.remove('active');
  map.getContainer().classList.remove('measuring');
  map.doubleClickZoom.enable();
  if (!keep) {
    layer.remove();
    show('');
  } else {
    show(result + ' <a href="#" id="measure-clear">清除 <small>Clear</small></a>');
    const kept = layer;
    document.getElementById('measure-clear').addEventListener('click', (e) => {
      e.preventDefault();
      kept.remove();
      show('');
    });
  }
  mode = null;
}

function draw(hover) {
  layer.clearLayers();
  const line = hover ? [...points, hover] : points;
  if (mode === 'area' && line.length >= 3) {
    L.polygon(line, { color: '#0b3d91', weight: 2, dashArray: '5 4', fillOpacity: 0.12, interactive: false }).addTo(layer);
  } else if (line.length >= 2) {
    L.polyline(line, { color: '#0b3d91', weight: 2, dashArray: '5 4', interactive: false }).addTo(layer);
  }
  points.forEach((p) => L.circleMarker(p, { radius: 3, color: '#0b3d91', fillOpacity: 1, interactive: false }).addTo(layer));
  if (mode === 'area' && line.length >= 3) {
    result = '面积 <small>Area</small> ' + areaText(areaM2(line)) + ' · 周长 <small>perimeter</small> ' +
      lengthText(lengthM([...line, line[0]]));
  } else if (line.length >= 2) {
    result = '距离 <small>Distance</small> <b>' + lengthText(lengthM(line)) + '</b>';
  } else {
    return;
  }
  show(result);
}

map.on('click', (event) => {
  if (!mode) {
    return;
  }
  points.push(event.latlng);
  draw();
});
map.on('mousemove', (event) => {
  if (mode && points.length) {
    draw(event.latlng);
  }
});
map.on('dblclick', () => {
  if (mode) {
    draw();
    stop(points.length >= (mode === 'area' ? 3 : 2));
  }
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && mode) {
    stop(false);
  }
});

/** For tests (window.landrenew.measure). */
export const measure = { mode: () => mode, result: () => result, points: () => points.map((p) => [p.lng, p.lat]),
  areaM2, lengthM };
