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
 * URL: scene.html?zone=&code=[&radius=][&site=code,code,…] (site: the parcels of a combined site). A combined
 * site is one subject: its total area, every parcel's envelope, the camera framing them all. The subject is
 * labelled in the scene; a neighbour's code shows on hover. "保存图片" saves the view with a title, the
 * legend, a north arrow, a scale bar and the date drawn around it.
 * For tests: window.landrenewScene = { ready, renderer, scene, camera, controls, stats, current, saved, parcelAt }
 * (stats.siteParcels, stats.envelopes, stats.areaMu: the subject as drawn; current: the scene's data; saved:
 * the last PNG's size, title and canvas).
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';

import { num, esc, shortCode, todayInChina } from './format.js';
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
let current = null;   // the scene's data, for labels, hover and the saved picture
const stats = { parcels: 0, buildings: 0, siteParcels: 0, envelopes: 0, areaMu: 0, serverMs: 0, readyMs: 0 };

let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {});
window.landrenewScene = { ready, renderer, scene, camera, controls, stats, saved: null };

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
  placeSubjectLabel();
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

  // The subject (the parcel, or every parcel of its combined site), raised a little, each in its state's
  // colour, outlined, with a curtain that marks it from afar.
  const subject = data.site.parcels;
  const focus = subject.flatMap((p) => p.polygons);
  for (const p of subject) {
    group.add(mesh(prism(p.polygons, 0.6), new THREE.MeshLambertMaterial({ color: p.colour, emissive: p.colour,
      emissiveIntensity: 0.15 })));
  }
  group.add(outlines(focus, subject.length > 1 ? SITE : FOCUS_OUTLINE, 0.9));
  group.add(curtain(focus, subject.length > 1 ? SITE : FOCUS_CURTAIN, 4));

  // Buildings: one merged mesh for the subject's own, one for the rest, with their edges.
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

  // Available land: what each parcel's height limit and floor-area ratio allow.
  let envelopes = 0;
  for (const p of subject) {
    if (p.envelope && p.envelope.heightM) {
      const box = prism(p.polygons, Number(p.envelope.heightM), 0.6);
      group.add(new THREE.Mesh(box, new THREE.MeshBasicMaterial({ color: ENVELOPE, transparent: true, opacity: 0.16,
        depthWrite: false, side: THREE.DoubleSide })));
      group.add(new THREE.LineSegments(new THREE.EdgesGeometry(box, 20), new THREE.LineBasicMaterial({ color: ENVELOPE })));
      envelopes++;
    }
  }

  // The subject's reach from the origin (its centroid), to frame it whole.
  const span = Math.max(1, ...focus.flatMap((polygon) => polygon[0].map(([x, y]) => Math.hypot(x, y))));
  stats.siteParcels = subject.length;
  stats.envelopes = envelopes;
  stats.areaMu = Number(data.site.area.mu);
  stats.parcels = data.parcels.length + subject.length;
  stats.buildings = data.buildings.length;
  return { group, reach, span };
}

/** The camera looking at the origin from the south-west, far enough to hold the subject and some ground. */
function viewFrom({ reach, span }) {
  // a portrait screen (a phone) sees less across than up: step back to keep the subject's width in view
  const d = Math.max(reach * 1.25, span * 2.2 / Math.min(1, camera.aspect), 120);
  camera.position.set(-0.45 * d, 0.75 * d, 0.85 * d);
  controls.target.set(0, 0, 0);
  controls.maxDistance = Math.max(reach * 5, d * 2);
  camera.far = reach * 12;
  camera.updateProjectionMatrix();
  controls.update();
}

// ---------------------------------------------------------------- the side panel

/** The subject's codes as a title: "GB00011" or "GB00011、GB00012 等 3 宗" (3 parcels). */
function subjectTitle(data, short = true) {
  const codes = data.site.codes.map((c) => (short ? shortCode(c) : c));
  return codes.length > 2 ? codes.slice(0, 2).join('、') + ' 等 ' + codes.length + ' 宗' : codes.join('、');
}

