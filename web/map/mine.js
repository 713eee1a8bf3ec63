/*
 * LandRenew 土地更新 — "我的宗地" for enterprise users: a button in the top bar lists the enterprise's own
 * parcels (GET api/me/parcels) with their zone, block, state and area; a click flies to one and opens it,
 * and their outlines stand out on the map. Nobody else gets the button or makes the request.
 */

import { getJson, me } from '../api.js';
import { esc, num } from '../format.js';
import { map } from './base.js';
import { selectParcel } from './panel.js';

const OUTLINE = { pane: 'outlines', color: '#00a0b0', weight: 3, opacity: 1, fill: false, interactive: false };

let owned = null;        // the FeatureCollection, once loaded
let outlines = null;     // their outlines on the map

function button() {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = 'mine-toggle';
  b.className = 'bar-link';
  b.setAttribute('aria-expanded', 'false');
  b.title = '本企业的宗地 Your enterprise\'s parcels';
  b.innerHTML = '我的宗地 <small>My parcels</small>';
  return b;
}

function listHtml(features) {
  if (!features.length) {
    return '<div class="muted mine-empty">本企业在册没有宗地 <small>No parcels held</small></div>';
  }
  const mu = features.reduce((sum, f) => sum + Number(f.properties.area.mu), 0);
  return '<div class="mine-head">' + num(features.length, 0) + ' 宗 · ' + num(mu, 2) + ' 亩 <small>parcels held</small></div>' +
    '<ol class="mine-list">' + features.map((f) => {
      const p = f.properties;
      return '<li><button type="button" class="mine-item" data-zone="' + esc(p.zone) + '" data-code="' + esc(p.code) + '">' +
        '<b class="code">' + esc(p.code) + '</b><span>' + esc(p.zoneName) + (p.blockName ? ' · ' + esc(p.blockName) : '') +
        '</span><span class="muted">' + esc(p.stateName) + ' · ' + num(p.area.mu, 2) + ' 亩</span></button></li>';
    }).join('') + '</ol>';
}

async function open(toggle, box) {
  const shown = box.hidden;
  box.hidden = !shown;
  toggle.setAttribute('aria-expanded', String(shown));
  if (!shown || owned) {
    return;
  }
  box.innerHTML = '<div class="muted"><span class="spinner"></span>加载中… <small>Loading</small></div>';
  try {
    owned = await getJson('api/me/parcels');
  } catch (e) {
    box.innerHTML = '<div class="form-error">' + esc(e.message) + '</div>';
    return;
  }
  box.innerHTML = listHtml(owned.features);
  outlines = L.geoJSON(owned, { style: () => OUTLINE }).addTo(map);
  for (const item of box.querySelectorAll('.mine-item')) {
    item.addEventListener('click', () => {
      box.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      selectParcel(item.dataset.zone, item.dataset.code, { fly: true });
    });
  }
}

me().then((who) => {
  if (who.role !== 'enterprise') {
    return;
  }
  const toggle = button();
  const box = document.createElement('div');
  box.id = 'mine-box';
  box.className = 'mine-box';
  box.hidden = true;
  const finder = document.getElementById('finder-toggle');
  finder.before(toggle);
  document.body.appendChild(box);
  toggle.addEventListener('click', () => open(toggle, box));
});

/** For tests (window.landrenew.mine). */
export const mine = { outlined: () => (outlines ? outlines.getLayers().length : 0) };
