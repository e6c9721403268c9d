import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { McapTypes } from '@mcap/core';
import type { PlantFile } from '../shared/plant-schema';
import type { Bookmark, ReplayOverview, ReplayStatus } from '../shared/replay';
import type { Clock } from '../core/clock';
import { SparkplugDecoder } from '../core/decode/sparkplug-decoder';
import { Engine } from '../core/engine';
import { parsePlant, PlantFileError } from '../core/plant/load-plant';
import { BookmarkStore } from '../core/replay/bookmark-store';
import { exportRange } from '../core/replay/mcap-export';
import { RecordingError } from '../core/replay/mcap-segment';
import { OverviewBuilder } from '../core/replay/replay-overview';
import { ReplayPlayer } from '../core/replay/replay-player';
import { RecordingSource } from '../core/replay/recording-source';
import type { LossesView } from '../shared/losses';
import { ShiftLog } from '../core/losses/shift-log';
import { ShiftLossSource } from './shift-losses-service';

/** Where bookmarks added in replay are kept: beside the recording, never in it. */
const bookmarkFile = (path: string, isFile: boolean): string => (isFile ? `${path.replace(/\.mcap$/i, '')}.bookmarks.json` : join(path, 'bookmarks.json'));

/** The plant a recording carries; without one it cannot be shown. */
function recordedPlant(source: RecordingSource): PlantFile {
  const json = source.plantJson;
  if (!json) throw new RecordingError(`${source.path} carries no plant file (linetwin.plant metadata)`);
  try {
    return parsePlant(JSON.parse(json), `${source.path} (linetwin.plant)`);
  } catch (err) {
    if (err instanceof PlantFileError) throw new RecordingError(`the plant file in ${source.path} is not usable: ${err.message}`);
    throw new RecordingError(`the plant file in ${source.path} is not JSON`);
  }
}

/**
 * One open recording in the runtime: its player and engine (the recording's plant, on the
 * player's clock, no alarm journal), the overview pass, and the bookmarks added in replay.
 */
export class ReplaySession {
  readonly player: ReplayPlayer;
  private readonly overview: OverviewBuilder;
  /** The recording's state changes and counts, gathered by the overview pass: losses of any shift in it. */
  private readonly lossSource: ShiftLossSource;

  private constructor(
    readonly plant: PlantFile,
    private readonly source: RecordingSource,
    private readonly store: BookmarkStore,
  ) {
    this.player = new ReplayPlayer({ source, engine: this.engineFactory });
    this.lossSource = new ShiftLossSource(plant, new ShiftLog(plant, source.start));
    this.overview = new OverviewBuilder(source, (clock) => {
      const engine = this.engineFactory(clock);
      engine.onEvent((e) => this.lossSource.log.onEvent(e));
      return engine;
    });
  }

  static async open(path: string, decompress: McapTypes.DecompressHandlers): Promise<ReplaySession> {
    const source = await RecordingSource.open(path, decompress);
    const plant = recordedPlant(source);
    const isFile = source.segments === 1 && path.toLowerCase().endsWith('.mcap');
    const session = new ReplaySession(plant, source, await BookmarkStore.open(bookmarkFile(path, isFile)));
    await session.player.start();
    void session.overview.run().catch((err: Error) => session.player.notice(`overview not available: ${err.message.slice(0, 120)}`));
    return session;
  }

  /** A replay engine never journals: replay does not write to the live alarm journal. */
  private readonly engineFactory = (clock: Clock): Engine => new Engine({ plant: this.plant, clock, families: this.plant.sparkplug ? [new SparkplugDecoder(this.plant)] : [] });

  /** A line's losses of the shift at `at` (default: the replay position), over what the recording holds of it. */
  losses(line: string, at = this.player.position): LossesView {
    const shift = this.lossSource.shiftAt(at);
    return this.lossSource.view(line, shift, Math.min(shift.end, this.source.end));
  }

  status(): ReplayStatus {
    return this.player.status();
  }

  overviewView(): ReplayOverview {
    const view = this.overview.view();
    view.bookmarks = this.bookmarks(view.bookmarks);
    return view;
  }

  /** The recorded bookmarks (from the overview pass) and those added in replay, in time order. */
  bookmarks(recorded = this.overview.view().bookmarks): Bookmark[] {
    return [...recorded, ...this.store.bookmarks].sort((a, b) => a.at - b.at);
  }

  async addBookmark(note: string, at: number | undefined, by: string): Promise<Bookmark> {
    const b: Bookmark = { id: randomUUID(), at: at ?? this.player.position, note, by };
    await this.store.add(b);
    return b;
  }

  async exportRange(from: number, to: number, dir: string): Promise<{ path: string }> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${this.plant.id.replace(/[^A-Za-z0-9_-]/g, '_')}-${new Date(from).toISOString().replace(/[:.]/g, '')}-${Math.round((to - from) / 1000)}s.mcap`);
    await exportRange({ source: this.source, engine: this.engineFactory, from, to, path });
    return { path };
  }

  async close(): Promise<void> {
    this.overview.cancel();
    await this.player.stop();
  }
}
