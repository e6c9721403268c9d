import { parsePlant } from '../../src-main/core/plant/load-plant';
import { ManualClock } from '../../src-main/core/clock';
import { Engine } from '../../src-main/core/engine';
import type { PlantFile } from '../../src-main/shared/plant-schema';
import type { TelemetryEvent } from '../../src-main/shared/telemetry';

/** 2025-01-06 06:00 UTC: the start of shift A in the fixture's calendar (UTC, 06:00/14:00/22:00). */
export const T0 = Date.UTC(2025, 0, 6, 6, 0, 0);
export const SEC = 1000;
export const MIN = 60 * SEC;

/**
 * Two stations, limit rules on one of them and on the line, a UTC shift calendar: small
 * enough to compute alarms and OEE by hand.
 */
export function alarmPlant(staleAfterSeconds = 3600): PlantFile {
  return parsePlant(
    {
      id: 'alarm-fixture',
      name: { zh: '报警测试', en: 'Alarm fixture' },
      uns: { prefix: 'test/alarm' },
      alarmTexts: { MAIN_DRIVE_TRIP: { zh: '主驱动过载跳闸', en: 'Main drive overload trip' } },
      shifts: {
        utcOffsetMinutes: 0,
        shifts: [
          { id: 'A', start: '06:00', hours: 8, breaks: [{ start: '10:00', minutes: 30 }] },
          { id: 'B', start: '14:00', hours: 8, breaks: [{ start: '18:00', minutes: 30 }] },
          { id: 'C', start: '22:00', hours: 8, breaks: [{ start: '02:00', minutes: 30 }] },
        ],
      },
      lines: [
        {
          id: 'L1',
          name: { zh: '一线', en: 'Line 1' },
          shiftTargetUnits: 450,
          alarms: [
            { id: 'airLow', metric: 'airBar', limits: { ll: 4 }, deadband: 0, onDelaySeconds: 0, offDelaySeconds: 0, priority: 1, text: { zh: '气压过低', en: 'Air pressure low low' } },
          ],
          stations: [
            {
              id: 'A',
              type: 'curing-press',
              name: { zh: '甲', en: 'A' },
              position: [0, 0, 0],
              idealCycleSeconds: 10,
              staleAfterSeconds,
              alarms: [
                { id: 'temp', metric: 'tempC', limits: { hh: 100, h: 90 }, deadband: 2, onDelaySeconds: 10, offDelaySeconds: 20, priority: 2, text: { zh: '温度高', en: 'Temperature high' } },
              ],
            },
            { id: 'B', type: 'packaging', name: { zh: '乙', en: 'B' }, position: [5, 0, 0], idealCycleSeconds: 20, staleAfterSeconds },
          ],
          conveyors: [{ from: 'A', to: 'B', capacity: 4 }],
        },
      ],
    },
    'alarm-fixture.json',
  );
}

export function fixtureEngine(opts: { staleAfterSeconds?: number; journalDir?: string; start?: number } = {}): { engine: Engine; clock: ManualClock } {
  const clock = new ManualClock(opts.start ?? T0);
  const engine = new Engine({ plant: alarmPlant(opts.staleAfterSeconds), clock, journalDir: opts.journalDir });
  return { engine, clock };
}

/** Sets the clock to the event's time and applies it, as a live source would deliver it. */
export function feed(engine: Engine, clock: ManualClock, event: TelemetryEvent): void {
  clock.set(Math.max(clock.now(), event.ts));
  engine.applyEvent(event);
}

export const metric = (station: string, ts: number, values: Record<string, number>): TelemetryEvent => ({ kind: 'metrics', station, ts, values });
