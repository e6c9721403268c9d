import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN, SEC, T0, fixtureEngine } from '../../../test/support/alarm-fixtures';
import type { StationState } from '../../shared/station-state';

interface Msg {
  ts: number;
  topic: string;
  body: object;
}

/** A deterministic pseudo-random sequence (LCG), so every run feeds the same three hours. */
function script(): Msg[] {
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: Msg[] = [];
  const states: StationState[] = ['RUNNING', 'RUNNING', 'STARVED', 'BLOCKED', 'FAULT', 'MAINTENANCE', 'IDLE'];
  let temp = 85;
  let good = 0;
  let reject = 0;
  for (let t = T0; t < T0 + 3 * 60 * MIN; t += 5 * SEC) {
    const silentA = t > T0 + 70 * MIN && t < T0 + 74 * MIN;
    temp = Math.max(60, Math.min(120, temp + (rnd() - 0.48) * 4));
    if (!silentA) out.push({ ts: t, topic: 'test/alarm/L1/A/metrics', body: { ts: t, values: { tempC: Math.round(temp * 10) / 10, airBar: rnd() < 0.03 ? 3 : 6 } } });
    out.push({ ts: t + 1, topic: 'test/alarm/L1/B/metrics', body: { ts: t + 1, values: { airBar: 6 } } });
    if (rnd() < 0.03) {
      const st = states[Math.floor(rnd() * states.length)] ?? 'RUNNING';
      out.push({ ts: t + 2, topic: `test/alarm/L1/${rnd() < 0.5 ? 'A' : 'B'}/state`, body: { ts: t + 2, state: st, reason: 'script' } });
    }
    if ((t - T0) % (20 * SEC) === 0) {
      if (t === T0 + 90 * MIN) {
        good = 0;
        reject = 0;
      }
      if (rnd() < 0.05) reject += 1;
      else good += 1;
      out.push({ ts: t + 3, topic: 'test/alarm/L1/B/count', body: { ts: t + 3, good, reject } });
    }
    if (rnd() < 0.01) out.push({ ts: t + 4, topic: 'test/alarm/L1/B/alarm', body: { ts: t + 4, id: `E${Math.floor(rnd() * 3)}`, active: rnd() < 0.6, priority: 3, text: 'machine says so' } });
  }
  return out;
}

const END = T0 + 3 * 60 * MIN + MIN;

/**
 * Replays the script as a player does at some speed: the clock moves in steps of `stepMs`
 * (0: to each message's own time), each step delivers the messages received by then and
 * ticks. Faster replay means bigger steps.
 */
async function run(stepMs: number) {
  const { engine, clock } = fixtureEngine({ staleAfterSeconds: 60, journalDir: mkdtempSync(join(tmpdir(), 'linetwin-speed-')) });
  const msgs = script();
  let i = 0;
  while (i < msgs.length) {
    const first = msgs[i]?.ts ?? END;
    const stepEnd = stepMs === 0 ? first : Math.min(END, T0 + Math.ceil((first - T0 + 1) / stepMs) * stepMs);
    clock.set(stepEnd);
    for (; i < msgs.length && (msgs[i]?.ts ?? Infinity) <= stepEnd; i++) {
      const m = msgs[i];
      if (m) engine.ingest({ topic: m.topic, payload: new TextEncoder().encode(JSON.stringify(m.body)), receivedAt: clock.now(), retain: false, qos: 0 });
    }
    engine.tick();
  }
  clock.set(END);
  engine.tick();
  const snap = engine.snapshot();
  return {
    alarms: snap.alarms,
    load: snap.alarmLoad,
    lines: snap.lines,
    trend: engine.kpiTrend('L1'),
    timeline: engine.stateTimeline(['A', 'B']).stations,
    journal: await engine.journal?.read(),
  };
}

describe('the same events at different speeds give the same alarms and KPIs', () => {
  it('message by message, in 1 s, 10 s and 7 min steps, and all at once', async () => {
    const live = await run(0);
    // The script must exercise what it claims to, or equality proves little.
    expect(live.journal?.some((e) => e.id === 'A:temp.HH' && e.event === 'ACTIVE')).toBe(true);
    expect(live.journal?.some((e) => e.id === 'A:temp.H' && e.event === 'RETURN')).toBe(true);
    expect(live.journal?.some((e) => e.id === 'A:COMM' && e.event === 'ACTIVE')).toBe(true);
    expect(live.journal?.some((e) => e.id === 'A:airLow.LL')).toBe(true);
    expect(live.journal?.some((e) => e.id.startsWith('B:machine/'))).toBe(true);
    expect(live.lines.L1?.good).toBeGreaterThan(0);
    for (const step of [SEC, 10 * SEC, 7 * MIN, END - T0]) {
      expect(await run(step)).toEqual(live);
    }
  });
});
