import { mkdtemp, readdir, rm, writeFile, mkdir, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDescriptorSet } from 'protobufjs/ext/descriptor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIndexed } from '../../../test/support/mcap-read';
import { tinyPlant, utf8 } from '../../../test/support/plants';
import { ManualClock } from '../clock';
import { encodeSparkplugPayload } from '../decode/sparkplug-codec';
import { Engine } from '../engine';
import type { RawMessage } from '../raw-message';
import { FlightRecorder, type FlightRecorderOptions } from './flight-recorder';
import { segmentFileName } from './recording-names';

const T0 = Date.parse('2026-11-30T02:00:00Z');
const MIN = 60_000;
const plant = tinyPlant();

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'linetwin-rec-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const msg = (topic: string, body: object | Uint8Array, receivedAt: number): RawMessage => ({
  topic,
  payload: body instanceof Uint8Array ? body : utf8(JSON.stringify(body)),
  receivedAt,
  retain: false,
  qos: 0,
});

function recorder(clock: ManualClock, over: Partial<FlightRecorderOptions> = {}): FlightRecorder {
  return new FlightRecorder({ root, plant, source: 'live', url: 'mqtt://broker:1883', start: T0, clock, library: 'linetwin test', segmentMs: MIN, ...over });
}

async function segments(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.mcap')).sort().map((f) => join(dir, f));
}