/** The states drawn in the scene, for the legends of the panel and the saved picture. */
function legendEntries(data) {
  const present = new Set(data.parcels.map((q) => q.state).concat(data.site.parcels.map((q) => q.state)));
  const entries = data.states.filter((s) => present.has(s.code)).map((s) => ({ colour: s.colour, zh: s.nameZh, en: s.nameEn }));
  // neighbours a visitor may not see come without a state, in the server's grey
  const other = data.parcels.find((q) => q.state == null);
  if (other) {
    entries.push({ colour: other.colour, zh: '其他用地', en: 'Other land' });
  }
  entries.push({ colour: BUILDING, zh: '建筑', en: 'Buildings', kind: 'building' });
  entries.push({ colour: ROAD, zh: '道路', en: 'Roads', kind: 'road' });
  const combined = data.site.parcels.length > 1;
  entries.push({ colour: combined ? SITE : FOCUS_CURTAIN, zh: combined ? '组合地块' : '本宗地',
    en: combined ? 'Combined site' : 'This parcel', kind: combined ? 'site' : 'focus' });
  if (stats.envelopes) {
    entries.push({ colour: ENVELOPE, zh: '可建体量', en: 'Envelope', kind: 'envelope' });
  }
  return entries;
}

function renderInfo(data) {
  const p = data.parcel;
  const site = data.site;
  const combined = site.parcels.length > 1;
  const far = p.farMin != null || p.farMax != null
    ? (p.farMin != null ? num(p.farMin, 1) : '—') + ' – ' + (p.farMax != null ? num(p.farMax, 1) : '—') : '—';
  let html = '<button type="button" id="scene-info-toggle" class="info-toggle" aria-expanded="true" ' +
    'title="收起或展开 Collapse or expand">▾</button>';
  if (combined) {
    html += '<h1>组合地块 <small>Combined site</small></h1>' +
      '<div class="site-total" id="scene-site-area">' + site.parcels.length + ' 宗 <small>parcels</small> · 共 <b>' +
      num(site.area.mu, 2) + '</b> 亩 · ' + num(site.area.m2, 0) + ' m²</div>' +
      '<h2>宗地 <small>Parcels</small></h2><ul class="site-parcels">' +
      site.parcels.map((q) => '<li><span class="swatch" style="background:' + esc(q.colour) + '"></span><b>' +
        esc(q.code) + '</b> ' + num(q.area.mu, 2) + ' 亩</li>').join('') + '</ul>';
  } else {
    html += '<h1>' + esc(p.code) + '</h1>' +
      '<span class="state-chip" style="--chip:' + esc(p.colour) + '"><i></i>' + esc(p.stateName) + ' <small>' +
      esc(p.stateNameEn) + '</small></span>' +
      '<h2>宗地 <small>Parcel</small></h2><dl>' +
      '<dt>用地 <small>Use</small></dt><dd>' + esc(p.landUse) + ' ' + esc(p.landUseName) + '</dd>' +
      '<dt>面积 <small>Area</small></dt><dd id="scene-site-area"><b>' + num(site.area.mu, 2) + '</b> 亩 · ' +
      num(site.area.m2, 0) + ' m²</dd>' +
      '<dt>容积率 <small>FAR</small></dt><dd>' + far + '</dd>' +
      '<dt>限高 <small>Height limit</small></dt><dd>' + (p.heightLimitM != null ? num(p.heightLimitM, 1) + ' m' : '—') +
      '</dd></dl>';
  }
  const envelopes = site.parcels.map((q) => q.envelope).filter(Boolean);
  if (envelopes.length) {
    const sum = (key) => envelopes.reduce((total, e) => total + Number(e[key] || 0), 0);
    const heights = [...new Set(envelopes.map((e) => e.heightM).filter((h) => h != null))];
    const anyMin = envelopes.some((e) => e.floorAreaMinM2 != null);
    html += '<h2>可建体量 <small>Allowed envelope</small></h2><div class="envelope-note" id="scene-envelope">' +
      (heights.length ? '限高 <b>' + heights.map((h) => num(h, 1)).join(' / ') +
        ' m</b> 内（蓝色框）<small>up to the height limit (blue box)</small><br>' : '') +
      '建筑面积 <small>floor area</small> <b>' + (anyMin ? num(sum('floorAreaMinM2'), 0) + ' – ' : '≤ ') +
      num(sum('floorAreaMaxM2'), 0) + ' m²</b><br><small>' +
      (combined ? envelopes.length + ' 宗可供地的容积率 × 面积之和 sum of FAR × area over ' + envelopes.length +
        ' available parcels' : '= 容积率 FAR ' + far + ' × ' + num(sum('footprintM2'), 0) + ' m²') + '</small></div>';
  }
  html += '<h2>图例 <small>Legend · ' + num(radius, 0) + ' m 范围内 ' + num(stats.parcels, 0) + ' 宗, ' +
    num(stats.buildings, 0) + ' 栋</small></h2><ul class="scene-legend">' +
    legendEntries(data).map((entry) => '<li><span class="swatch' + (entry.kind ? ' ' + entry.kind : '') + '"' +
      (entry.kind ? '' : ' style="background:' + esc(entry.colour) + '"') + '></span>' + esc(entry.zh) + ' <small>' +
      esc(entry.en) + '</small></li>').join('') + '</ul>';
  const info = el('scene-info');
  info.innerHTML = html;
  // On a phone the panel would cover half the view: it starts folded there, and folds on demand anywhere.
  const toggle = el('scene-info-toggle');
  const fold = (folded) => {
    info.classList.toggle('folded', folded);
    toggle.setAttribute('aria-expanded', String(!folded));
    toggle.textContent = folded ? '▸ ' + subjectTitle(data) : '▾';
  };
  fold(window.matchMedia('(max-width: 600px)').matches);
  toggle.addEventListener('click', () => fold(!info.classList.contains('folded')));
}

