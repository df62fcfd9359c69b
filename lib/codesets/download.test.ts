import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderFile, SAMPLE_ORDER_ROWS } from '../../test/support/codeset-fixtures';
import { startServer } from '../../test/support/http-server';
import { downloadRelease } from './download';

const zip = zipSync({ 'icd10cm-order-2026.txt': new TextEncoder().encode(orderFile(SAMPLE_ORDER_ROWS)) });
let flaky = 0;

describe('downloadRelease', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      switch (req.url) {
        case '/release.zip':
          res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length });
          res.end(Buffer.from(zip));
          return;
        case '/flaky.zip':
          // Fails twice with 503, then answers: retries must get through.
          if (flaky++ < 2) {
            res.writeHead(503).end();
            return;
          }
          res.writeHead(200, { 'content-type': 'application/zip' }).end(Buffer.from(zip));
          return;
        case '/moved.zip':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>This page has moved</body></html>');
          return;
        case '/short.zip':
          // Promises more bytes than it sends, then closes: a cut-off download.
          res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length + 100 });
          res.write(Buffer.from(zip), () => res.socket?.destroy());
          return;
        default:
          res.writeHead(404, 'Not Found').end();
      }
    });
  });
  afterAll(() => server.close());

  it('downloads a file and names it after the URL', async () => {
    const [file] = await downloadRelease([`${server.url}/release.zip`]);
    expect(file?.name).toBe('release.zip');
    expect(file?.bytes).toEqual(zip);
  });

  it('retries server errors', async () => {
    const [file] = await downloadRelease([`${server.url}/flaky.zip`], { attempts: 3 });
    expect(file?.bytes.length).toBe(zip.length);
  });

  it('refuses a 404 with the status', async () => {
    await expect(downloadRelease([`${server.url}/missing.zip`])).rejects.toThrow(/404/);
  });

  it('refuses an HTML page sent in place of the file', async () => {
    await expect(downloadRelease([`${server.url}/moved.zip`])).rejects.toThrow(/web page/);
  });

  it('refuses a download cut short', async () => {
    await expect(downloadRelease([`${server.url}/short.zip`], { attempts: 1 })).rejects.toThrow(/download/);
  });
});
