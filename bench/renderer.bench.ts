/**
 * The settings window (docs/architecture.md#benchmarks): the production renderer bundle's size (JS and CSS, raw and gzip),
 * and its first render in Chromium — navigation start to the first section laid out (the renderer's
 * `first-section-painted` mark, set after state, settings and app info arrived over the bridge from a
 * real core and emulator) — median and worst of several loads, and the part that is the window's own work
 * (data arrived → section laid out), without the IPC round trips.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { buildAll } from '../scripts/build.ts';
import { installBridge } from '../test/e2e/support/bridge.ts';
import { RENDERER_ORIGIN } from '../test/e2e/support/serve.ts';
import { startTestApp } from '../test/e2e/support/test-app.ts';
import type { Benchmark } from './harness.ts';
import { percentile, round } from './harness.ts';

const LOADS = 11;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Renderer bundle size and first render time. */
export const rendererBenchmark: Benchmark = {
  name: 'renderer',
  description: `settings window: production bundle size and first render in Chromium (median of ${LOADS} loads)`,
  async run() {
    const out = mkdtempSync(join(tmpdir(), 'presence-tray-bench-'));
    const app = await startTestApp();
    const browser = await chromium.launch({ ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}), args: ARGS });
    try {
      await buildAll({ outDir: out, production: true, log: false });
      const dir = join(out, 'renderer');
      const js = readFileSync(join(dir, 'main.js'));
      const css = readFileSync(join(dir, 'styles.css'));

      const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
      await page.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== RENDERER_ORIGIN) return route.abort('blockedbyclient');
        const name = url.pathname.slice(1) || 'index.html';
        const type = name.endsWith('.js') ? 'text/javascript' : name.endsWith('.css') ? 'text/css' : 'text/html';
        return route.fulfill({ status: 200, body: readFileSync(join(dir, name)), contentType: type });
      });
      const bridge = await installBridge(page, app.backend);
      const times: number[] = [];
      const paints: number[] = [];
      const ownWork: number[] = [];
      for (let i = 0; i < LOADS; i++) {
        await page.goto(`${RENDERER_ORIGIN}/index.html?load=${i}#status`); // a new URL each time: a full load, not a hash change
        await page.waitForFunction(() => performance.getEntriesByName('first-section-painted').length > 0);
        const [mark, fcp, loaded] = await page.evaluate(() => [
          performance.getEntriesByName('first-section-painted')[0]?.startTime ?? Number.NaN,
          performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          performance.getEntriesByName('data-loaded')[0]?.startTime ?? Number.NaN,
        ]);
        // The first load warms Chromium's caches and the bridge; report warm loads, as a reopened window is.
        if (i > 0) {
          times.push(mark as number);
          paints.push(fcp as number);
          ownWork.push((mark as number) - (loaded as number));
        }
      }
      bridge.stop();
      return {
        jsBytes: js.length,
        jsGzipBytes: gzipSync(js).length,
        cssBytes: css.length,
        cssGzipBytes: gzipSync(css).length,
        firstRenderP50Ms: round(percentile(times, 50), 1),
        firstRenderMaxMs: round(Math.max(...times), 1),
        firstContentfulPaintP50Ms: round(percentile(paints, 50), 1),
        buildAndLayoutP50Ms: round(percentile(ownWork, 50), 1),
        loads: times.length,
      };
    } finally {
      await browser.close();
      await app.close();
      rmSync(out, { recursive: true, force: true });
    }
  },
};
