import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChunkDecompressors } from '../../src-main/core/replay/chunk-decompression';
import { RecordingError } from '../../src-main/core/replay/mcap-segment';
import type { RecordedItem } from '../../src-main/core/replay/recorded-item';
import { RecordingSource } from '../../src-main/core/replay/recording-source';
import { writeTestRecording } from '../support/mcap-test-writer';
import { loadDemoPlant, tinyPlant } from '../support/plants';
import { recordedSession } from '../support/recorded-session';
import { openPlayer, tempDir } from '../support/replay-fixtures';

const START = Date.parse('2025-03-03T05:10:00+08:00');
const MIN = 60_000;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

async function all(src: RecordingSource): Promise<RecordedItem[]> {
  const out: RecordedItem[] = [];
  for await (const item of src.items(src.start, Infinity, true)) out.push(item);
  return out;
}

const stateMsg = (at: number, state: string): RecordedItem => ({ kind: 'message', at, topic: 'test/tiny/L1/A/state', payload: utf8(JSON.stringify({ ts: at, state })) });

describe('reading recordings', () => {
  it('a session folder reads as one recording: each record once, in log-time order, the segments’ repeated last values left out', async () => {
    const plant = loadDemoPlant('fridge-plant');
    const items = recordedSession(plant, { format: 'uns', start: START, minutes: 30 });
    const dir = tempDir('folder');
    const files = await writeTestRecording(plant, items, { dir, segmentMs: 5 * MIN });
    expect(files.length).toBeGreaterThan(5);
    const src = await RecordingSource.open(dir);
    expect(src.segments).toBe(files.length);
    expect(JSON.parse(src.plantJson ?? '{}').id).toBe(plant.id);
    expect(src.session?.source).toBe('live');
    const read = await all(src);
    const messages = (list: RecordedItem[]): string[] => list.filter((i) => i.kind === 'message').map((i) => `${i.at} ${i.kind === 'message' ? i.topic : ''}`);
    expect(messages(read)).toEqual(messages(items));
    expect(src.notices).toEqual([]);
  });

  it('reads compressed chunks through the decompressor installed for their compression, and names a missing one', async () => {
    const plant = loadDemoPlant('fridge-plant');
    const items = recordedSession(plant, { format: 'uns', start: START, minutes: 10 });
    const file = join(tempDir('packed'), 'packed.mcap');
    // A stand-in codec (bytes reversed), registered the way the WASM zstd and lz4 packages are.
    const reverse = (d: Uint8Array): Uint8Array => Uint8Array.from(d).reverse();
    await writeTestRecording(plant, items, { file, chunkSize: 16 * 1024, compressChunk: (d) => ({ compression: 'zstd', compressedData: reverse(d) }) });
    await expect(RecordingSource.open(file)).rejects.toThrow(/compressed with zstd, and no zstd decompressor is installed/);
    const handlers = await loadChunkDecompressors(async (name) => {
      if (name !== '@foxglove/wasm-zstd') throw new Error('not installed');
      return { isLoaded: Promise.resolve(true), decompress: (d: Uint8Array, size: number) => (d.byteLength === size ? reverse(d) : new Uint8Array()) };
    });
    expect(Object.keys(handlers)).toEqual(['zstd']);
    const src = await RecordingSource.open(file, handlers);
    const read = await all(src);
    expect(read.filter((i) => i.kind === 'message')).toHaveLength(items.filter((i) => i.kind === 'message').length);
    expect(src.notices).toEqual([]);
  });

  it('refuses an empty file and random bytes with the reason; a folder without recordings too', async () => {
    const dir = tempDir('bad');
    writeFileSync(join(dir, 'empty.mcap'), new Uint8Array());
    writeFileSync(join(dir, 'noise.mcap'), Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251));
    await expect(RecordingSource.open(join(dir, 'empty.mcap'))).rejects.toThrow(/is empty/);
    await expect(RecordingSource.open(join(dir, 'noise.mcap'))).rejects.toThrow(/not an MCAP file/);
    await expect(RecordingSource.open(join(dir, 'missing.mcap'))).rejects.toThrow(RecordingError);
    await expect(RecordingSource.open(tempDir('none'))).rejects.toThrow(/no \.mcap file/);
    // In a folder the bad files are skipped with a notice when one segment is good.
    const plant = tinyPlant();
    await writeTestRecording(plant, [stateMsg(START, 'RUNNING'), stateMsg(START + 1000, 'FAULT')], { file: join(dir, 'seg-0001-1.mcap') });
    const src = await RecordingSource.open(dir);
    expect(src.segments).toBe(1);
    expect(src.notices.filter((n) => n.startsWith('skipped'))).toHaveLength(2);
  });

  it('a truncated file (a crash tail, a cut download) opens up to its last readable record, with a notice, and plays', async () => {
    const plant = loadDemoPlant('fridge-plant');
    const items = recordedSession(plant, { format: 'uns', start: START, minutes: 20 });
    const file = join(tempDir('cut'), 'cut.mcap');
    await writeTestRecording(plant, items, { file, chunkSize: 32 * 1024 });
    truncateSync(file, Math.floor(statSync(file).size * 0.6));
    const src = await RecordingSource.open(file);
    expect(src.notices.some((n) => n.startsWith('truncated:'))).toBe(true);
    const read = await all(src);
    expect(read.length).toBeGreaterThan(items.length * 0.3);
    expect(read.length).toBeLessThan(items.length);
    expect(src.end).toBeLessThan(items[items.length - 1]?.at ?? 0);
    const player = await openPlayer(plant, file);
    await player.seek(src.end);
    expect(player.engine.snapshot().clock).toBe(src.end);
    expect(player.status().notices.some((n) => n.startsWith('truncated:'))).toBe(true);
    await player.stop();
  });

  it('a corrupt chunk ends its segment where it stops being readable, with a notice, never a crash', async () => {
    const plant = loadDemoPlant('fridge-plant');
    const items = recordedSession(plant, { format: 'uns', start: START, minutes: 20 });
    const file = join(tempDir('corrupt'), 'corrupt.mcap');
    await writeTestRecording(plant, items, { file, chunkSize: 32 * 1024 });
    const bytes = readFileSync(file);
    for (let i = Math.floor(bytes.length * 0.5); i < bytes.length * 0.5 + 64; i += 1) bytes[i] = (bytes[i] ?? 0) ^ 0x5a;
    writeFileSync(file, bytes);
    const src = await RecordingSource.open(file);
    const read = await all(src);
    expect(read.length).toBeGreaterThan(items.length * 0.2);
    expect(read.length).toBeLessThan(items.length);
    expect(src.notices.some((n) => n.startsWith('corrupt:'))).toBe(true);
  });

  it('a clock set back while recording and 1970 stamps: read in log-time order, counted, the 1970 ones not replayed', async () => {
    const plant = tinyPlant();
    const file = join(tempDir('clock'), 'clock.mcap');
    const written: RecordedItem[] = [];
    for (let i = 0; i < 400; i += 1) written.push(stateMsg(START + i * 1000, i % 2 ? 'RUNNING' : 'IDLE'));
    // The host's clock jumped back five minutes, and a few records came from a clock never set.
    for (let i = 0; i < 400; i += 1) written.push(stateMsg(START + 100_000 + i * 1000 - 5 * MIN + 500, 'BLOCKED'));
    for (let i = 0; i < 3; i += 1) written.push(stateMsg(1000 + i, 'FAULT'));
    await writeTestRecording(plant, written, { file, chunkSize: 2048 });
    const src = await RecordingSource.open(file);
    expect(src.clockAnomalies.backward).toBeGreaterThan(0);
    expect(src.clockAnomalies.implausible).toBe(3);
    expect(src.notices.join('\n')).toMatch(/log time went back .* read in log-time order[\s\S]*3 messages stamped before 2000/);
    expect(src.start).toBe(START + 100_000 - 5 * MIN + 500);
    const read = await all(src);
    expect(read).toHaveLength(800);
    const times = read.map((r) => r.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
