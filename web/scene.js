/*
 * LandRenew 土地更新 — the 3D view of a parcel and everything within a radius of it.
 *
 * The server sends the scene in local metres (EPSG:4549 minus the parcel's centroid: x east, y north,
 * heights up; GET /api/parcels/{zone}/{code}/scene?radius=). Here x stays x, north becomes -z and height
 * becomes y. Neighbouring parcels are coloured by life-cycle state, roads lie between them, buildings are
 * extruded to their heights (merged into one mesh so even a 1,000 m view stays fluid), and available land
 * shows the envelope its planning conditions allow: a translucent box of its footprint up to the height
 * limit, with the floor area FAR × area in the side panel. Orbit, tilt and zoom with the mouse; the view
 * saves as a PNG (the renderer keeps its drawing buffer for that).
 *
 * URL: scene.html?zone=&code=[&radius=][&site=code,code,…] (site: the parcels of a combined site, outlined).
 * For tests: window.landrenewScene = { ready, renderer, scene, camera, controls, stats }.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';

import { num, esc } from './format.js';
import './header.js';

const enc = encodeURIComponent;
const el = (id) => document.getElementById(id);

const params = new URLSearchParams(location.search);
const zone = params.get('zone');
const code = params.get('code');
const site = new Set((params.get('site') || '').split(',').filter(Boolean));
let radius = Number(params.get('radius')) || 300;

const BACKGROUND = '#dfe8f1';
const GROUND = '#e9ebe4';
const ROAD = '#767b82';
/** The basemap on the ground (api's "ground"): water and rivers, motorway, railway, other roads. */
const GROUND_KINDS = { water: '#a9cfe3', river: '#a9cfe3', motorway: '#e3a857', railway: '#8d8f93' };
const GROUND_ROAD = '#a7abb0';
/** Each kind a centimetre above the one under it (ground plane at -5 cm, streets between parcels at +2 cm). */
const GROUND_LIFT = { water: -0.04, river: -0.04, road: -0.03, arterial: -0.02, railway: -0.01, motorway: 0 };
const BUILDING = '#f3f1ec';
const BUILDING_ON_PARCEL = '#ffd59e';
const EDGE = '#6b6357';
const ENVELOPE = '#2f6fd0';
const SITE = '#ef6c00';
const FOCUS_OUTLINE = '#0b1f3a';
const FOCUS_CURTAIN = '#1565c0';

// ---------------------------------------------------------------- renderer, camera, controls

const container = el('scene');
const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
renderer.setSize(container.clientWidth, container.clientHeight);
container.appendChild(renderer.domElement);

const scene = new THREE.Scene();
scene.background = new THREE.Color(BACKGROUND);
const camera = new THREE.PerspectiveCamera(40, container.clientWidth / container.clientHeight, 1, 20000);
const controls = new OrbitControls(camera, renderer.domElement);
controls.enableDamping = true;
controls.dampingFactor = 0.12;
controls.maxPolarAngle = Math.PI / 2 - 0.04;   // stay above the ground
controls.minDistance = 15;

scene.add(new THREE.HemisphereLight('#ffffff', '#a9a294', 1.7));
const sun = new THREE.DirectionalLight('#ffffff', 2.2);
sun.position.set(-0.5, 1.2, 0.8);   // from the south-west, high
scene.add(sun);

let content = null;
let home = null;
const stats = { parcels: 0, buildings: 0, serverMs: 0, readyMs: 0 };

let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {});
window.landrenewScene = { ready, renderer, scene, camera, controls, stats };

new ResizeObserver(() => {
  const w = container.clientWidth;
  const h = container.clientHeight;
  if (w && h) {
    renderer.setSize(w, h);
    camera.aspect = w / h;
    camera.updateProjectionMatrix();
  }
}).observe(container);

const compass = el('scene-compass').firstElementChild;
renderer.setAnimationLoop(() => {
  controls.update();
  renderer.render(scene, camera);
  // North is -z: the needle turns with the camera's azimuth.
  compass.style.transform = 'rotate(' + (controls.getAzimuthalAngle() * 180 / Math.PI) + 'deg)';
});

