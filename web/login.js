/* Sign-in: POST /login (form fields, with the CSRF token), then back to the page that asked for it. */

import { send } from './api.js';
import './header.js';

const params = new URLSearchParams(location.search);
document.getElementById('login-denied').hidden = !params.has('denied');

/** Only a page of this site: never an absolute or protocol-relative address (no open redirect). */
function next() {
  const target = (params.get('next') || 'index.html').replace(/^\/+/, '');
  return /^[a-z0-9_-]+\.html([?#].*)?$/i.test(target) ? target : 'index.html';
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  const button = document.getElementById('login-submit');
  button.disabled = true;
  error.hidden = true;
  const form = new URLSearchParams();
  form.set('username', document.getElementById('username').value.trim());
  form.set('password', document.getElementById('password').value);
  const signIn = await send('login', 'POST', form);
  button.disabled = false;
  if (signIn.ok) {
    location.href = next();
    return;
  }
  const problem = await signIn.json().catch(() => null);
  error.textContent = (problem && problem.detail) || signIn.status + ' ' + signIn.statusText;
  error.hidden = false;
});
