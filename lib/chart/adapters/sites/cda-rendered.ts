import type { SiteAdapter } from './index';

/**
 * C-CDA documents rendered by the HL7 stylesheet (CDA.xsl and its descendants): `#documentheader` holds the
 * patient table, `#documentbody` the sections. The footer (authors, custodian, care team) is left out: it
 * names people and organisations, not the patient's problems.
 */
export const cdaRendered: SiteAdapter = {
  name: 'cda-rendered',
  matches: (_location, doc) => doc.querySelector('#documentbody') !== null && doc.querySelector('#documentheader') !== null,
  noteRoot: (doc) => doc.querySelector('#documentbody'),
  headerRoot: (doc) => doc.querySelector('#documentheader'),
};