// ---------------------------------------------------------------- geometry from the scene's polygons

/** A three.js shape from one polygon: an outer ring and holes, each [[x, y], …] closed. */
function shape(polygon) {
  const ring = (coords) => coords.slice(0, -1).map(([x, y]) => new THREE.Vector2(x, y));
  const s = new THREE.Shape(ring(polygon[0]));
  for (const hole of polygon.slice(1)) {
    s.holes.push(new THREE.Path(ring(hole)));
  }
  return s;
}

/** Flat polygons lying `lift` metres above the ground. */
function flat(polygons, lift) {
  const geometries = polygons.map((p) => new THREE.ShapeGeometry(shape(p)));
  if (!geometries.length) {
    return null;
  }
  const g = mergeGeometries(geometries);
  g.rotateX(-Math.PI / 2);
  g.translate(0, lift, 0);
  return g;
}

/** Polygons extruded from `base` up by `height` metres. */
function prism(polygons, height, base = 0) {
  const geometries = polygons.map((p) => new THREE.ExtrudeGeometry(shape(p), { depth: height, bevelEnabled: false }));
  if (!geometries.length) {
    return null;
  }
  const g = mergeGeometries(geometries);
  g.rotateX(-Math.PI / 2);
  g.translate(0, base, 0);
  return g;
}

/** The rings of polygons as line loops `lift` metres up. */
function outlines(polygons, colour, lift, opacity = 1) {
  const points = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        points.push(ring[i][0], lift, -ring[i][1], ring[i + 1][0], lift, -ring[i + 1][1]);
      }
    }
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(points, 3));
  return new THREE.LineSegments(g, new THREE.LineBasicMaterial({ color: colour, transparent: opacity < 1, opacity }));
}

/** A translucent curtain standing on the rings of polygons, `height` metres tall: marks the parcel from afar. */
function curtain(polygons, colour, height) {
  const points = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i];
        const [bx, by] = ring[i + 1];
        points.push(ax, 0, -ay, bx, 0, -by, bx, height, -by, ax, 0, -ay, bx, height, -by, ax, height, -ay);
      }
    }
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(points, 3));
  return new THREE.Mesh(g, new THREE.MeshBasicMaterial({ color: colour, transparent: true, opacity: 0.45,
    side: THREE.DoubleSide, depthWrite: false }));
}

function mesh(geometry, material) {
  return geometry ? new THREE.Mesh(geometry, material) : new THREE.Group();
}

// ---------------------------------------------------------------- the scene

