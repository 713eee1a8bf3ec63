/* The page's header, alike on every page: who is signed in (with sign-out, and the users page for an
   admin) or the sign-in link for a visitor, elements marked data-roles="planner auditor" shown only to
   those roles, and the status line. Importing it fills the header. */

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
  const header = document.querySelector('header');
  if (!header) {
    return;
  }
  let box = document.getElementById('whoami');
  if (!box) {
    box = document.createElement('span');
    box.id = 'whoami';
    header.appendChild(box);
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

/** The header's status line (#load-status): what the page is loading, how much it shows, what failed. */
export function showStatus(html, kind) {
  const line = document.getElementById('load-status');
  line.innerHTML = html || '';
  line.className = kind || '';
}

showViewer();
