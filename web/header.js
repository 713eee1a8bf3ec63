/* The page's header, alike on every page: who is signed in (with sign-out, and the users page for an
   admin) or the sign-in link for a visitor, elements marked data-roles="planner auditor" shown only to
   those roles, and the status line. Importing it fills the header. When its contents do not fit (a
   planner's links on a laptop, anything on a phone) they fold into a menu behind a ☰ button. */

import { me, send } from './api.js';
import { esc } from './format.js';

const ROLE_NAMES = { planner: '规划 Planner', enterprise: '企业 Enterprise', auditor: '审计 Auditor', admin: '管理 Admin' };

const STYLE = '[hidden]{display:none !important}#whoami{margin-left:auto;display:flex;gap:6px;align-items:center;white-space:nowrap;font-size:13px}' +
  '#whoami .whoami-name{color:inherit;opacity:.9}#whoami small{opacity:.75}' +
  '#whoami .whoami-link{color:inherit;background:none;border:1px solid currentColor;border-radius:4px;' +
  'padding:2px 8px;font:inherit;cursor:pointer;text-decoration:none;opacity:.9}';

/** Fills the header's sign-in box and hides what the viewer's role may not use. */
async function showViewer() {
  const viewer = await me();
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.appendChild(style);
  document.querySelectorAll('[data-roles]').forEach((node) => {
    node.hidden = !node.dataset.roles.split(/\s+/).includes(viewer.role);
  });
  const header = document.getElementById('topbar') || document.querySelector('header');
  if (!header) {
    return;
  }
  let box = document.getElementById('whoami');
  if (!box) {
    box = document.createElement('span');
    box.id = 'whoami';
    (document.getElementById('bar-items') || header).appendChild(box);
  }
  if (!viewer.signedIn) {
    const next = encodeURIComponent(location.pathname.replace(/^\//, '') + location.search + location.hash);
    box.innerHTML = '<a class="whoami-link" id="sign-in-link" href="login.html?next=' + next + '">登录 <small>Sign in</small></a>';
    return;
  }
  box.innerHTML = '<span class="whoami-name" title="' + esc(viewer.username) + '">' + esc(viewer.displayName) +
    ' <small>' + esc(ROLE_NAMES[viewer.role] || viewer.role) + '</small></span>' +
    (viewer.role === 'admin' ? ' <a class="whoami-link" href="users.html">用户 <small>Users</small></a>' : '') +
    ' <button type="button" class="whoami-link" id="sign-out">退出 <small>Sign out</small></button>';
  document.getElementById('sign-out').addEventListener('click', async () => {
    await send('logout', 'POST');
    location.href = 'index.html';
  });
}

/**
 * The header folds when it does not fit: first its links to other pages and the sign-in box (#bar-items) go
 * into a menu behind a ☰ button (a planner's many links on a laptop), then, if the page's own fields and
 * buttons (#bar-main: zone, search, status, 找地) still do not fit (a phone), they go into the menu too. Checked whenever the bar changes size.
 */
function foldWhenFull(header) {
  const brand = header.querySelector('.brand');
  const main = document.createElement('div');
  main.id = 'bar-main';
  const items = document.createElement('div');
  items.id = 'bar-items';
  for (const child of [...header.children].filter((c) => c !== brand)) {
    // links to other pages and the sign-in box fold first; the page's own fields and buttons stay longest
    (child.matches('a.bar-link, #whoami') ? items : main).appendChild(child);
  }
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.id = 'bar-menu';
  toggle.className = 'bar-menu-toggle';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'bar-items');
  toggle.title = '菜单 Menu';
  toggle.innerHTML = '☰ <small>菜单</small>';
  header.append(main, items, toggle);
  const open = (shown) => {
    header.classList.toggle('menu-open', shown);
    toggle.setAttribute('aria-expanded', String(shown));
  };
  toggle.addEventListener('click', () => open(!header.classList.contains('menu-open')));
  // a link or button chosen in the menu closes it
  items.addEventListener('click', (event) => {
    if (event.target.closest('a, button:not([role=tab])')) {
      open(false);
    }
  });
  const overflows = () => header.scrollWidth > header.clientWidth + 1 || main.scrollWidth > main.clientWidth + 1
    || items.scrollWidth > items.clientWidth + 1;
  const fit = () => {
    const wasOpen = header.classList.contains('menu-open');
    header.classList.remove('folded', 'folded-all', 'menu-open');
    if (main.parentNode !== header) {
      brand.after(main);
    }
    if (overflows()) {
      header.classList.add('folded');
      if (overflows()) {
        header.classList.add('folded-all');
        if (main.parentNode !== items) {
          items.prepend(main);
        }
      }
      if (wasOpen) {
        header.classList.add('menu-open');
      }
    }
  };
  // Again whenever the bar changes size or what it holds (a status line that grows, a button added
  // later), once a frame at most; the moves fit() makes itself are not news.
  let scheduled = false;
  // (suggestions under a search box come and go as one types: they change no widths, and moving the box
  // would take the focus from its input)
  const inSearchBox = (node) => {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element !== null && element.closest('.search-box') !== null;
  };
  const changes = new MutationObserver((records) => {
    if (records.some((record) => !inSearchBox(record.target))) {
      schedule();
    }
  });
  const schedule = () => {
    if (scheduled) {
      return;
    }
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      fit();
      changes.takeRecords();
    });
  };
  new ResizeObserver(schedule).observe(header);
  changes.observe(header, { childList: true, subtree: true, characterData: true });
  return () => {
    fit();
    changes.takeRecords();
  };
}

const pageHeader = document.getElementById('topbar') || document.querySelector('header');
const fitHeader = pageHeader ? foldWhenFull(pageHeader) : () => {};

/** The header's status line (#load-status): what the page is loading, how much it shows, what failed. */
export function showStatus(html, kind) {
  const line = document.getElementById('load-status');
  line.innerHTML = html || '';
  line.className = kind || '';
}

showViewer().then(fitHeader, fitHeader);