function build(data) {
  const group = new THREE.Group();
  const [minX, minY, maxX, maxY] = data.extent;
  const reach = Math.max(-minX, maxX, -minY, maxY);

  const ground = new THREE.Mesh(new THREE.CircleGeometry(reach * 1.6, 64),
    new THREE.MeshLambertMaterial({ color: GROUND }));
  ground.rotation.x = -Math.PI / 2;
  ground.position.y = -0.05;
  group.add(ground);

  // The basemap's roads, railways and water lie on the ground plane, under the streets between parcels.
  for (const g of data.ground || []) {
    group.add(mesh(flat(g.polygons, GROUND_LIFT[g.kind] ?? -0.03), new THREE.MeshLambertMaterial({ color: GROUND_KINDS[g.kind] || GROUND_ROAD })));
  }
  group.add(mesh(flat(data.roads || [], 0.02), new THREE.MeshLambertMaterial({ color: ROAD })));

  // Neighbouring parcels by state, each a thin slab so that their colours read from any angle.
  const byColour = new Map();
  for (const p of data.parcels) {
    if (!byColour.has(p.colour)) {
      byColour.set(p.colour, []);
    }
    byColour.get(p.colour).push(...p.polygons);
  }
  for (const [colour, polygons] of byColour) {
    group.add(mesh(prism(polygons, 0.3), new THREE.MeshLambertMaterial({ color: colour })));
  }
  group.add(outlines(data.parcels.flatMap((p) => p.polygons), '#37474f', 0.32, 0.6));
  const sitePolygons = data.parcels.filter((p) => site.has(p.code)).flatMap((p) => p.polygons);
  if (sitePolygons.length) {
    group.add(outlines(sitePolygons, SITE, 0.9));
    group.add(mesh(prism(sitePolygons, 0.4, 0.3), new THREE.MeshLambertMaterial({ color: SITE, transparent: true, opacity: 0.35 })));
  }

  // The parcel itself, raised a little and outlined.
  const focus = data.parcel.polygons;
  group.add(mesh(prism(focus, 0.6), new THREE.MeshLambertMaterial({ color: data.parcel.colour, emissive: data.parcel.colour,
    emissiveIntensity: 0.15 })));
  group.add(outlines(focus, FOCUS_OUTLINE, 0.62));
  group.add(curtain(focus, FOCUS_CURTAIN, 4));

  // Buildings: one merged mesh for the parcel's own, one for the rest, with their edges.
  for (const own of [true, false]) {
    const list = data.buildings.filter((b) => b.onParcel === own);
    const geometries = list.map((b) => prism(b.polygons, Number(b.heightM), 0.3)).filter(Boolean);
    if (!geometries.length) {
      continue;
    }
    const merged = mergeGeometries(geometries);
    group.add(new THREE.Mesh(merged, new THREE.MeshLambertMaterial({ color: own ? BUILDING_ON_PARCEL : BUILDING })));
    group.add(new THREE.LineSegments(new THREE.EdgesGeometry(merged, 20),
      new THREE.LineBasicMaterial({ color: EDGE, transparent: true, opacity: 0.55 })));
  }

  // Available land: what its height limit and floor-area ratio allow.
  const envelope = data.envelope;
  if (envelope && envelope.heightM) {
    const box = prism(focus, Number(envelope.heightM), 0.6);
    group.add(new THREE.Mesh(box, new THREE.MeshBasicMaterial({ color: ENVELOPE, transparent: true, opacity: 0.16,
      depthWrite: false, side: THREE.DoubleSide })));
    group.add(new THREE.LineSegments(new THREE.EdgesGeometry(box, 20), new THREE.LineBasicMaterial({ color: ENVELOPE })));
  }

  stats.parcels = data.parcels.length + 1;
  stats.buildings = data.buildings.length;
  return { group, reach };
}

function viewFrom(reach) {
  const d = Math.max(reach * 1.25, 120);
  camera.position.set(-0.45 * d, 0.75 * d, 0.85 * d);
  controls.target.set(0, 0, 0);
  controls.maxDistance = reach * 5;
  camera.far = reach * 12;
  camera.updateProjectionMatrix();
  controls.update();
}

// ---------------------------------------------------------------- the side panel

