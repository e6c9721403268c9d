import type { ReplaySpeed, ReplayStatus } from '../../shared/replay';
import { ManualClock, SystemClock, type Clock } from '../clock';
import type { Engine, EngineKeyframe } from '../engine';
import type { Player } from '../player';
import { EngineFeed } from './engine-feed';
import type { RecordedItem } from './recorded-item';
import type { RecordingSource } from './recording-source';

/** How often playback moves on (wall time); at 'max' it goes on as soon as the event loop is free. */
const PUMP_MS = 40;
/** CPU time one playback step may take before it yields to frames and requests. */
const STEP_BUDGET_MS = 30;
/** Notices kept for the status: the first ones say what matters. */
const MAX_NOTICES = 20;

export interface ReplayPlayerOptions {
  source: RecordingSource;
  /** Makes the replay engine on the player's clock (the runtime: the recording's plant, no journal). */
  engine: (clock: Clock) => Engine;
  /** Wall time that playback speeds are measured against; tests pass a fake one. */
  wall?: Clock;
  /** False: playback moves only when `pump` is called (tests). */
  autoPump?: boolean;
}

/**
 * A recording behind the `Player` interface: the player owns the engine's clock, and play,
 * pause, seek, speed, step and loop all move that clock. A seek restores the recorded keyframe
 * nearest before the target (or the engine as it started) and replays the records up to the
 * target as fast as it can, so the state after a seek equals the state after playing there.
 */
export class ReplayPlayer implements Player {
  readonly kind = 'replay' as const;
  readonly clock: ManualClock;
  readonly engine: Engine;
  private readonly source: RecordingSource;
  private readonly wall: Clock;
  private readonly autoPump: boolean;
  /** The engine as it was at the recording's start: where a seek with no keyframe before it begins. */
  private readonly initial: EngineKeyframe;
  private feed: EngineFeed;
  private iter: AsyncGenerator<RecordedItem[]> | undefined;
  /** The batch being applied, and how far. */
  private batch: RecordedItem[] = [];
  private next = 0;
  private speed: ReplaySpeed = 1;
  private playing = false;
  private loop: { from: number; to: number } | undefined;
  private buffering = false;
  private lastWall = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** The player's own notices; the recording's come from its source. */
  private readonly notices: string[] = [];
  /** Every operation runs after the one before: a seek never interleaves with a playback step. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(opts: ReplayPlayerOptions) {
    this.source = opts.source;
    this.wall = opts.wall ?? new SystemClock();
    this.autoPump = opts.autoPump ?? true;
    this.clock = new ManualClock(opts.source.start);
    this.engine = opts.engine(this.clock);
    this.initial = this.engine.keyframe();
    this.feed = new EngineFeed(this.engine, this.clock, opts.source.start);
    this.relabelSource();
  }

  get from(): number {
    return this.source.start;
  }

  get to(): number {
    return this.source.end;
  }

  get position(): number {
    return this.feed.position;
  }

  status(): ReplayStatus {
    return {
      path: this.source.path,
      plantId: this.engine.plant.id,
      start: this.from,
      end: this.to,
      position: this.position,
      speed: this.speed,
      playing: this.playing,
      ...(this.loop ? { loop: { ...this.loop } } : {}),
      buffering: this.buffering,
      notices: [...this.source.notices, ...this.notices].slice(0, MAX_NOTICES),
    };
  }

  /** Goes to the recording's start (from its keyframe there, when it has one); playback waits for `play`. */
  async start(): Promise<void> {
    await this.run(() => this.seekNow(this.from, true));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.playing = false;
    this.cancelTimer();
    await this.run(async () => {
      await this.iter?.return(undefined);
      this.iter = undefined;
    });
  }

  play(speed?: ReplaySpeed): Promise<ReplayStatus> {
    return this.run(async () => {
      if (speed !== undefined) this.speed = speed;
      if (this.position >= this.to && !this.loop) await this.seekNow(this.from);
      this.playing = true;
      this.lastWall = this.wall.now();
      this.schedule();
      return this.status();
    });
  }

  pause(): Promise<ReplayStatus> {
    return this.run(async () => {
      this.playing = false;
      this.buffering = false;
      this.cancelTimer();
      return this.status();
    });
  }

  seek(t: number): Promise<ReplayStatus> {
    return this.run(async () => {
      await this.seekNow(t);
      this.lastWall = this.wall.now();
      return this.status();
    });
  }

  /** Forward by `ms` of recording time, paused. */
  step(ms: number): Promise<ReplayStatus> {
    return this.run(async () => {
      this.playing = false;
      this.cancelTimer();
      await this.runTo(Math.min(this.to, this.position + Math.max(0, ms)), Infinity);
      return this.status();
    });
  }

