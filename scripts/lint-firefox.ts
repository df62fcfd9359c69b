/** `npm run lint:firefox`: builds the Firefox extension and fails if `web-ext lint` reports any error. */
import { execFileSync, execSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
execSync('npx wxt build -b firefox --mv3', { cwd: root, stdio: 'ignore' });
const output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--self-hosted', '--output', 'json'], { cwd: root, encoding: 'utf8' }).toString();
const report = JSON.parse(output.slice(output.indexOf('{'))) as { summary: { errors: number; warnings: number }; errors: { code: string; file?: string; message: string }[]; warnings: { code: string; message: string }[] };
for (const e of report.errors) console.error(`error ${e.code} ${e.file ?? ''}: ${e.message}`);
// React DOM's own innerHTML support shows as warnings; Chart Coder never renders page text as HTML.
for (const w of report.warnings) console.log(`warning ${w.code}: ${w.message}`);
console.log(`web-ext lint (Firefox MV3): ${report.summary.errors} errors, ${report.summary.warnings} warnings`);
process.exit(report.summary.errors > 0 ? 1 : 0);
