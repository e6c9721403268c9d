import type { Frame } from '../shared/views';
import type { Engine } from './engine';

export const MAX_FRAME_HZ = 30;

/** A consumer of frames: a renderer over IPC or a browser over a WebSocket. */
export interface FrameSink {
  send(frame: Frame): void;
  /** False while the consumer's transport is still busy with earlier frames. */
  ready(): boolean;
}

interface SinkState {
  sink: FrameSink;
  needsFull: boolean;
}

/**
 * Sends one coalesced frame per tick (≤ 30 Hz), never one per MQTT message. A busy consumer
 * is skipped, the skip counted as a drop, and it gets a full frame when it is ready again,
 * so no buffer grows and no state is lost.
 */
export class FramePublisher {
  private readonly sinks = new Set<SinkState>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly hz = MAX_FRAME_HZ,
    /** False when the engine's time is driven by its owner (a replay player ticks it on recording time). */
    private readonly tickEngine = true,
  ) {}

  add(sink: FrameSink): () => void {
    const state: SinkState = { sink, needsFull: true };
    this.sinks.add(state);
    return () => this.sinks.delete(state);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), Math.ceil(1000 / Math.min(this.hz, MAX_FRAME_HZ)));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  tick(): void {
    if (this.tickEngine) this.engine.tick();
    const needDelta = [...this.sinks].some((s) => !s.needsFull);
    const delta = needDelta ? this.engine.nextFrame(false) : undefined;
    let full: Frame | undefined;
    for (const s of this.sinks) {
      if (!s.sink.ready()) {
        s.needsFull = true;
        this.engine.counters.dropped.add('frames-skipped');
        continue;
      }
      if (s.needsFull) {
        full ??= this.engine.nextFrame(true);
        s.needsFull = false;
        this.safeSend(s, full);
      } else if (delta) {
        this.safeSend(s, delta);
      }
    }
  }

  private safeSend(s: SinkState, frame: Frame): void {
    try {
      s.sink.send(frame);
    } catch {
      s.needsFull = true;
      this.engine.counters.dropped.add('frames-failed');
    }
  }
}
