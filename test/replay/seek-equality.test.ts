import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import { EngineFeed } from '../../src-main/core/replay/engine-feed';
import { engineFor, writeTestRecording } from '../support/mcap-test-writer';
import { loadDemoPlant } from '../support/plants';
import { recordedSession, type SessionOptions } from '../support/recorded-session';
import { openPlayer, seen, spreadTimes, tempDir } from '../support/replay-fixtures';

const START = Date.parse('2025-03-03T05:10:00+08:00');
const MIN = 60_000;

const cases: Array<{ name: string; session: SessionOptions }> = [
  { name: 'UNS JSON', session: { format: 'uns', start: START, minutes: 150, scenario: 'fault-cascade', lossAt: 70, lossMinutes: 3 } },
  { name: 'Sparkplug B with a broker loss, lost and reordered messages', session: { format: 'sparkplug', start: START, minutes: 150, scenario: 'fault-cascade', lossAt: 70, lossMinutes: 3, loseEvery: 397, swapEvery: 211 } },
];

describe('engine keyframes', () => {
  for (const { name, session } of cases) {
    it(`${name}: restoring a keyframe (through JSON) and feeding what follows equals feeding everything`, () => {
      const plant = loadDemoPlant('fridge-plant');
      const items = recordedSession(plant, { ...session, minutes: 90 });
      const cut = START + 45 * MIN + 1234;
      const straightClock = new ManualClock(START);
      const straight = new EngineFeed(engineFor(plant)(straightClock), straightClock, START);
      let kf: string | undefined;
      for (const item of items) {
        if (kf === undefined && item.at > cut) {
          straight.advanceTo(cut);
          kf = JSON.stringify(straight.engine.keyframe());
        }
        straight.apply(item);
      }
      const clock = new ManualClock(START);
      const engine = engineFor(plant)(clock);
      engine.restore(JSON.parse(kf as string));
      const resumed = new EngineFeed(engine, clock, cut);
      for (const item of items) if (item.at > cut) resumed.apply(item);
      const end = items[items.length - 1]?.at ?? START;
      straight.advanceTo(end + 5 * MIN);
      resumed.advanceTo(end + 5 * MIN);
      expect(seen(resumed.engine)).toEqual(seen(straight.engine));
      // The stream had what the keyframe must carry: alarms, acknowledged ones, a lost broker.
      const alarms = engine.alarms.views();
      expect(alarms.length).toBeGreaterThan(0);
    });
  }

  it('refuses a keyframe of another plant or version, and one that is not a keyframe', () => {
    const fridge = loadDemoPlant('fridge-plant');
    const tire = loadDemoPlant('tire-plant');
    const engine = engineFor(fridge)(new ManualClock(START));
    const other = engineFor(tire)(new ManualClock(START)).keyframe();
    expect(() => engine.restore(other)).toThrow(/plant qingdao-tire/);
    expect(() => engine.restore({ ...engine.keyframe(), version: 99 })).toThrow(/version 99/);
    expect(() => engine.restore('nonsense')).toThrow(/not an engine keyframe/);
  });
});

describe('replay: a seek gives what playing from the start gives', () => {
  for (const { name, session } of cases) {
    it(`${name}: 20 seeks in random order equal a straight replay to each time`, async () => {
      const plant = loadDemoPlant('fridge-plant');
      const dir = tempDir('seek');
      const items = recordedSession(plant, session);
      const files = await writeTestRecording(plant, items, { dir, segmentMs: 20 * MIN, keyframeMs: MIN });
      expect(files.length).toBeGreaterThan(5);
      const end = items[items.length - 1]?.at ?? START;
      const times = spreadTimes(START, end, 20);
      // Around the broker loss and exactly on keyframes and segment starts too.
      times.push(START + 70 * MIN, START + 70 * MIN + 1, START + 73 * MIN, START + 80 * MIN, START + 20 * MIN);

      const straight = await openPlayer(plant, dir);
      const expected = new Map<number, unknown>();
      for (const t of [...times].sort((a, b) => a - b)) {
        await straight.step(t - straight.position);
        expect(straight.position).toBe(t);
        expected.set(t, seen(straight.engine));
      }

      const seeker = await openPlayer(plant, dir);
      for (const t of times) {
        await seeker.seek(t);
        expect(seeker.position).toBe(t);
        expect(seen(seeker.engine), new Date(t).toISOString()).toEqual(expected.get(t));
      }
      const alarms = seeker.engine.alarms.views();
      expect(alarms.some((a) => a.lastAction?.by === 'op' || a.state === 'UNACK_ACTIVE')).toBe(true);
      await straight.stop();
      await seeker.stop();
    });
  }
});
