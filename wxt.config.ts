import { defineConfig } from 'wxt';

// Test builds (`npm run build:test`) are pre-enabled on localhost so E2E tests need no permission prompt.
const isTestBuild = process.env.CHART_CODER_TEST_BUILD === '1';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDir: '.output',
  vite: () => ({ define: { __CHART_CODER_TEST_BUILD__: JSON.stringify(isTestBuild) } }),
  outDirTemplate: isTestBuild ? '{{browser}}-mv{{manifestVersion}}-test' : undefined,
  manifest: ({ browser }) => ({
    name: 'Chart Coder',
    description: 'Suggests ICD-10-CM, CPT and HCPCS codes from the chart you are reading, with the evidence behind each one.',
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'contextMenus'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: isTestBuild ? ['http://127.0.0.1/*', 'http://localhost/*'] : [],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Chart Coder sends nothing anywhere: all coding happens on the device.
            gecko: { id: 'chart-coder@chartcoder.dev', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open code search',
      },
    },
  }),
});
