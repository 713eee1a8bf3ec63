/*
 * LandRenew 土地更新 — registering interest in land (POST /api/parcels/{zone}/{code}/interests), from a
 * finder result's card or the parcel panel: the form for the roles that may, and its sending, the same
 * interest on every parcel of a combined site. What an enterprise typed is remembered for the next time.
 */

import { answer, me, send } from '../../api.js';
import { esc, num } from '../../format.js';

const enc = encodeURIComponent;

const ENTERPRISE_KEY = 'landrenew.enterprise';

function remembered() {
  try {
    return JSON.parse(localStorage.getItem(ENTERPRISE_KEY) || '{}');
  } catch (ignored) {
    return {};
  }
}

/** Who is signed in: an enterprise user registers as its own enterprise (the server insists). */
let viewer = { role: 'anonymous' };
me().then((who) => {
  viewer = who;
});

/**
 * The form to register interest, for the roles that may (enterprises, and planners on their behalf); a
 * visitor is asked to sign in first; auditors and admins get nothing (they may not register).
 */
export function interestFormHtml(need) {
  if (viewer.role === 'anonymous') {
    return '<div class="interest-signin muted">登录后即可登记用地意向 <small>Sign in to register interest</small> · ' +
      '<a href="login.html?next=' + enc(location.pathname + location.search + location.hash) + '">登录 <small>Sign in</small></a></div>';
  }
  if (viewer.role !== 'enterprise' && viewer.role !== 'planner') {
    return '';
  }
  const saved = remembered();
  const own = viewer.role === 'enterprise' && viewer.enterprise;
  const fixed = own ? ' readonly title="账户所属企业 Your account\'s enterprise"' : '';
  return '<form class="interest-form transition-form" novalidate autocomplete="off">' +
    '<h3>登记意向 <small>Register interest</small></h3>' +
    '<label class="field"><span>企业名称 <small>Enterprise</small> <b class="req">*</b></span>' +
    '<input name="enterpriseName" type="text" required' + fixed + ' value="' +
    esc(own ? own.name : saved.enterpriseName || '') + '"></label>' +
    '<label class="field"><span>统一社会信用代码 <small>Credit code</small> <b class="req">*</b></span>' +
    '<input name="creditCode" type="text" required maxlength="18" spellcheck="false" class="mono"' + fixed + ' value="' +
    esc(own ? own.creditCode : saved.creditCode || '') + '"></label>' +
    '<label class="field"><span>联系人及电话 <small>Contact</small> <b class="req">*</b></span>' +
    '<input name="contact" type="text" required value="' + esc(saved.contact || '') + '"></label>' +
    '<label class="field"><span>用地需求 <small>Need</small> <b class="req">*</b></span>' +
    '<textarea name="need" rows="2" required>' + esc(need || '') + '</textarea></label>' +
    '<div class="form-error interest-error" role="alert" hidden></div>' +
    '<div class="form-actions"><button type="submit" class="primary interest-submit">提交意向 <small>Register</small></button></div>' +
    '</form>';
}

/** Wires a form to register the same interest on every target parcel (all of a combined site). */
export function wireInterestForm(container, targets, after) {
  const form = container.querySelector('.interest-form');
  if (!form) {
    return;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const request = {};
    for (const name of ['enterpriseName', 'creditCode', 'contact', 'need']) {
      request[name] = form.elements[name].value.trim();
    }
    const error = form.querySelector('.interest-error');
    const button = form.querySelector('.interest-submit');
    button.disabled = true;
    error.hidden = true;
    let done = 0;
    try {
      for (const t of targets) {
        const response = await send('api/parcels/' + enc(t.zone) + '/' + enc(t.code) + '/interests',
          'POST', request);
        await answer(response);
        done++;
      }
    } catch (e) {
      error.innerHTML = (done ? '已登记 ' + done + ' 宗后失败 <small>failed after ' + done + ':</small> '
        : '登记失败 <small>Not registered:</small> ') + esc(e.message);
      error.hidden = false;
      button.disabled = false;
      return;
    }
    try {
      localStorage.setItem(ENTERPRISE_KEY, JSON.stringify({ enterpriseName: request.enterpriseName,
        creditCode: request.creditCode, contact: request.contact }));
    } catch (ignored) {
      // private mode: nothing remembered
    }
    form.outerHTML = '<div class="form-ok interest-ok" role="status">已登记意向 <small>Interest registered</small> · ' +
      num(done, 0) + ' 宗 <small>parcel' + (done > 1 ? 's' : '') + '</small></div>';
    if (after) {
      after();
    }
  });
}
