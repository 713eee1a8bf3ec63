/*
 * LandRenew 土地更新 — a 2.5D building layer drawn in the Leaflet map itself.
 *
 * From zoom 16 on, the buildings in view (GET /api/buildings?bbox=) are extruded by their height with an
 * oblique offset (the viewer stands to the south, looking north and down) on one canvas in a pane of its
 * own above the parcels. The pane never takes the mouse, so parcels stay clickable through it. Buildings
 * are drawn back to front (northern ones first), each as its walls (the ones facing the viewer last) and
 * then its roof, so nearer buildings hide those behind them.
 *
 * For tests: window.landrenew.buildings = { layer, drawn() }, set by map.js.
 */

import { getJson } from '../api.js';
import { addPane } from '../map-setup.js';
import { map } from './base.js';

const MIN_ZOOM = 16;
const LIMIT = 5000;
/** Screen offset of a roof per metre of height, as a share of the metres-per-pixel scale. */
const OBLIQUE = { x: 0.28, y: -0.82 };
const ROOF = '#f1ede6';
const WALL_LIGHT = [214, 206, 194];
const WALL_DARK = [150, 141, 128];
const EDGE = 'rgba(70, 62, 52, 0.55)';


const pane = addPane(map, 'buildings25d', 415); // above the parcels (405), below outlines and the selection

const BuildingLayer = L.Layer.extend({
  onAdd(m) {
    this._canvas = L.DomUtil.create('canvas', 'buildings-25d');
    this._canvas.style.pointerEvents = 'none';
    pane.appendChild(this._canvas);
    this._features = new Map();
    this._boxes = [];
    this._drawn = 0;
    m.on('moveend resize', this._update, this);
    m.on('zoomstart', this._hide, this);
    this._update();
  },

  onRemove(m) {
    m.off('moveend resize', this._update, this);
    m.off('zoomstart', this._hide, this);
    if (this._controller) {
      this._controller.abort();
    }
    this._canvas.remove();
  },

  drawn() {
    return this._drawn;
  },

  _hide() {
    this._canvas.style.display = 'none';
  },

  async _update() {
    if (map.getZoom() < MIN_ZOOM) {
      this._hide();
      this._drawn = 0;
      return;
    }
    const view = map.getBounds();
    if (!this._boxes.some((box) => box.contains(view))) {
      await this._load(view.pad(0.5));
    }
    this._draw();
  },

  async _load(box) {
    if (this._controller) {
      this._controller.abort();
    }
    const controller = new AbortController();
    this._controller = controller;
    const bbox = [box.getWest(), box.getSouth(), box.getEast(), box.getNorth()].map((v) => v.toFixed(6)).join(',');
    try {
      const collection = await getJson('api/buildings?bbox=' + bbox + '&limit=' + LIMIT, controller.signal);
      for (const feature of collection.features) {
        this._features.set(feature.id, feature);
      }
      if (!collection.truncated) {
        this._boxes.push(box);
      }
    } catch (error) {
      if (error.name !== 'AbortError') {
        console.warn('buildings failed to load', error);
      }
    } finally {
      if (this._controller === controller) {
        this._controller = null;
      }
    }
  },

  _draw() {
    if (map.getZoom() < MIN_ZOOM) {
      return;
    }
    const size = map.getSize();
    const pad = 0.3;
    const topLeft = map.containerPointToLayerPoint(L.point(-size.x * pad, -size.y * pad)).round();
    const width = Math.round(size.x * (1 + 2 * pad));
    const height = Math.round(size.y * (1 + 2 * pad));
    const ratio = window.devicePixelRatio || 1;
    const canvas = this._canvas;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    canvas.style.width = width + 'px';
    canvas.style.height = height + 'px';
    canvas.style.display = '';
    L.DomUtil.setPosition(canvas, topLeft);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

    // Pixels per metre at the view's latitude (Web Mercator).
    const lat = map.getCenter().lat;
    const metresPerPixel = 40075016.686 * Math.cos(lat * Math.PI / 180) / Math.pow(2, map.getZoom() + 8);
    const bounds = L.bounds(L.point(0, 0), L.point(width, height));
    const shapes = [];
    for (const feature of this._features.values()) {
      const ring = feature.geometry.coordinates[0];
      const base = ring.map(([lon, lat2]) => map.latLngToLayerPoint([lat2, lon]).subtract(topLeft));
      const box = L.bounds(base);
      if (!bounds.intersects(box)) {
        continue;
      }
      const h = Number(feature.properties.heightM) / metresPerPixel;
      shapes.push({ base, h, front: box.max.y });
    }
    // Back to front: what stands further north (higher on screen) is drawn first.
    shapes.sort((a, b) => a.front - b.front);
    for (const shape of shapes) {
      drawBuilding(ctx, shape.base, shape.h);
    }
    this._drawn = shapes.length;
  },
});

function drawBuilding(ctx, base, h) {
  const dx = OBLIQUE.x * h;
  const dy = OBLIQUE.y * h;
  const roof = base.map((p) => L.point(p.x + dx, p.y + dy));
  const walls = [];
  for (let i = 0; i + 1 < base.length; i++) {
    const a = base[i];
    const b = base[i + 1];
    // Shade each wall by the way it faces: lit from the south-west.
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const nx = (b.y - a.y) / len;
    const ny = -(b.x - a.x) / len;
    const light = Math.max(0, Math.min(1, 0.5 + 0.5 * (-0.6 * nx + 0.8 * ny)));
    walls.push({ a, b, depth: Math.max(a.y, b.y), light });
  }
  walls.sort((p, q) => p.depth - q.depth);
  ctx.lineWidth = 0.6;
  ctx.strokeStyle = EDGE;
  for (const wall of walls) {
    const c = WALL_DARK.map((d, k) => Math.round(d + (WALL_LIGHT[k] - d) * wall.light));
    ctx.fillStyle = 'rgb(' + c.join(',') + ')';
    ctx.beginPath();
    ctx.moveTo(wall.a.x, wall.a.y);
    ctx.lineTo(wall.b.x, wall.b.y);
    ctx.lineTo(wall.b.x + dx, wall.b.y + dy);
    ctx.lineTo(wall.a.x + dx, wall.a.y + dy);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  }
  ctx.fillStyle = ROOF;
  ctx.beginPath();
  roof.forEach((p, i) => (i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y)));
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
}

const layer = new BuildingLayer();

/** A switch for the layer, with a note when the map is too far out to show it. */
const Toggle = L.Control.extend({
  options: { position: 'topright' },
  onAdd() {
    const box = L.DomUtil.create('label', 'buildings-toggle leaflet-bar');
    box.innerHTML = '<input type="checkbox" id="buildings-toggle" checked> 2.5D 建筑 <small>Buildings</small>' +
      '<span class="buildings-hint" id="buildings-hint">放大至 ' + MIN_ZOOM + ' 级 <small>zoom ' + MIN_ZOOM + '+</small></span>';
    L.DomEvent.disableClickPropagation(box);
    box.querySelector('input').addEventListener('change', (event) => {
      if (event.target.checked) {
        layer.addTo(map);
      } else {
        map.removeLayer(layer);
      }
    });
    return box;
  },
});

function updateHint() {
  const hint = document.getElementById('buildings-hint');
  if (hint) {
    hint.hidden = map.getZoom() >= MIN_ZOOM;
  }
}

map.addControl(new Toggle());
layer.addTo(map);
map.on('zoomend', updateHint);
updateHint();

/** For tests (window.landrenew.buildings). */
export const buildings = { layer, drawn: () => layer.drawn() };
