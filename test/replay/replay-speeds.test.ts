import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/core/clock';
import type { ReplayPlayer } from '../../src-main/core/replay/replay-player';
import type { ReplaySpeed } from '../../src-main/shared/replay';
import { writeTestRecording } from '../support/mcap-test-writer';
import { loadDemoPlant } from '../support/plants';
import { recordedSession } from '../support/recorded-session';
import { openPlayer, seen, tempDir } from '../support/replay-fixtures';

const START = Date.parse('2025-03-03T05:10:00+08:00');
const MIN = 60_000;

/** Plays to the end on a fake wall clock moved a second per step: no real-time wait at any speed. */
async function playThrough(player: ReplayPlayer, wall: ManualClock, speed: ReplaySpeed): Promise<number> {
  await player.play(speed);
  let steps = 0;
  while (player.status().playing) {
    wall.advance(1000);
    await player.pump();
    steps += 1;
  }
  return steps;
}

describe('replay speeds', () => {
  it('1x, 60x and as fast as possible give the same alarms and KPIs (Sparkplug, broker loss, operator actions)', async () => {
    const plant = loadDemoPlant('fridge-plant');
    const dir = tempDir('speeds');
    const items = recordedSession(plant, { format: 'sparkplug', start: START, minutes: 60, lossAt: 30, lossMinutes: 2, loseEvery: 397, swapEvery: 211, ackEveryMinutes: 10 });
    await writeTestRecording(plant, items, { dir, segmentMs: 10 * MIN, keyframeMs: MIN });
    const results: unknown[] = [];
    const steps: number[] = [];
    for (const speed of [1, 60, 'max'] as const) {
      const wall = new ManualClock(0);
      const player = await openPlayer(plant, dir, { wall });
      steps.push(await playThrough(player, wall, speed));
      expect(player.position).toBe(player.to);
      results.push(seen(player.engine));
      await player.stop();
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    // 1x took the recording's length in wall seconds, 60x a sixtieth of it.
    const seconds = (items[items.length - 1]?.at ?? START) - START;
    expect(steps[0]).toBeGreaterThanOrEqual(Math.floor(seconds / 1000));
    expect(steps[1]).toBeLessThanOrEqual(Math.ceil(seconds / 60_000) + 1);
  });

  it('replays the recorded operator actions at their time, by whom', async () => {
    const plant = loadDemoPlant('fridge-plant');
    const dir = tempDir('actions');
    const items = recordedSession(plant, { format: 'uns', start: START, minutes: 40, ackEveryMinutes: 10 });
    await writeTestRecording(plant, items, { dir, segmentMs: 10 * MIN, keyframeMs: MIN });
    const player = await openPlayer(plant, dir);
    let checked = 0;
    for (const item of items) {
      if (item.kind !== 'action') continue;
      await player.seek(item.at - 1);
      const waiting = player.engine.alarms.views().filter((a) => a.state === 'UNACK_ACTIVE' || a.state === 'RTN_UNACK');
      if (waiting.length === 0) continue;
      await player.step(1);
      const after = player.engine.alarms.views();
      for (const a of waiting) {
        const now = after.find((x) => x.id === a.id);
        expect(now === undefined || now.state === 'ACK_ACTIVE').toBe(true);
        if (now) expect(now.lastAction).toEqual({ action: 'ack', by: 'op', at: item.at });
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
    await player.stop();
  });

  it('steps forward paused, loops a range, and plays again from the start after the end', async () => {
    const plant = loadDemoPlant('fridge-plant');
    const dir = tempDir('loop');
    await writeTestRecording(plant, recordedSession(plant, { format: 'uns', start: START, minutes: 20 }), { dir, segmentMs: 5 * MIN, keyframeMs: MIN });
    const wall = new ManualClock(0);
    const player = await openPlayer(plant, dir, { wall });
    await player.step(90_000);
    expect(player.status()).toMatchObject({ position: START + 90_000, playing: false });
    await player.setLoop({ from: START + 5 * MIN, to: START + 6 * MIN });
    expect(player.position).toBe(START + 5 * MIN);
    await player.play(10);
    const seenPositions: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      wall.advance(1000);
      await player.pump();
      seenPositions.push(player.position);
    }
    expect(Math.min(...seenPositions)).toBeGreaterThanOrEqual(START + 5 * MIN);
    expect(Math.max(...seenPositions)).toBeLessThanOrEqual(START + 6 * MIN);
    expect(seenPositions.filter((p) => p === START + 5 * MIN).length).toBeGreaterThan(0);
    await player.setLoop(undefined);
    await player.seek(player.to);
    await player.play(1);
    expect(player.position).toBe(player.from);
    await player.stop();
  });
});
