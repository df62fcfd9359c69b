import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built test extension in real headless Chromium, one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
