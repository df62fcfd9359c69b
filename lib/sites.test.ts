import { describe, expect, it } from 'vitest';
import { SITE_SCRIPT_PREFIX, sitePattern, syncSiteScripts, type SiteApi } from './sites';

/** An in-memory browser: granted origins and registered scripts, as Chrome keeps them. */
function memoryBrowser(granted: string[], registered: string[] = []) {
  const scripts = new Map(registered.map((origin) => [`${SITE_SCRIPT_PREFIX}${origin}`, [origin]]));
  const api: SiteApi = {
    grantedOrigins: async () => [...granted],
    registeredScripts: async () => [...scripts].map(([id, matches]) => ({ id, matches })),
    register: async (list) => list.forEach((s) => scripts.set(s.id, s.matches)),
    unregister: async (ids) => ids.forEach((id) => scripts.delete(id)),
  };
  return { api, scripts };
}

describe('sites', () => {
  describe('sitePattern', () => {
    it('turns a page URL into its site pattern', () => {
      expect(sitePattern('https://ehr.example.org/chart/1?x=2')).toBe('https://ehr.example.org/*');
      expect(sitePattern('http://localhost:8080/note')).toBe('http://localhost/*');
    });

    it('never enables browser, extension, file or junk pages', () => {
      for (const url of ['chrome://extensions', 'chrome-extension://abc/popup.html', 'file:///tmp/x.html', 'data:text/html,hi', 'not a url', undefined]) {
        expect(sitePattern(url)).toBeUndefined();
      }
    });
  });

  describe('syncSiteScripts', () => {
    it('registers the sidebar for newly granted sites only', async () => {
      const { api, scripts } = memoryBrowser(['https://ehr.example.org/*', 'https://other.example.com/*'], ['https://ehr.example.org/*']);
      expect(await syncSiteScripts(api)).toEqual({ added: ['https://other.example.com/*'], removed: [] });
      expect([...scripts.keys()].sort()).toEqual([`${SITE_SCRIPT_PREFIX}https://ehr.example.org/*`, `${SITE_SCRIPT_PREFIX}https://other.example.com/*`]);
    });

    it('unregisters sites whose permission was removed', async () => {
      const { api, scripts } = memoryBrowser([], ['https://ehr.example.org/*']);
      expect(await syncSiteScripts(api)).toEqual({ added: [], removed: ['https://ehr.example.org/*'] });
      expect(scripts.size).toBe(0);
    });

    it('ignores broad grants that are not one site', async () => {
      const { api, scripts } = memoryBrowser(['<all_urls>', 'https://*/*']);
      await syncSiteScripts(api);
      expect(scripts.size).toBe(0);
    });

    it('changes nothing when already in sync', async () => {
      const { api } = memoryBrowser(['https://ehr.example.org/*'], ['https://ehr.example.org/*']);
      expect(await syncSiteScripts(api)).toEqual({ added: [], removed: [] });
    });
  });
});