function status(text, kind) {
  el('scene-status').textContent = text;
  el('scene-status').className = kind || '';
}


// ---------------------------------------------------------------- labels: the subject, and a neighbour on hover

const subjectLabel = el('scene-label');
const hoverLabel = el('scene-hover');
const labelAnchor = new THREE.Vector3(0, 8, 0);

/** Keeps the subject's label over its centroid as the camera moves. */
function placeSubjectLabel() {
  if (!current) {
    return;
  }
  const v = labelAnchor.clone().project(camera);
  const visible = v.z < 1 && Math.abs(v.x) < 1.1 && Math.abs(v.y) < 1.1;
  subjectLabel.hidden = !visible;
  if (visible) {
    subjectLabel.style.left = ((v.x + 1) / 2 * container.clientWidth) + 'px';
    subjectLabel.style.top = ((1 - v.y) / 2 * container.clientHeight) + 'px';
  }
}

/** Even-odd: is the local point (x, y) inside any of the polygons (holes count)? */
function inside(polygons, x, y) {
  let hit = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
          hit = !hit;
        }
      }
    }
  }
  return hit;
}

const raycaster = new THREE.Raycaster();
const groundPlane = new THREE.Plane(new THREE.Vector3(0, 1, 0), 0);

/** The parcel under a point of the canvas: where the ray through it meets the ground. */
function parcelAt(clientX, clientY) {
  if (!current) {
    return null;
  }
  const box = renderer.domElement.getBoundingClientRect();
  const pointer = new THREE.Vector2((clientX - box.left) / box.width * 2 - 1, -(clientY - box.top) / box.height * 2 + 1);
  raycaster.setFromCamera(pointer, camera);
  const hit = raycaster.ray.intersectPlane(groundPlane, new THREE.Vector3());
  if (!hit) {
    return null;
  }
  const [x, y] = [hit.x, -hit.z];
  const own = current.site.parcels.find((q) => inside(q.polygons, x, y));
  if (own) {
    return { code: own.code, text: num(own.area.mu, 2) + ' 亩' };
  }
  const neighbour = current.parcels.find((q) => q.code && inside(q.polygons, x, y));
  return neighbour ? { code: neighbour.code, text: '' } : null;
}

