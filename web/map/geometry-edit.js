/*
 * LandRenew 土地更新 — a parcel's land in the map's parcel panel: its lineage (the parcels it came from),
 * and the planner's three changes of it:
 *   分割 Split: click points across the parcel, double-click to finish, confirm
 *               → POST /api/parcels/{zone}/{code}/split with the line in lon/lat;
 *   合并 Merge: click the neighbouring parcels to merge with it, give the new code, confirm
 *               → POST /api/parcels/merge with each parcel's version;
 *   编辑边界 Edit outline: drag the outline's corners, save → PUT /api/parcels/{zone}/{code} with the
 *               geometry and the version the panel loaded.
 * While a mode is on, the parcel tiles take no clicks (the map does), so a click draws or picks instead of
 * opening another parcel. A refusal (400, 409, 422) is shown in the panel with the server's detail.
 * Signed-in users see the lineage; only planners get the three changes (the server decides either way).
 * For tests: window.landrenewGeometry = { mode(), done } (done: the last request's promise, its HTTP status).
 */

import * as server from '../api.js';
import { esc, num, todayInChina } from '../format.js';
import { map } from './base.js';
import { selectParcel } from './panel.js';
import { parcelsAt, parcelTiles } from './parcels.js';

const enc = encodeURIComponent;
const api = (window.landrenewGeometry = { mode: () => (mode ? mode.name : null), done: null });
const style = document.createElement('style');
style.textContent =
  '#map.geometry-drawing { cursor: crosshair; }' +
  // the tiles' canvases take clicks themselves (and stop them): none while drawing or picking
  '#map.geometry-mode .leaflet-parcels-pane, #map.geometry-mode .leaflet-parcels-pane * { pointer-events: none !important; }' +
  '.vertex-handle { width: 12px; height: 12px; margin: -6px 0 0 -6px; border-radius: 50%; background: #fff;' +
  ' border: 2px solid #0b3d91; box-sizing: border-box; cursor: move; }' +
  '#geometry-section .geometry-actions { display: flex; flex-wrap: wrap; gap: 12px; margin: 4px 0; }' +
  '#geometry-section .lineage { margin: 4px 0; font-size: 13px; }' +
  '#geometry-section .geometry-hint { margin: 6px 0; font-size: 12px; }' +
  '#geometry-section .picked { margin: 4px 0; padding-left: 18px; }';
document.head.appendChild(style);

let mode = null;           // { name, parcel, layers, cleanup }
let shownFeature = null;   // the parcel the panel shows, for a redraw of a split line

const el = (id) => document.getElementById(id);

// ---------------------------------------------------------------- the section

document.addEventListener('landrenew:parcel-shown', async (event) => {
  stopMode();
  const feature = event.detail;
  shownFeature = feature;
  const viewer = await server.me();
  const body = el('parcel-body');
  if (!feature || !feature.properties || !body || !viewer.signedIn || shownFeature !== feature) {
    return;
  }
  el('geometry-section')?.remove();
  const section = document.createElement('section');
  section.className = 'panel-section';
  section.id = 'geometry-section';
  body.insertBefore(section, el('transition-section'));
  render(section, feature, viewer.role === 'planner');
});

el('parcel-close')?.addEventListener('click', stopMode);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    stopMode();
  }
});

function render(section, feature, planner) {
  const p = feature.properties;
  section.innerHTML = '<h2>分宗 · 合宗 · 边界 <small>Split, merge, outline</small></h2>' +
    '<div class="lineage" id="parcel-lineage"></div>' +
    '<div class="geometry-actions"' + (planner ? '' : ' hidden') + '>' +
    '<button type="button" id="split-start" class="link-button">分割 <small>Split</small></button>' +
    '<button type="button" id="merge-start" class="link-button">合并 <small>Merge with…</small></button>' +
    '<button type="button" id="outline-start" class="link-button">编辑边界 <small>Edit outline</small></button>' +
    '</div>' +
    '<div id="geometry-mode"></div>' +
    '<div class="form-error" id="geometry-error" role="alert" hidden></div>';
  section.querySelector('#split-start').addEventListener('click', () => startSplit(feature));
  section.querySelector('#merge-start').addEventListener('click', () => startMerge(feature));
  section.querySelector('#outline-start').addEventListener('click', () => startOutline(feature));
  showLineage(p.zone.code, p.code);
}

