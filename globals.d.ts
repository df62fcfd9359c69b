/** True in `npm run build:test` builds (pre-enabled on localhost for end-to-end tests). */
declare const __CHART_CODER_TEST_BUILD__: boolean;
