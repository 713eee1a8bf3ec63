/*
 * LandRenew 土地更新 — the search box of the top bar: suggestions as one types (GET api/search: a parcel by
 * any tail of its code, as the map labels them "GB00011"; an enterprise by name or credit code, for staff
 * and an enterprise's own; a block; a named place of the basemap), chosen with the mouse or the arrow keys
 * and Enter; the choice flies there. Enter without a choice takes the first answer, or finds the parcel by
 * its full code or "zone/code" as before (panel.js's locate).
 */

import { getJson } from '../api.js';
import { esc } from '../format.js';
import { showMessage } from './bar.js';
import { map } from './base.js';
import { locate, selectParcel } from './panel.js';

const input = document.getElementById('locate-input');
const list = document.getElementById('search-suggestions');
const form = document.getElementById('locate-form');

const KIND_NAMES = { parcel: '宗地 Parcel', enterprise: '企业 Enterprise', block: '区块 Block', place: '地点 Place' };
/** Fewer characters would match too much to be worth a request. */
const MIN_CHARS = 2;
const DELAY_MS = 180;

let answers = [];
let active = -1;
let timer = null;
let asked = 0;

/** The answers for {@code text}: the latest request wins, an older one arriving late is dropped. */
async function ask(text) {
  const mine = ++asked;
  const found = await getJson('api/search?q=' + encodeURIComponent(text));
  return mine === asked ? found : null;
}

function show(found) {
  answers = found;
  active = -1;
  list.innerHTML = found.map((a, i) => '<li role="option" id="search-option-' + i + '" data-index="' + i + '" class="search-' +
    esc(a.kind) + '"><b>' + esc(a.label) + '</b> <small>' + esc(KIND_NAMES[a.kind] || a.kind) +
    (a.detail ? ' · ' + esc(a.detail) : '') + '</small></li>').join('');
  list.hidden = found.length === 0;
  input.setAttribute('aria-expanded', String(!list.hidden));
}

function hide() {
  list.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

function highlight(index) {
  active = index;
  list.querySelectorAll('li').forEach((li, i) => li.classList.toggle('active', i === index));
  if (index >= 0) {
    input.setAttribute('aria-activedescendant', 'search-option-' + index);
  }
}

/** Flies to an answer: a parcel opens in the panel; the others are framed on the map. */
export async function go(answer) {
  hide();
  showMessage('');
  if (answer.kind === 'parcel') {
    await selectParcel(answer.zone, answer.code, { fly: true });
    return;
  }
  const [west, south, east, north] = answer.bbox;
  const bounds = L.latLngBounds([south, west], [north, east]);
  map.flyToBounds(bounds, { maxZoom: answer.kind === 'enterprise' ? 17 : 15, padding: [60, 60] });
  showMessage(answer.label + (answer.detail ? ' · ' + answer.detail : ''), '');
}

input.addEventListener('input', () => {
  showMessage('');
  clearTimeout(timer);
  const text = input.value.trim();
  if (text.length < MIN_CHARS) {
    hide();
    return;
  }
  timer = setTimeout(async () => {
    const found = await ask(text).catch(() => null);
    if (found && input.value.trim() === text) {
      show(found);
    }
  }, DELAY_MS);
});

input.addEventListener('keydown', (event) => {
  if (list.hidden || !answers.length) {
    return;
  }
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    highlight((active + step + answers.length) % answers.length);
  } else if (event.key === 'Escape') {
    hide();
  }
});

input.addEventListener('blur', () => setTimeout(hide, 150));

// mousedown, not click: the input's blur would hide the list first
list.addEventListener('mousedown', (event) => {
  const item = event.target.closest('li');
  if (item) {
    event.preventDefault();
    go(answers[Number(item.dataset.index)]);
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearTimeout(timer);
  const text = input.value.trim();
  if (active >= 0 && !list.hidden) {
    go(answers[active]);
    return;
  }
  if (!text) {
    showMessage('请输入宗地代码、企业、区块或地名 Enter a code, enterprise, block or place', 'warn');
    return;
  }
  const found = text.includes('/') ? [] : await ask(text).catch(() => []);
  if (found && found.length) {
    go(found[0]);
  } else {
    hide();
    locate(text);
  }
});
