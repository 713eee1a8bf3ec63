/*
 * LandRenew 土地更新 — the land finder (一键找地) on the map page.
 *
 * An enterprise states what it needs (area in mu, land use, zone and block, ready by, near a port, a
 * motorway exit or a clicked point, and what it commits to under the zone's standard-land conditions)
 * and gets the available land ranked (GET /api/finder): single parcels and combined sites of neighbouring
 * parcels. Results are listed and outlined on the map; clicking one flies the map to it and opens its
 * card, with a 3D view and a form to register interest (POST /api/parcels/{zone}/{code}/interests).
 * The parcel panel gets a section of its own for signed-in users: availability, readiness, the
 * standard-land conditions, the interests registered (for staff), the same form (for planners and
 * enterprise users, who register as the enterprise of their account) and the 3D button.
 *
 * Its parts are modules of their own under finder/:
 *   form.js      the panel and its form, the zone's choices, near a place or a picked point, the query
 *   results.js   the search, the results list and a result's card
 *   map.js       the results outlined on the map, the flights to them
 *   interest.js  the form to register interest and its sending
 *   offer.js     the parcel panel's section (offer and interest)
 *   facts.js     standard-land conditions and the 3D link, as both the card and the section show them
 * This module loads the names the results use and offers the finder to the tests.
 *
 * For tests: window.landrenew.finder = { results, open, search }, set by map.js.
 */

import { loadBlocks } from '../map-setup.js';
import { ready, zones } from './base.js';
import { emissionNames } from './finder/facts.js';
import { loadEmissionStandards, openPanel } from './finder/form.js';
import './finder/offer.js';
import { blockNames, results, search } from './finder/results.js';

const el = (id) => document.getElementById(id);

ready.then(() => {
  loadEmissionStandards().then(() => {
    for (const option of el('finder-emission').options) {
      if (option.value) {
        emissionNames.set(option.value, option.textContent.split(' · ')[0]);
      }
    }
  });
  for (const zone of zones.keys()) {
    loadBlocks(zone).then((blocks) => blocks.features.forEach((b) =>
      blockNames.set(b.properties.code, b.properties.name)));
  }
}, () => {});

/** For tests (window.landrenew.finder). */
export const finder = { results: () => results, open: () => openPanel(true), search };