renderer.domElement.addEventListener('pointermove', (event) => {
  if (event.buttons) {
    hoverLabel.hidden = true;   // orbiting
    return;
  }
  const found = parcelAt(event.clientX, event.clientY);
  hoverLabel.hidden = !found;
  if (found) {
    const short = shortCode(found.code);
    hoverLabel.innerHTML = '<b>' + esc(short) + '</b>' + (short !== found.code ? ' <small>' + esc(found.code) + '</small>' : '') +
      (found.text ? ' · ' + esc(found.text) : '');
    const box = container.getBoundingClientRect();
    hoverLabel.style.left = (event.clientX - box.left + 14) + 'px';
    hoverLabel.style.top = (event.clientY - box.top + 14) + 'px';
  }
});
renderer.domElement.addEventListener('pointerleave', () => {
  hoverLabel.hidden = true;
});
window.landrenewScene.parcelAt = parcelAt;

// ---------------------------------------------------------------- the saved picture

/** 1, 2 or 5 times a power of ten, at most `metres`. */
function roundLength(metres) {
  const power = 10 ** Math.floor(Math.log10(metres));
  return [5, 2, 1].map((f) => f * power).find((length) => length <= metres) || power;
}

/** A north arrow at (x, y), turned as the compass is. */
function drawNorthArrow(g, x, y, size, azimuth) {
  g.save();
  g.translate(x, y);
  g.fillStyle = 'rgba(255,255,255,0.92)';
  g.beginPath();
  g.arc(0, 0, size, 0, Math.PI * 2);
  g.fill();
  g.rotate(azimuth);
  g.fillStyle = '#c62828';
  g.beginPath();
  g.moveTo(0, -size * 0.8);
  g.lineTo(size * 0.35, size * 0.35);
  g.lineTo(0, size * 0.1);
  g.lineTo(-size * 0.35, size * 0.35);
  g.closePath();
  g.fill();
  g.fillStyle = '#14253f';
  g.font = 'bold ' + Math.round(size * 0.5) + 'px sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText('N', 0, size * 0.62);
  g.restore();
}

/** The subject's codes for the picture's title: in full for one or two, their tails up to six, else counted. */
function titleCodes(codes) {
  if (codes.length <= 2) {
    return codes.join('、');
  }
  const tails = codes.map(shortCode);
  return codes.length <= 6 ? tails.join('、') : tails.slice(0, 2).join('、') + ' 等 ' + codes.length + ' 宗';
}

/**
 * The view as a picture one can hand on: a title band (zone, codes, area), the view with a north arrow and
 * a scale bar (true at the view's centre; nearer ground is larger in perspective), a legend band and the date.
 */
