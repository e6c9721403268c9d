/**
 * A process that writes item events into a genealogy store until it is killed:
 * `trace-crash.test.ts` kills it with SIGKILL mid-stream. Prints the number of the last item it offered, with its wall time.
 */
import { SystemClock } from '../../src-main/core/clock';
import { TraceStore } from '../../src-main/core/trace/trace-store';
import { tinyPlant } from './plants';
import { builtTraceWorker } from './trace-worker';

const file = process.argv[2] as string;
const clock = new SystemClock();
void TraceStore.open({ workerFile: builtTraceWorker(), location: file, plant: tinyPlant(), clock, flushEveryMs: 250 }).then((store) => {
  let n = 0;
  setInterval(() => {
    for (let k = 0; k < 10; k += 1) {
      const t = clock.now();
      const item = `K${String(n).padStart(8, '0')}`;
      store.offer({ kind: 'item', line: 'L1', station: 'A', ts: t, item, event: 'enter' });
      store.offer({ kind: 'item', line: 'L1', station: 'A', ts: t, item, event: 'leave' });
      n += 1;
    }
    process.stdout.write(`${n - 1} ${clock.now()}\n`);
  }, 5);
});
