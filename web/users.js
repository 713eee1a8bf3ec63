/* The admin's user list: add users, switch them on and off, set a new password (PUT /api/users/{name}),
   lift a lockout after failed sign-ins (DELETE /api/users/{name}/lockout). */

import { answer, getJson, send, write } from './api.js';
import './header.js';
import { esc, recordedTime } from './format.js';

const el = (id) => document.getElementById(id);
const ROLES = { planner: '规划 planner', auditor: '审计 auditor', enterprise: '企业 enterprise', admin: '管理 admin' };

function say(id, text) {
  el('users-error').hidden = true;
  el('users-ok').hidden = true;
  if (text) {
    el(id).textContent = text;
    el(id).hidden = false;
  }
}

async function load() {
  const users = await getJson('api/users');
  el('users').querySelector('tbody').innerHTML = users.map((u) => '<tr data-user="' + esc(u.username) + '">' +
    '<td><code>' + esc(u.username) + '</code></td><td>' + esc(u.displayName) + '</td><td>' + esc(ROLES[u.role] || u.role) +
    '</td><td>' + (u.enterpriseName ? esc(u.enterpriseName) + '<br><code>' + esc(u.enterpriseCreditCode) + '</code>' : '—') +
    '</td><td>' + (u.enabled ? '启用 <small>enabled</small>' : '<span class="off">停用 <small>disabled</small></span>') +
    (u.signInLockedUntil ? '<br><span class="off locked">登录锁定至 ' + esc(recordedTime(u.signInLockedUntil)) +
      ' <small>sign-in locked</small></span>' : '') +
    '</td><td>' + esc(String(u.passwordChangedAt || '').slice(0, 16).replace('T', ' ')) + '</td><td>' +
    '<button type="button" class="toggle">' + (u.enabled ? '停用 <small>Disable</small>' : '启用 <small>Enable</small>') + '</button>' +
    '<button type="button" class="password">重置密码 <small>New password</small></button>' +
    (u.signInLockedUntil ? '<button type="button" class="unlock">解锁 <small>Unlock</small></button>' : '') +
    '</td></tr>').join('');
  el('users').querySelectorAll('tr[data-user]').forEach((row) => {
    const user = users.find((u) => u.username === row.dataset.user);
    row.querySelector('.toggle').addEventListener('click', () => change(user.username, { enabled: !user.enabled }));
    const unlock = row.querySelector('.unlock');
    if (unlock) {
      unlock.addEventListener('click', () => lift(user.username));
    }
    row.querySelector('.password').addEventListener('click', () => {
      const password = prompt('新密码（至少 10 位） New password for ' + user.username + ' (at least 10 characters)');
      if (password) {
        change(user.username, { password });
      }
    });
  });
}

async function change(username, body) {
  try {
    await write('api/users/' + encodeURIComponent(username), 'PUT', body);
    say('users-ok', '已保存 Saved: ' + username);
    await load();
  } catch (error) {
    say('users-error', error.message);
  }
}

async function lift(username) {
  try {
    const response = await send('api/users/' + encodeURIComponent(username) + '/lockout', 'DELETE');
    if (!response.ok) {
      await answer(response);   // throws with the problem's detail
    }
    say('users-ok', '已解锁 Unlocked: ' + username);
    await load();
  } catch (error) {
    say('users-error', error.message);
  }
}

el('new-role').addEventListener('change', () => {
  el('new-credit-field').hidden = el('new-role').value !== 'enterprise';
});

el('new-user').addEventListener('submit', async (event) => {
  event.preventDefault();
  const role = el('new-role').value;
  const body = {
    username: el('new-username').value.trim(),
    displayName: el('new-display-name').value.trim(),
    role,
    enterpriseCreditCode: role === 'enterprise' ? el('new-credit-code').value.trim() : null,
    password: el('new-password').value,
  };
  try {
    await write('api/users', 'POST', body);
    say('users-ok', '已添加 Added: ' + body.username);
    el('new-user').reset();
    el('new-credit-field').hidden = true;
    await load();
  } catch (error) {
    say('users-error', error.message);
  }
});

load().catch((error) => say('users-error', error.message));