async function showLineage(zone, code) {
  let lineage;
  try {
    lineage = await server.getJson('api/parcels/' + enc(zone) + '/' + enc(code) + '/lineage');
  } catch (error) {
    return;
  }
  const box = el('parcel-lineage');
  if (!box || el('parcel-code').textContent !== code) {
    return;
  }
  const op = (o) => (o === 'split' ? '分宗 split' : '合宗 merge');
  const link = (c) => '<a href="#' + esc(enc(zone) + '/' + enc(c.code)) + '" class="code" title="' +
    (c.current ? '现状宗地 current' : '已注销 retired') + '">' + esc(c.code) + '</a>' +
    (c.current ? '' : ' <small class="muted">已注销 retired</small>');
  const lines = [];
  if (lineage.parents.length) {
    lines.push('来源 <small>from</small> ' + lineage.parents.map(link).join('、') + ' <span class="muted">· ' +
      esc(op(lineage.parents[0].operation)) + ' ' + esc(lineage.parents[0].effectiveDate) + '</span>');
  }
  if (lineage.children.length) {
    lines.push('去向 <small>into</small> ' + lineage.children.map(link).join('、') + ' <span class="muted">· ' +
      esc(op(lineage.children[0].operation)) + ' ' + esc(lineage.children[0].effectiveDate) + '</span>');
  }
  box.innerHTML = lines.length ? lines.join('<br>')
    : '<span class="muted">原始宗地，无分合记录 <small>No split or merge recorded</small></span>';
}

function showError(html) {
  const box = el('geometry-error');
  if (box) {
    box.innerHTML = html || '';
    box.hidden = !html;
  }
}

/** The problem answer as the panel shows it: what kind of refusal, the server's detail, the list of problems. */
function problemHtml(status, body) {
  const kind = status === 409 ? '无法执行 <small>Not allowed:</small> '
    : status === 400 || status === 422 ? '输入有误 <small>Invalid:</small> ' : '提交失败 <small>Failed:</small> ';
  let html = kind + esc((body && (body.detail || body.title)) || String(status));
  if (body && status === 409 && body.currentVersion != null) {
    html += '<br><small>此宗地已被他人修改 Someone else changed this parcel; reload it.</small> ' +
      '<button type="button" id="geometry-reload" class="link-button">重新加载 <small>Reload</small></button>';
  }
  return html;
}

async function send(method, url, request) {
  let response;
  let body = null;
  try {
    response = await server.send(url, method, request);   // with the CSRF token
    body = await response.json().catch(() => null);
  } catch (error) {
    return { status: 0, body: { detail: error.message } };
  }
  return { status: response.status, ok: response.ok, body };
}

function refused(result, parcel) {
  showError(problemHtml(result.status, result.body));
  el('geometry-reload')?.addEventListener('click', () => {
    stopMode();
    selectParcel(parcel.zone.code, parcel.code, {});
  });
}

/** The date and reason fields a split and a merge ask for, and the confirm button (who: the signed-in planner). */
function commonFields(prefix, confirmZh, confirmEn) {
  const today = todayInChina();
  return '<div class="field-pair">' +
    '<label class="field"><span>生效日期 <small>Effective</small></span><input id="' + prefix + '-date" type="date"' +
    ' value="' + esc(today) + '" max="' + esc(today) + '"></label>' +
    '<label class="field"><span>原因 <small>Reason</small></span><input id="' + prefix + '-reason" type="text"></label>' +
    '</div>' +
    '<div class="form-actions"><button type="submit" id="' + prefix + '-submit" class="primary">' + confirmZh +
    ' <small>' + confirmEn + '</small></button>' +
    '<button type="button" class="link-button geometry-cancel">取消 <small>Cancel</small></button></div>';
}