function composePicture(data) {
  renderer.render(scene, camera);
  const view = renderer.domElement;
  const k = view.width / Math.max(1, container.clientWidth);
  const W = view.width;
  const font = (px, bold) => (bold ? 'bold ' : '') + Math.round(px * k) + 'px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  const out = document.createElement('canvas');
  const g = out.getContext('2d');

  const title = 'LandRenew 三维 3D · ' + data.zone + ' · ' +
    titleCodes(data.site.codes) + ' · ' + num(data.site.area.mu, 2) + ' 亩';
  const subtitle = (data.site.codes.length > 1 ? '组合地块 ' + data.site.codes.length + ' 宗 Combined site of ' +
    data.site.codes.length + ' parcels · ' : '') + num(data.site.area.m2, 0) + ' m² · 范围 radius ' + num(radius, 0) +
    ' m · ' + todayInChina();

  // The legend flows in rows across the width.
  const pad = 12 * k;
  g.font = font(13);
  const rows = [[]];
  let x = pad;
  for (const entry of legendEntries(data)) {
    const w = 22 * k + g.measureText(entry.zh + ' ' + entry.en).width + 16 * k;
    if (x + w > W - pad && rows[rows.length - 1].length) {
      rows.push([]);
      x = pad;
    }
    rows[rows.length - 1].push({ entry, x });
    x += w;
  }
  const top = 58 * k;
  const rowH = 22 * k;
  const bottom = rows.length * rowH + 30 * k;
  out.width = W;
  out.height = view.height + top + bottom;

  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#14253f';
  g.fillRect(0, 0, W, top);
  g.fillStyle = '#ffffff';
  g.textBaseline = 'alphabetic';
  let size = 18;
  g.font = font(size, true);
  while (size > 10 && g.measureText(title).width > W - 2 * pad) {
    g.font = font(--size, true);
  }
  g.fillText(title, pad, 26 * k);
  g.fillStyle = '#cfe0f5';
  g.font = font(12.5);
  g.fillText(subtitle, pad, 47 * k);

  g.drawImage(view, 0, top);

  // North arrow and scale bar over the view's lower left corner.
  const arrow = 20 * k;
  drawNorthArrow(g, pad + arrow, top + view.height - pad - arrow - 34 * k, arrow, controls.getAzimuthalAngle());
  const distance = camera.position.distanceTo(controls.target);
  const metresPerPixel = 2 * distance * Math.tan(THREE.MathUtils.degToRad(camera.fov) / 2) / view.height;
  const metres = roundLength(metresPerPixel * W / 5);
  const barW = metres / metresPerPixel;
  const barY = top + view.height - pad - 8 * k;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(pad - 4 * k, barY - 18 * k, barW + 150 * k, 28 * k);
  g.fillStyle = '#14253f';
  g.fillRect(pad, barY, barW, 4 * k);
  g.fillRect(pad, barY - 6 * k, 2 * k, 10 * k);
  g.fillRect(pad + barW - 2 * k, barY - 6 * k, 2 * k, 10 * k);
  g.font = font(12, true);
  g.fillText(num(metres, 0) + ' m', pad + 4 * k, barY - 5 * k);
  g.font = font(11);
  g.fillText('视图中心比例 scale at the centre', pad + barW + 8 * k, barY + 4 * k);

  // The legend and the date below the view.
  let y = top + view.height + 20 * k;
  g.font = font(13);
  for (const row of rows) {
    for (const { entry, x: at } of row) {
      g.fillStyle = entry.colour;
      g.fillRect(at, y - 10 * k, 16 * k, 11 * k);
      g.strokeStyle = 'rgba(0,0,0,0.35)';
      g.lineWidth = k;
      g.strokeRect(at, y - 10 * k, 16 * k, 11 * k);
      g.fillStyle = '#26323f';
      g.fillText(entry.zh + ' ' + entry.en, at + 22 * k, y);
    }
    y += rowH;
  }
  g.fillStyle = '#5b6878';
  g.font = font(11);
  g.fillText('制图日期 Made ' + todayInChina() + ' · EPSG:4549 · LandRenew 土地更新', pad, out.height - 10 * k);
  return { canvas: out, title, legend: rows.flat().length, viewWidth: view.width, viewHeight: view.height };
}

function savePicture() {
  if (!current) {
    return;
  }
  const picture = composePicture(current);
  picture.canvas.toBlob((blob) => {
    window.landrenewScene.saved = { type: blob.type, bytes: blob.size, width: picture.canvas.width,
      height: picture.canvas.height, viewWidth: picture.viewWidth, viewHeight: picture.viewHeight,
      title: picture.title, legend: picture.legend, canvas: picture.canvas };
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'landrenew-3d-' + zone + '-' + current.site.codes.map(shortCode).join('+') + '.png';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }, 'image/png');
}

// ---------------------------------------------------------------- load

async function load() {
  const started = performance.now();
  status('加载中… Loading');
  const others = [...site].filter((c) => c !== code);
  const response = await fetch('api/parcels/' + enc(zone) + '/' + enc(code) + '/scene?radius=' + radius +
    (others.length ? '&site=' + others.map(enc).join(',') : ''),
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
  home = built;
  viewFrom(home);
  current = data;
  window.landrenewScene.current = data;
  renderInfo(data);
  const title = subjectTitle(data);
  el('scene-title').textContent = title;
  document.title = title + ' · 三维 3D · LandRenew';
  subjectLabel.innerHTML = '<b>' + esc(title) + '</b><br>' + num(data.site.area.mu, 2) + ' 亩';
  placeSubjectLabel();
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
  el('scene-save').addEventListener('click', savePicture);
  load().then((data) => resolveReady(data), (e) => {
    status('加载失败 Failed: ' + e.message, 'error');
    rejectReady(e);
  });
}
