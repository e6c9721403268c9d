import { describe, expect, it } from 'vitest';
import { tinyPlant, utf8 } from '../../test/support/plants';
import { ManualClock } from './clock';
import { Engine } from './engine';
import { FramePublisher } from './frame-publisher';
import type { Frame } from '../shared/views';

function setup() {
  const clock = new ManualClock(1_000_000);
  const engine = new Engine({ plant: tinyPlant(), clock });
  const publisher = new FramePublisher(engine);
  const send = (topic: string, body: object) => engine.ingest({ topic, payload: utf8(JSON.stringify(body)), receivedAt: clock.now(), retain: false, qos: 0 });
  return { clock, engine, publisher, send };
}

describe('FramePublisher', () => {
  it('coalesces many messages into one frame with the latest value per station', () => {
    const { publisher, send } = setup();
    const frames: Frame[] = [];
    publisher.add({ send: (f) => frames.push(f), ready: () => true });
    publisher.tick();
    for (let i = 0; i < 500; i += 1) send('test/tiny/L1/A/metrics', { values: { temp: i } });
    publisher.tick();
    expect(frames).toHaveLength(2);
    expect(Object.keys(frames[0]!.stations)).toEqual(['A', 'B']);
    expect(Object.keys(frames[1]!.stations)).toEqual(['A']);
    expect(frames[1]!.stations.A?.metrics.temp).toBe(499);
    expect(frames[1]!.health.stats.messages).toBe(500);
  });

  it('skips a busy consumer, counts the skip, and resynchronises it with a full frame', () => {
    const { publisher, engine, send } = setup();
    const frames: Frame[] = [];
    let ready = true;
    publisher.add({ send: (f) => frames.push(f), ready: () => ready });
    publisher.tick();
    ready = false;
    send('test/tiny/L1/B/state', { state: 'BLOCKED' });
    publisher.tick();
    publisher.tick();
    expect(frames).toHaveLength(1);
    expect(engine.health().stats.droppedByBuffer['frames-skipped']).toBe(2);
    ready = true;
    publisher.tick();
    expect(Object.keys(frames[1]!.stations).sort()).toEqual(['A', 'B']);
    expect(frames[1]!.stations.B?.state).toBe('BLOCKED');
  });
});
