import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../src-main/host/electron-runtime-path';
import { APP_ROOT } from '../support/host-process';
import { ELECTRON_SKIP_REASON } from '../support/electron-skip';

const executablePath = findElectronBinary(APP_ROOT);
const tirePlant = JSON.parse(readFileSync(resolve(APP_ROOT, 'assets/plants/tire-plant.json'), 'utf8')) as { lines: Array<{ stations: unknown[] }> };
const tireStationCount = tirePlant.lines.reduce((n, l) => n + l.stations.length, 0);

test.skip(!executablePath, ELECTRON_SKIP_REASON);

test('desktop app shows the demo plant with WebGL, every station and live data', async () => {
  // Its own userData (alarm journals, window state): never the user's, nor another run's.
  const userData = mkdtempSync(join(tmpdir(), 'linetwin-electron-'));
  const app = await electron.launch({ executablePath, args: [APP_ROOT, `--user-data-dir=${userData}`], cwd: APP_ROOT });
  try {
    const page = await app.firstWindow();
    const globals = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      bridge: (window as unknown as { twin?: { transport: string } }).twin?.transport,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: 'electron' });
    await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().webgl ?? false)).toBe(true);
    await expect.poll(() => page.evaluate(() => window.__linetwin?.scene().stationObjects ?? 0)).toBe(tireStationCount);
    await expect.poll(async () => Number(await page.getByTestId('rate').getAttribute('data-value'))).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});
