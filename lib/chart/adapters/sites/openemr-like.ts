import type { SiteAdapter } from './index';

/**
 * OpenEMR-style encounter pages: a demographics bar (`#attendantData`, or `.patient-demographics`) above the
 * encounter's forms (`#encounter_forms`), beside menus and patient lists that are not this patient's note.
 * Recognised by the forms container, or by OpenEMR's `/interface/` paths with one of the known containers.
 */
export const openEmrLike: SiteAdapter = {
  name: 'openemr-like',
  matches: (location, doc) => doc.querySelector('#encounter_forms') !== null || (/\/interface\//.test(location.pathname) && doc.querySelector('.encounter-forms, #attendantData') !== null),
  noteRoot: (doc) => doc.querySelector('#encounter_forms, .encounter-forms'),
  headerRoot: (doc) => doc.querySelector('#attendantData, .patient-demographics'),
};
