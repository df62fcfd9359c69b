import { defineConfig } from 'wxt';

// Test builds (`npm run build:test`) are pre-enabled on localhost so E2E tests need no permission prompt.
const isTestBuild = process.env.CHART_CODER_TEST_BUILD === '1';

/** Placeholder match of the runtime-registered sidebar in real builds; it must not reach the manifest. */
const NO_SITE = 'https://chart-coder.invalid/*';

export default defineConfig({
  hooks: {
    // WXT lists a runtime content script's matches as host permissions; real builds ask for sites one by one.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.host_permissions = manifest.host_permissions?.filter((p: string) => p !== NO_SITE);
      manifest.web_accessible_resources = (manifest.web_accessible_resources as { matches?: string[] }[] | undefined)?.filter(
        (r) => !r.matches?.includes(NO_SITE),
      ) as typeof manifest.web_accessible_resources;
    },
  },
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDir: '.output',
  vite: () => ({ define: { __CHART_CODER_TEST_BUILD__: JSON.stringify(isTestBuild) } }),
  outDirTemplate: isTestBuild ? '{{browser}}-mv{{manifestVersion}}-test' : undefined,
  manifest: ({ browser }) => ({
    name: 'Chart Coder',
    description: 'Suggests ICD-10-CM, CPT and HCPCS codes from the chart you are reading, with the evidence behind each one.',
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'contextMenus', 'alarms'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: isTestBuild ? ['http://127.0.0.1/*', 'http://localhost/*'] : [],
    // The sidebar's stylesheet is fetched into its shadow root on the sites the coder enables.
    web_accessible_resources: [{ resources: ['content-scripts/sidebar.css'], matches: ['https://*/*', 'http://*/*'] }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Chart Coder sends nothing anywhere: all coding happens on the device.
            gecko: { id: 'chart-coder@chartcoder.dev', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
    // Browser commands (the coder changes them at chrome://extensions/shortcuts). The sidebar also listens
    // for its own in-page keys (lib/shortcuts.ts) for EHRs that swallow browser shortcuts.
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open code search',
      },
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Show or hide the Chart Coder sidebar',
      },
      'reread-page': {
        suggested_key: { default: 'Alt+Shift+R' },
        description: 'Re-read the page in the Chart Coder sidebar',
      },
    },
  }),
});
