import { describe, expect, it } from 'vitest';
import { feed, fixtureEngine, metric, SEC, T0 } from '../../../test/support/alarm-fixtures';
import type { Engine } from '../engine';

const LIMIT_S = 60;

/** What each consumer of staleness says about station A: the view, the comm-loss alarm, the KPI timeline. */
function staleSeenBy(engine: Engine): { view: boolean | undefined; alarm: boolean; timeline: boolean | undefined } {
  const timeline = engine.stateTimeline(['A']).stations.A ?? [];
  return {
    view: engine.snapshot().stations.A?.stale,
    alarm: engine.alarms.views().some((a) => a.id === 'A:COMM' && a.state === 'UNACK_ACTIVE'),
    timeline: timeline[timeline.length - 1]?.stale,
  };
}

describe('staleness', () => {
  it('is one decision on pipeline time: at the limit the view, the comm-loss alarm and the KPI timeline agree', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: LIMIT_S });
    const seenAt = T0 + 5 * SEC;
    feed(engine, clock, metric('A', seenAt, { tempC: 20 }));
    feed(engine, clock, metric('B', seenAt, { tempC: 20 }));

    clock.set(seenAt + LIMIT_S * SEC - 1);
    engine.tick();
    expect(staleSeenBy(engine)).toEqual({ view: false, alarm: false, timeline: false });

    clock.set(seenAt + LIMIT_S * SEC);
    engine.tick();
    expect(staleSeenBy(engine)).toEqual({ view: true, alarm: true, timeline: true });

    feed(engine, clock, metric('A', seenAt + LIMIT_S * SEC + 1, { tempC: 21 }));
    expect(staleSeenBy(engine)).toMatchObject({ view: false, timeline: false });
  });

  it('goes by the time the pipeline reached, not the time a late message was received', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: LIMIT_S });
    // A message stamped 30 s before it arrives: its data is that old, so it goes stale 30 s sooner.
    clock.set(T0 + 40 * SEC);
    engine.applyEvent(metric('A', T0 + 10 * SEC, { tempC: 20 }));
    clock.set(T0 + 10 * SEC + LIMIT_S * SEC);
    engine.tick();
    expect(staleSeenBy(engine)).toEqual({ view: true, alarm: true, timeline: true });
  });

  it('a lost connection makes the view and the KPI timeline stale at the same moment', () => {
    const { engine, clock } = fixtureEngine({ staleAfterSeconds: LIMIT_S });
    const source = { kind: 'live', url: 'mqtt://x' } as const;
    engine.setSource({ ...source, connected: true, connection: 'connected' });
    feed(engine, clock, metric('A', T0 + 5 * SEC, { tempC: 20 }));
    clock.set(T0 + 10 * SEC);
    engine.setSource({ ...source, connected: false, connection: 'reconnecting' });
    expect(staleSeenBy(engine)).toMatchObject({ view: true, timeline: true });
  });
});
