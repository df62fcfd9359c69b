import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { BackgroundRequest } from '@/lib/messaging';
import { sitePattern } from '@/lib/sites';

/**
 * "Enable Chart Coder on this site": asks the browser for access to the current tab's site only (the popup
 * was opened by the coder, so activeTab lets us see its address), then starts the sidebar there.
 */
export function EnableOnThisSite() {
  const [tab, setTab] = useState<{ id?: number; pattern?: string }>();
  const [enabled, setEnabled] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(async ([current]) => {
      const pattern = sitePattern(current?.url);
      setTab({ id: current?.id, pattern });
      if (pattern) setEnabled(await browser.permissions.contains({ origins: [pattern] }));
    });
  }, []);

  if (!tab?.pattern) return null;
  const enable = async () => {
    const granted = await browser.permissions.request({ origins: [tab.pattern!] });
    if (!granted) return setMessage('Not enabled: the browser did not give access to this site.');
    const request: BackgroundRequest = { type: 'sites/enabled', tabId: tab.id };
    await browser.runtime.sendMessage(request);
    setEnabled(true);
    setMessage('Enabled. Press Alt+Shift+C on the page to open the sidebar.');
  };
  return (
    <div className="row site-access">
      {enabled ? <span>Chart Coder is enabled on {tab.pattern.replace('/*', '')}.</span> : <button type="button" onClick={() => void enable()}>Enable Chart Coder on this site</button>}
      {message && <span role="status">{message}</span>}
    </div>
  );
}

/** The options page's list of enabled sites, each with a button to turn it off. */
export function EnabledSites() {
  const [origins, setOrigins] = useState<string[]>();
  const refresh = () => void browser.permissions.getAll().then((p) => setOrigins((p.origins ?? []).filter((o) => /^https?:\/\/[^/*]+\/\*$/.test(o))));
  useEffect(() => {
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, []);
  if (!origins) return null;
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites Chart Coder may read</h2>
      {origins.length === 0 ? (
        <p>None yet. Open a chart, click the Chart Coder button and choose “Enable Chart Coder on this site”.</p>
      ) : (
        <ul data-testid="enabled-sites">
          {origins.map((origin) => (
            <li key={origin}>
              {origin.replace('/*', '')}{' '}
              <button type="button" onClick={() => void browser.permissions.remove({ origins: [origin] }).then(refresh)}>
                Disable
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