function renderInfo(data) {
  const p = data.parcel;
  const e = data.envelope;
  const far = p.farMin != null || p.farMax != null
    ? (p.farMin != null ? num(p.farMin, 1) : '—') + ' – ' + (p.farMax != null ? num(p.farMax, 1) : '—') : '—';
  let html = '<h1>' + esc(p.code) + '</h1>' +
    '<span class="state-chip" style="--chip:' + esc(p.colour) + '"><i></i>' + esc(p.stateName) + ' <small>' + esc(p.stateNameEn) +
    '</small></span>' +
    '<h2>宗地 <small>Parcel</small></h2><dl>' +
    '<dt>用地 <small>Use</small></dt><dd>' + esc(p.landUse) + ' ' + esc(p.landUseName) + '</dd>' +
    '<dt>面积 <small>Area</small></dt><dd><b>' + num(p.area.mu, 2) + '</b> 亩 · ' + num(p.area.m2, 0) + ' m²</dd>' +
    '<dt>容积率 <small>FAR</small></dt><dd>' + far + '</dd>' +
    '<dt>限高 <small>Height limit</small></dt><dd>' + (p.heightLimitM != null ? num(p.heightLimitM, 1) + ' m' : '—') + '</dd></dl>';
  if (e) {
    html += '<h2>可建体量 <small>Allowed envelope</small></h2><div class="envelope-note" id="scene-envelope">' +
      (e.heightM != null ? '限高 <b>' + num(e.heightM, 1) + ' m</b> 内（蓝色框）<small>up to the height limit (blue box)</small><br>' : '') +
      '建筑面积 <small>floor area</small> <b>' + (e.floorAreaMinM2 != null ? num(e.floorAreaMinM2, 0) + ' – ' : '≤ ') +
      num(e.floorAreaMaxM2, 0) + ' m²</b><br><small>= 容积率 FAR ' + far + ' × ' + num(e.footprintM2, 0) + ' m²</small></div>';
  }
  const present = new Set(data.parcels.map((q) => q.state).concat([p.state]));
  html += '<h2>图例 <small>Legend · ' + num(radius, 0) + ' m 范围内 ' + num(stats.parcels, 0) + ' 宗, ' +
    num(stats.buildings, 0) + ' 栋</small></h2><ul class="scene-legend">' +
    data.states.filter((s) => present.has(s.code)).map((s) =>
      '<li><span class="swatch" style="background:' + esc(s.colour) + '"></span>' + esc(s.nameZh) + ' <small>' +
      esc(s.nameEn) + '</small></li>').join('') +
    // neighbours a visitor may not see come without a state, in the server's grey
    data.parcels.filter((q) => q.state == null).slice(0, 1).map((q) =>
      '<li><span class="swatch" style="background:' + esc(q.colour) + '"></span>其他用地 <small>Other land</small></li>').join('') +
    '<li><span class="swatch building"></span>建筑 <small>Buildings</small></li>' +
    '<li><span class="swatch road"></span>道路 <small>Roads</small></li>' +
    '<li><span class="swatch focus"></span>本宗地 <small>This parcel</small></li>' +
    (e ? '<li><span class="swatch envelope"></span>可建体量 <small>Envelope</small></li>' : '') +
    (site.size ? '<li><span class="swatch site"></span>组合地块 <small>Combined site</small></li>' : '') + '</ul>';
  el('scene-info').innerHTML = html;
}

function status(text, kind) {
  el('scene-status').textContent = text;
  el('scene-status').className = kind || '';
}

// ---------------------------------------------------------------- load

async function load() {
  const started = performance.now();
  status('加载中… Loading');
  const response = await fetch('api/parcels/' + enc(zone) + '/' + enc(code) + '/scene?radius=' + radius,
    { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = response.status + ' ' + response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch (ignored) {
      // keep the status line
    }
    throw new Error(detail);
  }
  const data = await response.json();
  stats.serverMs = Math.round(performance.now() - started);
  if (content) {
    scene.remove(content);
    content.traverse((o) => {
      if (o.geometry) o.geometry.dispose();
      if (o.material) o.material.dispose();
    });
  }
  const built = build(data);
  content = built.group;
  scene.add(content);
  home = built.reach;
  viewFrom(home);
  renderInfo(data);
  renderer.render(scene, camera);
  stats.readyMs = Math.round(performance.now() - started);
  status('就绪 Ready · ' + num(stats.readyMs, 0) + ' ms');
  return data;
}

if (!zone || !code) {
  status('缺少宗地 Missing ?zone=&code=', 'error');
  rejectReady(new Error('missing zone or code'));
} else {
  document.title = code + ' · 三维 3D · LandRenew';
  el('scene-title').textContent = code;
  el('map-link').href = './#' + enc(zone) + '/' + enc(code);
  const select = el('scene-radius');
  if (![...select.options].some((o) => Number(o.value) === radius)) {
    select.add(new Option(radius + ' m', String(radius)));
  }
  select.value = String(radius);
  select.addEventListener('change', () => {
    radius = Number(select.value);
    const url = new URL(location.href);
    url.searchParams.set('radius', String(radius));
    history.replaceState(null, '', url);
    load().catch((e) => status('加载失败 Failed: ' + e.message, 'error'));
  });
  el('scene-reset').addEventListener('click', () => home && viewFrom(home));
  el('scene-save').addEventListener('click', () => {
    renderer.render(scene, camera);
    renderer.domElement.toBlob((blob) => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'landrenew-3d-' + zone + '-' + code + '.png';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    }, 'image/png');
  });
  load().then((data) => resolveReady(data), (e) => {
    status('加载失败 Failed: ' + e.message, 'error');
    rejectReady(e);
  });
}