function common(prefix) {
  const value = (id) => el(prefix + '-' + id).value.trim();
  return { effectiveDate: value('date') || null, reason: value('reason') || null };
}

function modeBox(html) {
  const box = el('geometry-mode');
  box.innerHTML = html;
  box.querySelectorAll('.geometry-cancel').forEach((b) => b.addEventListener('click', stopMode));
  return box;
}

// ---------------------------------------------------------------- modes

function startMode(name, parcel, cleanup) {
  stopMode();
  showError('');
  // The tiles take no clicks while drawing or picking: the map gets them.
  map.getContainer().classList.add('geometry-mode');
  mode = { name, parcel, layers: L.layerGroup().addTo(map), cleanup };
}

function stopMode() {
  if (!mode) {
    return;
  }
  map.getContainer().classList.remove('geometry-mode', 'geometry-drawing');
  mode.layers.remove();
  if (mode.cleanup) {
    mode.cleanup();
  }
  mode = null;
  const box = el('geometry-mode');
  if (box) {
    box.innerHTML = '';
  }
}

async function done(parcel, result, codeToShow, notice) {
  if (!result.ok) {
    refused(result, parcel);
    return result.status;
  }
  stopMode();
  // The server dropped its cached tiles of the old and new land: draw them again.
  parcelTiles.redraw();
  await selectParcel(parcel.zone.code, codeToShow, { notice });
  return result.status;
}

// ---------------------------------------------------------------- split

function startSplit(feature) {
  const parcel = feature.properties;
  const vertices = [];
  let rubber = null;
  let finished = false;
  const sketch = () => {
    mode.layers.clearLayers();
    if (vertices.length > 1) {
      L.polyline(vertices, { color: '#c62828', weight: 3, interactive: false }).addTo(mode.layers);
    }
    vertices.forEach((v) => L.circleMarker(v, { radius: 4, color: '#c62828', weight: 2, fillColor: '#fff',
      fillOpacity: 1, interactive: false }).addTo(mode.layers));
  };
  const onClick = (event) => {
    if (finished) {
      return;
    }
    const last = vertices[vertices.length - 1];
    // The second click of a double-click lands on the point just placed: not a new point.
    if (last && map.latLngToContainerPoint(last).distanceTo(event.containerPoint) < 4) {
      return;
    }
    vertices.push(event.latlng);
    sketch();
    el('split-status').textContent = vertices.length + ' 个点 points';
  };
  const onMove = (event) => {
    if (finished || !vertices.length) {
      return;
    }
    const line = [vertices[vertices.length - 1], event.latlng];
    if (rubber) {
      rubber.setLatLngs(line);
    } else {
      rubber = L.polyline(line, { color: '#c62828', weight: 1.5, dashArray: '4 4', interactive: false }).addTo(mode.layers);
    }
  };
  const onDoubleClick = () => {
    if (finished) {
      return;
    }
    if (vertices.length < 2) {
      el('split-status').textContent = '至少 2 个点 at least 2 points';
      return;
    }
    finished = true;
    rubber = null;
    sketch();
    map.getContainer().classList.remove('geometry-drawing');
    confirmSplit(parcel, vertices);
  };
  startMode('split', parcel, () => {
    map.off('click', onClick);
    map.off('mousemove', onMove);
    map.off('dblclick', onDoubleClick);
    map.doubleClickZoom.enable();
  });
  map.doubleClickZoom.disable();
  map.getContainer().classList.add('geometry-drawing');
  map.on('click', onClick);
  map.on('mousemove', onMove);
  map.on('dblclick', onDoubleClick);
  modeBox('<p class="geometry-hint">在地图上依次点击，画一条穿过宗地的分割线，双击结束。<br><small>Click points on the map' +
    ' across the parcel, from outside one edge to outside another; double-click to finish.</small></p>' +
    '<div class="form-actions"><span id="split-status" class="muted"></span>' +
    '<button type="button" class="link-button geometry-cancel">取消 <small>Cancel</small></button></div>');
}

