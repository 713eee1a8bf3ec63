/* How every page talks to the API: JSON in, and an error answer (RFC 9457 problem JSON) turned into
   an Error whose message is the server's detail and whose status is the HTTP status. Writes carry the
   CSRF token (the XSRF-TOKEN cookie, sent back as X-XSRF-TOKEN). Who is signed in: me(). */

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
