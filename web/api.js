/* How every page talks to the API: JSON in, and an error answer (RFC 9457 problem JSON) turned into
   an Error whose message is the server's detail and whose status is the HTTP status. Writes carry the
   CSRF token (the XSRF-TOKEN cookie, sent back as X-XSRF-TOKEN). Who is signed in shows in the page's
   header, and elements marked data-roles="planner auditor" are shown only to those roles. */

import { esc } from './format.js';

/** The JSON body of a successful response; otherwise throws an Error with the problem's detail. */
export async function answer(response) {
  if (!response.ok) {
    let detail = response.status + ' ' + response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (ignored) {
      // not a problem document: keep the status line
    }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

export async function getJson(url, signal) {
  return answer(await fetch(url, { signal, headers: { Accept: 'application/geo+json, application/json' } }));
}

let mePromise = null;

/** Who is signed in: { signedIn, username, displayName, role ('anonymous' for visitors), enterprise }. */
export function me() {
  if (!mePromise) {
    mePromise = getJson('api/me').catch(() => ({ signedIn: false, role: 'anonymous' }));
  }
  return mePromise;
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * A write (POST, PUT, DELETE) with the CSRF token; {@code body} is sent as JSON, or as it is when it
 * is FormData (an upload) or URLSearchParams (a form). Answers the fetch Response, for the caller to
 * read its status and body.
 */
export async function send(url, method, body, extraHeaders) {
  if (!csrfToken()) {
    await me();   // GET /api/me makes the server set the cookie
  }
  const headers = Object.assign({ Accept: 'application/json' }, extraHeaders || {});
  const token = csrfToken();
  if (token) {
    headers['X-XSRF-TOKEN'] = token;
  }
  let payload = body;
  if (body !== undefined && body !== null && !(body instanceof FormData) && !(body instanceof URLSearchParams)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return fetch(url, { method, headers, body: payload === null ? undefined : payload });
}

/** A write whose answer is JSON: {@link send}, then {@link answer} (its body, or an Error with the problem's detail). */
export async function write(url, method, body) {
  return answer(await send(url, method, body));
}

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

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', showViewer);
} else {
  showViewer();
}
