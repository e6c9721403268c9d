import { LOCAL_OPERATOR } from '../shared/bridge';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PLANTS_DIR } from '../../test/support/plants';
import { builtIngestWorker } from '../../test/support/ingest-worker';
import { startEmbeddedBroker } from '../sim/embedded-broker';
import { defaultDataDir, plantJournalDir } from './data-dir';
import { Runtime } from './runtime';

describe('defaultDataDir', () => {
  it('is linetwin in the XDG data folder, ~/.local/share without it', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/xdg' }, '/home/op')).toBe('/data/xdg/linetwin');
    expect(defaultDataDir({}, '/home/op')).toBe('/home/op/.local/share/linetwin');
    expect(defaultDataDir({ XDG_DATA_HOME: '' }, '/home/op')).toBe('/home/op/.local/share/linetwin');
  });

  it('ignores a relative XDG_DATA_HOME, as the XDG spec says', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel/dir' }, '/home/op')).toBe('/home/op/.local/share/linetwin');
  });

  it('never is the shared temp folder', () => {
    expect(defaultDataDir({}, '/home/op')).not.toContain(tmpdir());
  });
});

describe('plantJournalDir', () => {
  it('keeps each plant in its own folder, whatever its id holds', () => {
    expect(plantJournalDir('/d', 'qingdao-tire')).toBe('/d/qingdao-tire/alarm-journal');
    expect(plantJournalDir('/d', '../x')).toBe('/d/___x/alarm-journal');
  });
});

describe('Runtime data folder', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("gives two plants separate journals: one plant's export holds none of the other's alarms", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linetwin-data-'));
    const broker = await startEmbeddedBroker({ port: 0 });
    cleanups.push(() => broker.close());
    const runtime = await Runtime.start({ plantsDir: PLANTS_DIR, ingestWorker: builtIngestWorker(), dataDir, profile: { urls: [broker.url], protocolVersion: 4 } });
    cleanups.push(() => runtime.stop());
    const entry = { at: 1, event: 'ACTIVE', id: 'tire-only', station: 'MX-01', priority: 1, state: 'UNACK_ACTIVE', text: 'tire plant alarm' };
    runtime.engine.journal?.append(entry);
    await runtime.engine.journal?.flush();
    expect(existsSync(join(dataDir, 'qingdao-tire', 'alarm-journal'))).toBe(true);

    await runtime.request('selectPlant', { id: 'qingdao-fridge' }, LOCAL_OPERATOR);
    expect(await runtime.engine.journal?.read()).toEqual([]);
    expect(await runtime.request('exportAlarmJournal', undefined, LOCAL_OPERATOR)).not.toContain('tire-only');

    await runtime.request('selectPlant', { id: 'qingdao-tire' }, LOCAL_OPERATOR);
    expect(await runtime.engine.journal?.read()).toEqual([entry]);
  });
});