describe('FlightRecorder', () => {
  it('writes self-contained segments: plant and session metadata, schemas, the last value of every topic at the start', async () => {
    const clock = new ManualClock(T0);
    const rec = recorder(clock);
    rec.status({ kind: 'live', connected: true, connection: 'connected', url: 'mqtt://broker:1883' }, T0);
    rec.message(msg('test/tiny/L1/A/state', { ts: T0 - 5, state: 'RUNNING' }, T0 + 10));
    rec.message(msg('test/tiny/L1/A/count', { ts: T0 + 20, good: 1, reject: 0 }, T0 + 25));
    const spb = encodeSparkplugPayload({ timestamp: T0 + 30, seq: 1, metrics: [{ name: 'x', type: 'Double', value: 1 }] });
    rec.message(msg('spBv1.0/g/DDATA/L1/A', spb, T0 + 35));
    rec.action({ kind: 'ack', id: 'A:jam', by: 'li', at: T0 + 40 });
    // Next minute: a new segment.
    rec.message(msg('test/tiny/L1/A/count', { ts: T0 + MIN + 5, good: 2, reject: 0 }, T0 + MIN + 7));
    rec.bookmark({ id: 'b1', at: T0 + MIN + 8, note: 'jam here', by: 'li' });
    rec.status({ kind: 'live', connected: false, connection: 'reconnecting', url: 'mqtt://broker:1883', lastError: 'ECONNRESET' }, T0 + MIN + 9);
    await rec.close();

    const dir = rec.status().dir as string;
    expect(dir).toBe(join(root, 'tiny', '20261130-020000-live'));
    const files = await segments(dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([segmentFileName(0, T0), segmentFileName(1, T0 + MIN)]);

    const first = await readIndexed(files[0] as string);
    expect(first.header?.library).toBe('linetwin test');
    expect(first.header?.profile).toBe('');
    expect(JSON.parse(first.metadata.get('linetwin.plant')?.get('json') as string).id).toBe('tiny');
    expect(Object.fromEntries(first.metadata.get('linetwin.session') as Map<string, string>)).toEqual({ version: '1', source: 'live', url: 'mqtt://broker:1883', start: String(T0), plantId: 'tiny' });
    expect(first.messages.map((m) => [m.topic, m.logTime, m.publishTime])).toEqual([
      ['linetwin/status', T0, T0],
      ['test/tiny/L1/A/state', T0 + 10, T0 - 5],
      ['test/tiny/L1/A/count', T0 + 25, T0 + 20],
      ['spBv1.0/g/DDATA/L1/A', T0 + 35, T0 + 30],
      ['linetwin/actions', T0 + 40, T0 + 40],
    ]);
    expect(Buffer.from(first.messages[3]?.data as Uint8Array).equals(Buffer.from(spb))).toBe(true);
    expect(JSON.parse(first.messages[4]?.text as string)).toEqual({ kind: 'ack', id: 'A:jam', by: 'li', at: T0 + 40 });
    const channel = (topic: string) => first.channels.find((c) => c.topic === topic);
    const schema = (topic: string) => first.schemas.find((s) => s.id === channel(topic)?.schemaId);
    expect(channel('test/tiny/L1/A/state')?.messageEncoding).toBe('json');
    expect(schema('test/tiny/L1/A/state')?.encoding).toBe('jsonschema');
    expect(JSON.parse(new TextDecoder().decode(schema('test/tiny/L1/A/state')?.data)).properties.state.enum).toContain('RUNNING');
    expect(channel('spBv1.0/g/DDATA/L1/A')?.messageEncoding).toBe('protobuf');
    expect(schema('spBv1.0/g/DDATA/L1/A')?.name).toBe('org.eclipse.tahu.protobuf.Payload');
    const fds = FileDescriptorSet.toObject(FileDescriptorSet.decode(schema('spBv1.0/g/DDATA/L1/A')?.data as Uint8Array)) as { file: Array<{ package: string; messageType: Array<{ name: string }> }> };
    expect(fds.file[0]?.package).toBe('org.eclipse.tahu.protobuf');
    expect(fds.file[0]?.messageType.map((m) => m.name)).toEqual(['Payload']);

    // The second segment alone knows the last value of every topic and the source status at its start.
    const second = await readIndexed(files[1] as string);
    expect(second.metadata.has('linetwin.plant')).toBe(true);
    const start = T0 + MIN;
    expect(second.messages.map((m) => [m.topic, m.logTime])).toEqual([
      ['test/tiny/L1/A/state', start],
      ['test/tiny/L1/A/count', start],
      ['spBv1.0/g/DDATA/L1/A', start],
      ['linetwin/status', start],
      ['test/tiny/L1/A/count', T0 + MIN + 7],
      ['linetwin/bookmarks', T0 + MIN + 8],
      ['linetwin/status', T0 + MIN + 9],
    ]);
    expect(JSON.parse(second.messages[1]?.text as string).good).toBe(1);
    expect(JSON.parse(second.messages[3]?.text as string).connected).toBe(true);
    expect(JSON.parse(second.messages[6]?.text as string)).toMatchObject({ connection: 'reconnecting', lastError: 'ECONNRESET' });
    expect(JSON.parse(second.messages[5]?.text as string)).toEqual({ id: 'b1', at: T0 + MIN + 8, note: 'jam here', by: 'li' });
    const st = rec.status();
    expect(st).toMatchObject({ on: false, segments: 2, deletedSegments: 0, droppedMessages: 0, oldestKept: T0 });
    expect(st.bytes).toBe((await stat(files[0] as string)).size + (await stat(files[1] as string)).size);
  });

  it('takes keyframes from the provider at each segment start and every keyframeMs, after exactly the entries before them', async () => {
    const clock = new ManualClock(T0);
    let seen = 0;
    const rec = recorder(clock, { segmentMs: 10 * MIN, keyframeMs: MIN, keyframe: () => ({ seen }) });
    for (let t = T0; t < T0 + 12 * MIN; t += 7_000) {
      // Two messages with the same stamp: a keyframe never falls between them.
      for (let k = 0; k < 2; k++) {
        rec.message(msg('test/tiny/L1/A/count', { ts: t, good: seen, reject: 0 }, t));
        seen += 1;
      }
    }
    await rec.close();
    const files = await segments(rec.status().dir as string);
    expect(files).toHaveLength(2);
    const read = await Promise.all(files.map((f) => readIndexed(f)));
    // The stream itself, without the last values repeated at a segment start (their stamp is not their payload's).
    const live = read.flatMap((r) => r.messages).filter((m) => m.topic === 'test/tiny/L1/A/count' && JSON.parse(m.text).ts === m.logTime);
    expect(live).toHaveLength(seen);
    const keyframes = read.map((r) => r.messages.filter((m) => m.topic === 'linetwin/keyframes').map((m) => ({ logTime: m.logTime, ...(JSON.parse(m.text) as { at: number; engine: { seen: number } }) })));
    for (const k of keyframes.flat()) {
      // The state after every message stamped before `at` and none after: a replay from here is exact.
      expect(k.engine.seen).toBe(live.filter((m) => m.logTime < k.at).length);
    }
    const times = keyframes.map((ks) => ks.map((k) => k.at));
    expect(times[0]?.[0]).toBe(T0);
    expect(times[1]?.[0]).toBe(keyframes[1]?.[0]?.logTime);
    // At the first message of the new segment: the state after everything before the cut.
    expect(times[1]?.[0]).toBeGreaterThanOrEqual(T0 + 10 * MIN);
    expect(times[1]?.[0]).toBeLessThan(T0 + 10 * MIN + 7_000);
    for (const ts of times) for (let i = 1; i < ts.length; i++) expect(ts[i]! - ts[i - 1]!).toBeGreaterThanOrEqual(MIN);
    expect(times.flat().length).toBeGreaterThanOrEqual(12);
  });

  it('bounds what waits to be written: the rest is dropped and counted', async () => {
    const clock = new ManualClock(T0);
    const drops: string[] = [];
    const rec = recorder(clock, { maxQueueBytes: 64 * 1024, onDrop: (reason, n) => void drops.push(...Array<string>(n).fill(reason)) });
    const payload = new Uint8Array(1000).fill(0x20);
    const total = 1000;
    // One synchronous burst: the writer gets no turn until it is over.
    for (let i = 0; i < total; i++) rec.message(msg('test/tiny/L1/A/metrics', payload, T0 + i));
    await rec.close();
    const st = rec.status();
    expect(st.droppedMessages).toBeGreaterThan(0);
    expect(drops).toHaveLength(st.droppedMessages);
    expect(new Set(drops)).toEqual(new Set(['recorder-backlog']));
    const { messages } = await readIndexed((await segments(st.dir as string))[0] as string);
    expect(messages.length + st.droppedMessages).toBe(total);
  });

  it('deletes the oldest segments first, by age and by total size, and counts them', async () => {
    const clock = new ManualClock(T0);
    const old = join(root, 'tiny', '20261120-000000-live');
    const recent = join(root, 'other', '20261129-000000-demo');
    await mkdir(old, { recursive: true });
    await mkdir(recent, { recursive: true });
    const day = 24 * 3_600_000;
    // Written at the time each covers: age is when a segment was written here (its mtime).
    const put = async (dir: string, i: number, start: number) => {
      const path = join(dir, segmentFileName(i, start));
      await writeFile(path, new Uint8Array(10_000));
      await utimes(path, new Date(start), new Date(start));
    };
    await put(old, 0, T0 - 10 * day);
    await put(old, 1, T0 - 9 * day);
    await put(recent, 0, T0 - 3 * day);
    await put(recent, 1, T0 - 2 * day);
    await put(recent, 2, T0 - day);
    await writeFile(join(recent, 'bookmarks.json'), '[]');
    // A recording of last year copied in today: young by when it was written, so kept (and small).
    const imported = join(root, 'tiny', '20251101-000000-live');
    await mkdir(imported, { recursive: true });
    await writeFile(join(imported, segmentFileName(0, T0 - 365 * day)), new Uint8Array(10));
    await utimes(join(imported, segmentFileName(0, T0 - 365 * day)), new Date(T0), new Date(T0));
    const rec = recorder(clock, { retentionMs: 7 * day, retentionBytes: 25_000 });
    rec.message(msg('test/tiny/L1/A/state', { ts: T0, state: 'RUNNING' }, T0));
    await rec.drain();
    // Age: both of the 10- and 9-day-old; size: then the oldest of the rest until under 25 kB.
    const st = rec.status();
    expect(st.deletedSegments).toBe(3);
    expect(await readdir(root, { recursive: true })).not.toContain(join('tiny', '20261120-000000-live'));
    expect((await readdir(recent)).sort()).toEqual(['bookmarks.json', segmentFileName(1, T0 - 2 * day), segmentFileName(2, T0 - day)]);
    expect(await readdir(imported)).toEqual([segmentFileName(0, T0 - 365 * day)]);
    expect(st.segments).toBe(4);
    expect(st.oldestKept).toBe(T0 - 2 * day);
    await rec.close();
  });

  it('a write error stops recording with the error shown while live ingest goes on, then it records again', async () => {
    const clock = new ManualClock(T0);
    const engine = new Engine({ plant, clock });
    const drops = new Map<string, number>();
    const dir = join(root, 'session');
    const rec = recorder(clock, { sessionDir: dir, retryMs: 50, maxRetryMs: 100, onDrop: (r, n) => drops.set(r, (drops.get(r) ?? 0) + n) });
    const feed = (t: number) => {
      const m = msg('test/tiny/L1/A/count', { ts: t, good: t - T0, reject: 0 }, t);
      clock.set(t);
      rec.message(m);
      engine.ingest(m);
    };
    feed(T0);
    await rec.drain();
    expect(rec.status().error).toBeUndefined();
    // The folder becomes unwritable: a file where the folder was (root ignores permissions).
    await rm(dir, { recursive: true });
    await writeFile(dir, 'not a folder');
    feed(T0 + MIN);
    await rec.drain();
    expect(rec.status().error).toMatch(/ENOTDIR|EEXIST/);
    for (let i = 1; i <= 5; i++) feed(T0 + MIN + i);
    expect(engine.health().stats.messages).toBe(7);
    expect(rec.status().droppedMessages).toBeGreaterThanOrEqual(5);
    expect(drops.get('recorder-stopped')).toBeGreaterThanOrEqual(5);
    // Disk back: the retry records again into a new segment, error cleared.
    await rm(dir);
    await new Promise((r) => setTimeout(r, 400));
    feed(T0 + 2 * MIN);
    await rec.drain();
    expect(rec.status().error).toBeUndefined();
    await rec.close();
    const files = await segments(dir);
    expect(files).toHaveLength(1);
    const { messages } = await readIndexed(files[0] as string);
    expect(messages.map((m) => m.logTime)).toEqual([T0 + 2 * MIN, T0 + 2 * MIN]);
  });
});

describe('FlightRecorder last values', () => {
  it('keeps its own copy of a last value, not the source batch it was a view into', async () => {
    const clock = new ManualClock(T0);
    const rec = recorder(clock);
    const batch = new Uint8Array(64 * 1024);
    const body = utf8(JSON.stringify({ ts: T0, state: 'RUNNING' }));
    batch.set(body, 100);
    rec.message(msg('test/tiny/L1/A/state', batch.subarray(100, 100 + body.byteLength), T0));
    await rec.drain();
    // The source reuses or drops its batch; the recorder must not keep it, nor see it change.
    batch.fill(0x78);
    rec.message(msg('test/tiny/L1/A/count', { ts: T0 + MIN, good: 1, reject: 0 }, T0 + MIN));
    await rec.close();
    const files = await segments(rec.status().dir as string);
    const second = await readIndexed(files[1] as string);
    expect(second.messages[0]?.text).toBe(JSON.stringify({ ts: T0, state: 'RUNNING' }));
  });
});

describe('payloadTime', () => {
  it('reads a UNS payload’s ts (fractions too) and a Sparkplug payload’s timestamp; anything else is not a time', async () => {
    const { payloadTime } = await import('./recording-channels');
    expect(payloadTime('a/b/state', utf8('{"ts":1795989600044.4443,"state":"RUNNING"}'))).toBe(1795989600044.4443);
    expect(payloadTime('a/b/count', utf8('{ "good": 1, "ts" : 17, "reject": 0}'))).toBe(17);
    expect(payloadTime('a/b/count', utf8('{"ts":1.7e12}'))).toBeUndefined();
    expect(payloadTime('a/b/count', utf8('{"ts":"yesterday"}'))).toBeUndefined();
    expect(payloadTime('a/b/count', utf8('{"good":1}'))).toBeUndefined();
    expect(payloadTime('a/b/count', utf8('not json'))).toBeUndefined();
    expect(payloadTime('spBv1.0/g/DDATA/n/d', encodeSparkplugPayload({ timestamp: T0, metrics: [] }))).toBe(T0);
    expect(payloadTime('spBv1.0/g/DDATA/n/d', encodeSparkplugPayload({ metrics: [{ name: 'x', type: 'Double', value: 1 }] }))).toBeUndefined();
  });
});
