/* How every page talks to the API: JSON in, and an error answer (RFC 9457 problem JSON) turned into
   an Error whose message is the server's detail and whose status is the HTTP status. */
(function () {
  'use strict';

  /** The JSON body of a successful response; otherwise throws an Error with the problem's detail. */
  async function answer(response) {
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

  async function getJson(url, signal) {
    return answer(await fetch(url, { signal, headers: { Accept: 'application/geo+json, application/json' } }));
  }

  window.LandRenewApi = { answer, getJson };
})();