  /** Plays `from`..`to` over and over; undefined ends the loop. */
  setLoop(range: { from: number; to: number } | undefined): Promise<ReplayStatus> {
    return this.run(async () => {
      this.loop = range && { from: Math.max(this.from, Math.min(range.from, range.to)), to: Math.min(this.to, Math.max(range.from, range.to)) };
      if (this.loop && (this.position < this.loop.from || this.position > this.loop.to)) await this.seekNow(this.loop.from);
      return this.status();
    });
  }

  /**
   * One playback step: recording time moves by the wall time since the last step times the
   * speed (at 'max', as far as the step's CPU budget goes). Behind its target the player says
   * it is buffering and catches up on the next steps.
   */
  pump(): Promise<void> {
    return this.run(async () => {
      if (!this.playing || this.stopped) return;
      const wallNow = this.wall.now();
      const elapsed = Math.max(0, wallNow - this.lastWall);
      this.lastWall = wallNow;
      const stopAt = this.loop?.to ?? this.to;
      const target = this.speed === 'max' ? stopAt : Math.min(stopAt, this.position + elapsed * this.speed);
      const reached = await this.runTo(target, STEP_BUDGET_MS);
      this.buffering = !reached && this.speed !== 'max';
      if (reached && target >= stopAt) {
        if (this.loop) await this.seekNow(this.loop.from);
        else this.playing = false;
      }
    });
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.chain.then(op, op);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private schedule(): void {
    if (!this.autoPump || this.stopped || this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.pump().finally(() => {
          if (this.playing) this.schedule();
        });
      },
      this.speed === 'max' ? 0 : PUMP_MS,
    );
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** `reopen`: start over from a keyframe or the start even when carrying on would do. */
  private async seekNow(target: number, reopen = false): Promise<void> {
    const t = Math.max(this.from, Math.min(this.to, target));
    this.buffering = true;
    try {
      const kf = await this.source.keyframeAtOrBefore(t);
      // Forward with no keyframe after the position: carrying on is as exact and cheaper.
      const forward = !reopen && t >= this.position && (!kf || kf.at <= this.position);
      if (!forward) {
        if (kf && this.restore(kf.engine, kf.at)) this.openAt(kf.at, false);
        else {
          this.engine.restore(this.initial);
          this.feed = new EngineFeed(this.engine, this.clock, this.from);
          this.relabelSource();
          this.openAt(this.from, true);
        }
      }
      await this.runTo(t, Infinity);
    } finally {
      this.buffering = false;
    }
  }

  /** The engine from a recorded keyframe; false (and a notice) when the keyframe does not restore. */
  private restore(kf: unknown, at: number): boolean {
    try {
      this.engine.restore(kf);
    } catch (err) {
      this.engine.restore(this.initial);
      this.notice(`keyframe at ${new Date(at).toISOString()} not used: ${(err as Error).message}`);
      return false;
    }
    this.feed = new EngineFeed(this.engine, this.clock, at);
    this.relabelSource();
    return true;
  }

  /** Reads on from `at` (its records included when `inclusive`). */
  private openAt(at: number, inclusive: boolean): void {
    void this.iter?.return(undefined);
    this.iter = this.source.batches(at, Infinity, inclusive);
    this.batch = [];
    this.next = 0;
  }

  /** Applies every record up to `t`, within `budgetMs` of CPU time; true when it got there. */
  private async runTo(t: number, budgetMs: number): Promise<boolean> {
    const began = performance.now();
    let n = 0;
    for (;;) {
      if (this.next >= this.batch.length) {
        const read = this.iter ? await this.iter.next() : undefined;
        if (!read || read.done) {
          this.iter = undefined;
          this.feed.advanceTo(t);
          return true;
        }
        this.batch = read.value;
        this.next = 0;
      }
      const item = this.batch[this.next] as RecordedItem;
      if (item.at > t) {
        this.feed.advanceTo(t);
        return true;
      }
      this.feed.apply(item);
      this.next += 1;
      n += 1;
      if ((n & 255) === 0 && performance.now() - began > budgetMs) return false;
    }
  }

  /** The recording's source status says live or demo; the engine shows replay. */
  private relabelSource(): void {
    this.engine.setSource({ ...this.engine.health().source, kind: 'replay' });
  }

  /** Something the user should know about this replay (shown in its status). */
  notice(text: string): void {
    if (this.notices.length < MAX_NOTICES) this.notices.push(text);
  }
}
