import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSparkplugPayload } from '../../src-main/core/decode/sparkplug-codec';
import { recordSimulation } from '../../src-main/sim/sim-recording';
import { readIndexed, type ReadSegment } from '../support/mcap-read';
import { loadDemoPlant } from '../support/plants';

const ROOT = resolve(__dirname, '..', '..');
const START = Date.parse('2026-11-29T22:00:00Z');
const MIN = 60_000;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linetwin-simrec-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(): Promise<ReadSegment[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.mcap')).sort();
  return Promise.all(files.map((f) => readIndexed(join(dir, f))));
}

/** The recorded stream without the last values each segment repeats at its start. */
function stream(segments: ReadSegment[]): ReadSegment['messages'] {
  return segments.flatMap((s, i) => (i === 0 ? s.messages : s.messages.slice(s.messages.findIndex((m) => m.topic === 'linetwin/status') + 1)));
}

describe('sim --record', () => {
  it('writes N simulated minutes of UNS JSON, in segments, stamped with simulated time, keyframes from an engine run alongside', async () => {
    const r = await recordSimulation({
      plant: loadDemoPlant('tire-plant'),
      dir,
      format: 'uns',
      scenario: 'demo',
      seed: 3,
      start: START,
      durationMs: 12 * MIN,
      segmentMs: 5 * MIN,
      library: 'linetwin test',
      keyframeOf: (engine) => ({ messages: engine.health().stats.messages }),
    });
    expect(r.recorder).toMatchObject({ droppedMessages: 0, deletedSegments: 0 });
    expect(r.recorder.error).toBeUndefined();
    const segments = await readAll();
    expect(segments).toHaveLength(3);
    for (const s of segments) expect(s.metadata.get('linetwin.session')?.get('source')).toBe('sim');
    const all = stream(segments);
    const telemetry = all.filter((m) => !m.topic.startsWith('linetwin/'));
    expect(telemetry).toHaveLength(r.messages);
    expect(telemetry[0]?.logTime).toBe(START);
    expect(telemetry.at(-1)?.logTime).toBeLessThanOrEqual(START + 12 * MIN);
    expect(telemetry.at(-1)?.logTime).toBeGreaterThan(START + 11 * MIN);
    for (let i = 1; i < telemetry.length; i++) expect(telemetry[i]!.logTime).toBeGreaterThanOrEqual(telemetry[i - 1]!.logTime);
    // Every UNS payload carries its own ts: the publish time.
    expect(telemetry.filter((m) => Math.abs(m.publishTime - (JSON.parse(m.text) as { ts: number }).ts) > 1e-3).map((m) => m.text)).toEqual([]);
    const keyframes = all.filter((m) => m.topic === 'linetwin/keyframes').map((m) => JSON.parse(m.text) as { at: number; engine: { messages: number } });
    expect(keyframes.length).toBeGreaterThanOrEqual(12);
    for (const k of keyframes) expect(k.engine.messages).toBe(telemetry.filter((m) => m.logTime < k.at).length);
  });

  it('writes Sparkplug B as protobuf: births first, the nodes’ deaths at the end', async () => {
    const r = await recordSimulation({ plant: loadDemoPlant('tire-plant'), dir, format: 'sparkplug', scenario: 'normal', seed: 3, start: START, durationMs: 3 * MIN, library: 'linetwin test' });
    const segments = await readAll();
    expect(segments).toHaveLength(1);
    const s = segments[0] as ReadSegment;
    const telemetry = s.messages.filter((m) => !m.topic.startsWith('linetwin/'));
    expect(telemetry).toHaveLength(r.messages);
    expect(telemetry[0]?.topic).toMatch(/^spBv1\.0\/qingdao-tire\/NBIRTH\//);
    expect(telemetry.at(-1)?.topic).toMatch(/^spBv1\.0\/qingdao-tire\/NDEATH\//);
    const ddata = telemetry.find((m) => m.topic.includes('/DDATA/'));
    expect(decodeSparkplugPayload(ddata?.data as Uint8Array).metrics?.length).toBeGreaterThan(0);
    const channel = s.channels.find((c) => c.topic === ddata?.topic);
    expect(channel?.messageEncoding).toBe('protobuf');
    expect(s.schemas.find((x) => x.id === channel?.schemaId)?.name).toBe('org.eclipse.tahu.protobuf.Payload');
  });

  it('the CLI writes a readable recording and says what it wrote', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'linetwin.mjs'), 'sim', '--record', dir, '--duration', '360', '--start', '2026-11-29T22:00:00Z', '--segment-minutes', '5'], { cwd: ROOT });
    expect(stdout).toMatch(/^Recorded \d+ messages of .* from 2026-11-29T22:00:00.000Z to 2026-11-29T22:06:00.000Z .*: 2 segments/);
    const segments = await readAll();
    expect(segments).toHaveLength(2);
    expect(segments[0]?.header?.library).toMatch(/^linetwin \d+\.\d+\.\d+/);
    expect(Number(/Recorded (\d+)/.exec(stdout)?.[1])).toBe(stream(segments).filter((m) => !m.topic.startsWith('linetwin/')).length);
  });
});
