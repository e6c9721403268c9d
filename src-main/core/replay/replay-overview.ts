import type { LineSpec } from '../../shared/plant-schema';
import type { Bookmark, LineBand, ReplayOverview } from '../../shared/replay';
import type { StationView } from '../../shared/views';
import { ManualClock, type Clock } from '../clock';
import type { Engine } from '../engine';
import { EngineFeed } from './engine-feed';
import type { RecordingSource } from './recording-source';

/** The bands are sampled this often in recording time: a scrubber pixel is minutes of a shift. */
const SAMPLE_MS = 10_000;
/** CPU time the pass takes before it lets frames and requests through. */
const SLICE_MS = 20;
const MAX_ALARM_MARKERS = 5000;
const MAX_BOOKMARKS = 5000;

/** Stations whose output leaves the line: named in the plant file, else those no conveyor leaves. */
function outputStations(line: LineSpec): Set<string> {
  if (line.outputStations) return new Set(line.outputStations);
  const feeding = new Set(line.conveyors.map((c) => c.from));
  return new Set(line.stations.map((s) => s.id).filter((id) => !feeding.has(id)));
}

/** What a line was doing, in one word: a fault anywhere, else whether its output ran, else what held it. */
function bandOf(line: LineSpec, outputs: Set<string>, station: (id: string) => StationView | undefined): LineBand {
  let blocked = false;
  let starved = false;
  let running = false;
  for (const s of line.stations) {
    const v = station(s.id);
    if (!v || v.stale) continue;
    if (v.state === 'FAULT') return 'fault';
    if (v.state === 'BLOCKED') blocked = true;
    if (v.state === 'STARVED') starved = true;
    if (v.state === 'RUNNING' && outputs.has(s.id)) running = true;
  }
  if (running) return 'running';
  if (blocked) return 'blocked';
  if (starved) return 'starved';
  return 'stopped';
}

/**
 * The whole recording at a glance, from one fast pass through the same pipeline after it opens:
 * a state band per line, alarm activations by priority, the recorded bookmarks. The pass runs in
 * slices so the replay stays responsive; until it is done the overview is partial.
 */
export class OverviewBuilder {
  private readonly lines: ReplayOverview['lines'] = {};
  private readonly alarms: ReplayOverview['alarms'] = [];
  private readonly bookmarks: Bookmark[] = [];
  private readonly activations = new Map<string, number>();
  private done = false;
  private cancelled = false;
  droppedMarkers = 0;

  constructor(
    private readonly source: RecordingSource,
    private readonly engine: (clock: Clock) => Engine,
  ) {}

  view(): ReplayOverview {
    return { start: this.source.start, end: this.source.end, lines: structuredClone(this.lines), alarms: [...this.alarms], bookmarks: [...this.bookmarks], ...(this.done ? {} : { partial: true }) };
  }

  cancel(): void {
    this.cancelled = true;
  }

  /** Runs the pass; `yieldNow` lets the event loop in between slices. */
  async run(yieldNow: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<void> {
    const clock = new ManualClock(this.source.start);
    const engine = this.engine(clock);
    const feed = new EngineFeed(engine, clock, this.source.start);
    const lines = engine.plant.lines.map((l) => ({ spec: l, outputs: outputStations(l) }));
    for (const l of lines) this.lines[l.spec.id] = [];
    const sample = (t: number): void => {
      for (const l of lines) {
        const band = bandOf(l.spec, l.outputs, (id) => engine.state.station(id));
        const bands = this.lines[l.spec.id] ?? [];
        const last = bands[bands.length - 1];
        if (last && last.band === band) last.end = t;
        else {
          if (last) last.end = t;
          bands.push({ start: t, end: t, band });
        }
      }
      for (const a of engine.alarms.views()) {
        if (!a.active || this.activations.get(a.id) === a.activeSince) continue;
        this.activations.set(a.id, a.activeSince);
        if (this.alarms.length >= MAX_ALARM_MARKERS) this.droppedMarkers += 1;
        else this.alarms.push({ t: a.activeSince, id: a.id, priority: a.priority, station: a.station });
      }
    };
    let next = this.source.start;
    let slice = performance.now();
    for await (const batch of this.source.batches(this.source.start, this.source.end, true)) {
      if (this.cancelled) return;
      for (const item of batch) {
        while (next <= item.at) {
          feed.advanceTo(next);
          sample(next);
          next += SAMPLE_MS;
        }
        if (item.kind === 'bookmark' && this.bookmarks.length < MAX_BOOKMARKS) this.bookmarks.push(item.bookmark);
        feed.apply(item);
      }
      if (performance.now() - slice > SLICE_MS) {
        await yieldNow();
        slice = performance.now();
      }
    }
    feed.advanceTo(this.source.end);
    sample(this.source.end);
    this.alarms.sort((a, b) => a.t - b.t);
    this.done = true;
  }
}
