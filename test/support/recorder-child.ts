/**
 * A process that records a steady stream (count messages, 4 per ms of wall time) until it is
 * killed: `recorder-crash.test.ts` kills it with SIGKILL mid-stream. Prints each message number it has tapped.
 */
import { SystemClock } from '../../src-main/core/clock';
import { FlightRecorder } from '../../src-main/core/record/flight-recorder';
import { tinyPlant, utf8 } from './plants';

const dir = process.argv[2] as string;
const clock = new SystemClock();
const rec = new FlightRecorder({ root: dir, sessionDir: dir, plant: tinyPlant(), source: 'live', url: 'mqtt://test', start: clock.now(), clock, library: 'linetwin test', segmentMs: 1500 });
rec.status({ kind: 'live', connected: true, connection: 'connected', url: 'mqtt://test' }, clock.now());
let n = 0;
setInterval(() => {
  for (let k = 0; k < 20; k++) {
    const t = clock.now();
    rec.message({ topic: 'test/tiny/L1/A/count', payload: utf8(JSON.stringify({ ts: t, good: n, reject: 0 })), receivedAt: t, retain: false, qos: 0 });
    n += 1;
  }
  process.stdout.write(`${n}\n`);
}, 5);
