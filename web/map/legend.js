/*
 * LandRenew 土地更新 — the map page's legend: the life-cycle states with their colours and how many
 * parcels of each the view shows, idle land; clicking a state hides or shows its parcels.
 */

import { esc, num } from '../format.js';
import { map, states } from './base.js';
import {
  drawnParcels, hiddenStates, parcelBounds, PARCEL_MIN_ZOOM, restyleParcels, viewBounds,
} from './parcels.js';
import { refreshLabels } from './zones.js';

const Legend = L.Control.extend({
  options: { position: 'bottomleft' },
  onAdd() {
    const box = L.DomUtil.create('section', 'legend');
    box.id = 'legend';
    box.innerHTML =
      '<button type="button" class="legend-toggle" aria-expanded="true">' +
      '<span>生命周期状态 <small>Life-cycle state</small></span><span class="chev">▾</span></button>' +
      '<ul class="legend-list"></ul>' +
      '<ul class="legend-list legend-marks">' +
      '<li class="legend-mark" id="legend-idle" title="闲置土地：已供地，约定开工日期后一年仍未开工 Idle land: supplied, ' +
      'construction not started a year after the contracted date">' +
      '<span class="swatch idle-swatch"></span><span class="legend-zh">闲置土地</span>' +
      '<span class="legend-en">Idle land</span><span class="legend-count"></span></li></ul>' +
      '<div class="legend-foot">点击一项可隐藏/显示 · <small>click to hide/show</small></div>';
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    // On a phone the open legend covers a third of the map: it starts folded there, one tap away.
    if (window.matchMedia('(max-width: 600px)').matches) {
      box.classList.add('collapsed');
      box.querySelector('.legend-toggle').setAttribute('aria-expanded', 'false');
    }
    box.querySelector('.legend-toggle').addEventListener('click', () => {
      const collapsed = box.classList.toggle('collapsed');
      box.querySelector('.legend-toggle').setAttribute('aria-expanded', String(!collapsed));
    });
    return box;
  },
});

/** Adds the legend (open, folded on a phone) with a line for each state of GET api/states. */
export function addLegend() {
  map.addControl(new Legend());
  const list = document.querySelector('#legend .legend-list');
  list.innerHTML = [...states.values()].map((s) =>
    '<li class="legend-item" data-state="' + esc(s.code) + '" title="' + esc(s.nameZh + ' ' + s.nameEn) + '">' +
    '<span class="swatch" style="background:' + esc(s.colour) + '"></span>' +
    '<span class="legend-zh">' + esc(s.nameZh) + '</span>' +
    '<span class="legend-en">' + esc(s.nameEn) + '</span>' +
    '<span class="legend-count"></span></li>').join('');
  for (const item of list.querySelectorAll('.legend-item')) {
    item.addEventListener('click', () => toggleState(item.dataset.state, item));
  }
}

function toggleState(code, item) {
  const hide = !hiddenStates.has(code);
  if (hide) {
    hiddenStates.add(code);
  } else {
    hiddenStates.delete(code);
  }
  item.classList.toggle('off', hide);
  restyleParcels();
  refreshLabels();
  updateLegendCounts();
}

/**
 * Shows, beside each state, how many parcels of it the loaded tiles draw in the view; answers how many
 * parcels that is in all.
 */
export function updateLegendCounts() {
  const counts = new Map();
  let total = 0;
  let idle = 0;
  if (map.getZoom() >= PARCEL_MIN_ZOOM) {
    const view = viewBounds();
    for (const parcel of drawnParcels().values()) {
      if (view.intersects(parcelBounds(parcel))) {
        const properties = parcel.properties;
        counts.set(properties.state, (counts.get(properties.state) || 0) + 1);
        total++;
        if (properties.idle && !hiddenStates.has(properties.state)) {
          idle++;
        }
      }
    }
  }
  for (const item of document.querySelectorAll('#legend .legend-item')) {
    const n = counts.get(item.dataset.state);
    item.querySelector('.legend-count').textContent = n ? num(n, 0) : '';
  }
  const idleCount = document.querySelector('#legend-idle .legend-count');
  if (idleCount) {
    idleCount.textContent = idle ? num(idle, 0) : '';
  }
  return total;
}