function confirmSplit(parcel, vertices) {
  const box = modeBox('<form id="split-form" class="transition-form" novalidate autocomplete="off">' +
    '<div class="muted">分割线 <small>line</small> ' + vertices.length + ' 个点 points · ' +
    '<button type="button" id="split-redraw" class="link-button">重画 <small>Redraw</small></button></div>' +
    '<label class="field"><span>新宗地代码 <small>New codes, largest part first (optional)</small></span>' +
    '<input id="split-codes" type="text" placeholder="' + esc(parcel.code + '-1, ' + parcel.code + '-2') + '"></label>' +
    commonFields('split', '确认分割', 'Confirm split') + '</form>');
  box.querySelector('#split-redraw').addEventListener('click', () => startSplit(shownFeature));
  box.querySelector('#split-form').addEventListener('submit', (event) => {
    event.preventDefault();
    api.done = submitSplit(parcel, vertices);
  });
}

async function submitSplit(parcel, vertices) {
  const codes = el('split-codes').value.split(/[,，\s]+/).map((c) => c.trim()).filter(Boolean);
  const request = Object.assign({
    version: parcel.version,
    line: { type: 'LineString', coordinates: vertices.map((v) => [v.lng, v.lat]) },
    codes: codes.length ? codes : null,
  }, common('split'));
  el('split-submit').disabled = true;
  const result = await send('POST', 'api/parcels/' + enc(parcel.zone.code) + '/' + enc(parcel.code) + '/split', request);
  const button = el('split-submit');
  if (button) {
    button.disabled = false;
  }
  const children = result.ok ? result.body.children.map((c) => c.code) : [];
  return done(parcel, result, children[0], '已分割为 <small>Split into</small> ' + esc(children.join('、')));
}

// ---------------------------------------------------------------- merge

function startMerge(feature) {
  const parcel = feature.properties;
  const zone = parcel.zone.code;
  const picked = new Map([[parcel.code, { code: parcel.code, version: parcel.version, state: parcel.state.code }]]);
  const highlight = (code) => parcelTiles.setFeatureStyle(zone + '/' + code,
    { color: '#c62828', weight: 3, opacity: 1, fill: true, fillColor: '#ef9a9a', fillOpacity: 0.6 });
  const onClick = async (event) => {
    const hit = parcelsAt(event.containerPoint.x, event.containerPoint.y).find((id) => id.startsWith(zone + '/'));
    if (!hit) {
      return;
    }
    const code = hit.slice(zone.length + 1);
    if (code === parcel.code) {
      return;
    }
    if (picked.has(code)) {
      picked.delete(code);
      parcelTiles.resetFeatureStyle(hit);
    } else {
      try {
        const other = (await server.getJson('api/parcels/' + enc(zone) + '/' + enc(code))).properties;
        picked.set(code, { code, version: other.version, state: other.state.code });
        highlight(code);
      } catch (error) {
        showError(esc(error.message));
        return;
      }
    }
    listPicked();
  };
  startMode('merge', parcel, () => {
    map.off('click', onClick);
    for (const code of picked.keys()) {
      parcelTiles.resetFeatureStyle(zone + '/' + code);
    }
  });
  map.on('click', onClick);
  highlight(parcel.code);
  const box = modeBox('<p class="geometry-hint">在地图上点击要合并的相邻宗地（再点一次取消）。<br><small>Click the neighbouring' +
    ' parcels to merge with this one (click again to drop one).</small></p>' +
    '<ol class="picked" id="merge-picked"></ol>' +
    '<form id="merge-form" class="transition-form" novalidate autocomplete="off">' +
    '<label class="field"><span>合并后宗地代码 <small>New code</small> <b class="req">*</b></span>' +
    '<input id="merge-code" type="text" spellcheck="false"></label>' +
    commonFields('merge', '确认合并', 'Confirm merge') + '</form>');
  const listPicked = () => {
    el('merge-picked').innerHTML = [...picked.values()].map((p) =>
      '<li><span class="code">' + esc(p.code) + '</span> <small class="muted">' + esc(p.state) + ' · v' +
      esc(p.version) + '</small></li>').join('');
  };
  listPicked();
  box.querySelector('#merge-form').addEventListener('submit', (event) => {
    event.preventDefault();
    api.done = submitMerge(parcel, [...picked.values()]);
  });
}

