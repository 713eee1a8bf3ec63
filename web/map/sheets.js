/*
 * LandRenew 土地更新 — on a phone (≤ 600 px wide) the parcel card and the finder are bottom sheets over
 * a map that stays visible above them (app.css, finder.css): each has a handle that folds it to its
 * head and out again, and opening a parcel folds the finder so the two never cover the whole map.
 */

const PHONE = window.matchMedia('(max-width: 600px)');

function fold(sheet, folded) {
  sheet.classList.toggle('sheet-collapsed', folded);
  sheet.querySelector('.sheet-handle').setAttribute('aria-expanded', String(!folded));
}

for (const id of ['parcel-panel', 'finder-panel']) {
  const sheet = document.getElementById(id);
  if (!sheet) {
    continue;
  }
  const handle = document.createElement('button');
  handle.type = 'button';
  handle.className = 'sheet-handle';
  handle.title = '展开或收起 Expand or collapse';
  handle.setAttribute('aria-expanded', 'true');
  handle.setAttribute('aria-label', '展开或收起 Expand or collapse');
  handle.appendChild(document.createElement('span'));
  handle.addEventListener('click', () => fold(sheet, !sheet.classList.contains('sheet-collapsed')));
  sheet.prepend(handle);
}

document.addEventListener('landrenew:parcel-shown', () => {
  const card = document.getElementById('parcel-panel');
  const finder = document.getElementById('finder-panel');
  if (card) {
    fold(card, false);
  }
  if (PHONE.matches && finder && !finder.hidden) {
    fold(finder, true);
  }
});
