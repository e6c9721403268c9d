import type { McapTypes } from '@mcap/core';
import type { ForecastView, OutputBand } from '../../shared/forecast';
import { ManualClock } from '../../core/clock';
import { SparkplugDecoder } from '../../core/decode/sparkplug-decoder';
import { Engine } from '../../core/engine';
import { ShiftCalendar, type ShiftSpan } from '../../core/kpi/shift-calendar';
import { parsePlant } from '../../core/plant/load-plant';
import { EngineFeed } from '../../core/replay/engine-feed';
import { RecordingSource } from '../../core/replay/recording-source';
import { Calibrator } from './calibration';
import { observeSnapshot } from './observation';
import { DEFAULT_REPLICATIONS, runForecastPaced } from './run-forecast';

const HOUR = 3_600_000;

/** One forecast of the back-test against what the shift then made. */
export interface BackTestPoint {
  /** Hours into the shift the forecast was made. */
  hour: number;
  line: string;
  forecast: OutputBand;
  actual: number;
  /** Forecast mean minus actual, units. */
  error: number;
  inBand: boolean;
}

export interface BackTestResult {
  plantId: string;
  shift: ShiftSpan;
  replications: number;
  points: BackTestPoint[];
  /** Per hour: mean absolute error in units and as a share of the actual, and the share of lines inside P10–P90. */
  byHour: Array<{ hour: number; meanAbsError: number; meanAbsErrorShare: number; inBandShare: number }>;
}

/** A recording may end with its shift's last record, a little before the shift's end. */
const END_SLACK_MS = 60_000;

/** The first whole shift a recording from `from` to `to` covers. */
export function wholeShift(calendar: ShiftCalendar, from: number, to: number): ShiftSpan | undefined {
  for (let t = from; t < to; ) {
    const s = calendar.shiftAt(t);
    if (s && s.start >= from && s.end <= to + END_SLACK_MS) return s;
    t = s ? s.end : calendar.nextShiftStart(t);
    if (!Number.isFinite(t)) return undefined;
  }
  return undefined;
}

/**
 * The forecast's measured error on a recording: the recording is fed through an engine as
 * replay feeds it; at each of `hours` into its first whole shift a forecast is made from the
 * engine's state (calibrated on what was seen so far), and compared with the good output the
 * recording shows at that shift's end.
 */
export async function backTest(
  path: string,
  opts: { hours: number[]; replications?: number; seed?: number; decompress?: McapTypes.DecompressHandlers; giveWay?: () => Promise<void> },
): Promise<BackTestResult> {
  const giveWay = opts.giveWay ?? (() => Promise.resolve());
  const source = await RecordingSource.open(path, opts.decompress);
  const json = source.plantJson;
  if (!json) throw new Error(`${path} carries no plant file`);
  const plant = parsePlant(JSON.parse(json), `${path} (linetwin.plant)`);
  const shift = wholeShift(new ShiftCalendar(plant.shifts), source.start, source.end);
  if (!shift) throw new Error(`${path} holds no whole shift`);
  const clock = new ManualClock(source.start);
  const engine = new Engine({ plant, clock, families: plant.sparkplug ? [new SparkplugDecoder(plant)] : [] });
  const calibrator = new Calibrator(plant);
  engine.onEvent((e) => calibrator.onEvent(e));
  const feed = new EngineFeed(engine, clock, source.start);
  const replications = opts.replications ?? DEFAULT_REPLICATIONS;
  const checkpoints = [...opts.hours].sort((a, b) => a - b).map((hour) => ({ hour, at: shift.start + hour * HOUR })).filter((c) => c.at > shift.start && c.at < shift.end);
  const made: Array<{ hour: number; forecast: ForecastView }> = [];
  const until = async (t: number): Promise<void> => {
    for await (const batch of source.batches(feed.position, t)) {
      for (const item of batch) feed.apply(item);
      await giveWay();
    }
    feed.advanceTo(t);
  };
  for (const c of checkpoints) {
    await until(c.at);
    const obs = observeSnapshot(engine.snapshot(), plant);
    made.push({ hour: c.hour, forecast: await runForecastPaced({ plant, obs, replications, seed: opts.seed ?? 1, calibration: calibrator.estimates(c.at) }, giveWay) });
  }
  // The shift's last moment: its totals roll over at its end.
  await until(shift.end - 1);
  const lines = engine.snapshot().lines;
  const points: BackTestPoint[] = [];
  for (const { hour, forecast } of made) {
    for (const [line, lf] of Object.entries(forecast.lines)) {
      const actual = lines[line]?.good ?? 0;
      points.push({ hour, line, forecast: lf.output, actual, error: lf.output.mean - actual, inBand: lf.output.p10 <= actual && actual <= lf.output.p90 });
    }
  }
  const byHour = made.map(({ hour }) => {
    const at = points.filter((p) => p.hour === hour);
    const n = Math.max(1, at.length);
    return {
      hour,
      meanAbsError: at.reduce((s, p) => s + Math.abs(p.error), 0) / n,
      meanAbsErrorShare: at.reduce((s, p) => s + Math.abs(p.error) / Math.max(1, p.actual), 0) / n,
      inBandShare: at.filter((p) => p.inBand).length / n,
    };
  });
  return { plantId: plant.id, shift, replications, points, byHour };
}