async function submitMerge(parcel, parcels) {
  const request = Object.assign({
    zone: parcel.zone.code,
    code: el('merge-code').value.trim() || null,
    parcels: parcels.map((p) => ({ code: p.code, version: p.version })),
  }, common('merge'));
  if (parcels.length < 2) {
    showError('请在地图上选择至少一宗相邻宗地 <small>Pick at least one neighbouring parcel on the map</small>');
    return 0;
  }
  el('merge-submit').disabled = true;
  const result = await send('POST', 'api/parcels/merge', request);
  const button = el('merge-submit');
  if (button) {
    button.disabled = false;
  }
  return done(parcel, result, request.code, '已合并为 <small>Merged into</small> ' + esc(request.code));
}

// ---------------------------------------------------------------- outline

function startOutline(feature) {
  const parcel = feature.properties;
  // [polygon][ring][vertex] as LatLngs, without the closing vertex
  const polygons = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates)
    .map((rings) => rings.map((ring) => ring.slice(0, -1).map(([lon, lat]) => L.latLng(lat, lon))));
  startMode('outline', parcel, null);
  const shapes = polygons.map((rings) => L.polygon(rings, { color: '#c62828', weight: 2.5, dashArray: '6 4',
    fillColor: '#ef9a9a', fillOpacity: 0.25, interactive: false }).addTo(mode.layers));
  polygons.forEach((rings, i) => rings.forEach((ring) => ring.forEach((vertex, k) => {
    const handle = L.marker(vertex, {
      draggable: true,
      autoPan: true,
      keyboard: false,
      icon: L.divIcon({ className: 'vertex-handle', iconSize: null }),
    }).addTo(mode.layers);
    handle.on('drag', () => {
      ring[k] = handle.getLatLng();
      shapes[i].setLatLngs(rings);
    });
  })));
  const box = modeBox('<p class="geometry-hint">拖动顶点修改边界，然后保存。<br><small>Drag the corners to change the' +
    ' outline, then save.</small></p>' +
    '<form id="outline-form" class="transition-form" novalidate autocomplete="off">' +
    '<div class="form-actions"><button type="submit" id="outline-submit" class="primary">保存边界 <small>Save outline</small>' +
    '</button><button type="button" class="link-button geometry-cancel">取消 <small>Cancel</small></button>' +
    '<span class="muted form-hint">版本 <small>version</small> ' + esc(parcel.version) + '</span></div></form>');
  box.querySelector('#outline-form').addEventListener('submit', (event) => {
    event.preventDefault();
    api.done = submitOutline(parcel, polygons);
  });
}

async function submitOutline(parcel, polygons) {
  const close = (ring) => {
    const coordinates = ring.map((v) => [v.lng, v.lat]);
    return coordinates.concat([coordinates[0]]);
  };
  const request = {
    version: parcel.version,
    geometry: { type: 'MultiPolygon', coordinates: polygons.map((rings) => rings.map(close)) },
  };
  el('outline-submit').disabled = true;
  const result = await send('PUT', 'api/parcels/' + enc(parcel.zone.code) + '/' + enc(parcel.code), request);
  const button = el('outline-submit');
  if (button) {
    button.disabled = false;
  }
  const area = result.ok ? result.body.properties.area : null;
  return done(parcel, result, parcel.code, area
    ? '边界已保存 <small>Outline saved</small> · ' + num(area.m2, 0) + ' m² · ' + num(area.mu, 2) + ' 亩'
    : '');
}
