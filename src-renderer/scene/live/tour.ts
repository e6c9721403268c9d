export type TourStop = { kind: 'line'; lineId: string } | { kind: 'station'; stationId: string };

export const TOUR_LINE_DWELL_S = 8;
export const TOUR_STATION_DWELL_S = 6;
const MAX_STATION_STOPS_PER_LINE = 3;

/**
 * Exhibition tour: one line after another; after each line the camera stops at that line's
 * stations in trouble, as they are at that moment, most urgent first.
 */
export class Tour {
  private lineIndex = -1;
  private pending: string[] = [];

  constructor(private readonly lineIds: readonly string[]) {}

  next(troubledIn: (lineId: string) => string[]): TourStop | undefined {
    const station = this.pending.shift();
    if (station) return { kind: 'station', stationId: station };
    if (!this.lineIds.length) return undefined;
    this.lineIndex = (this.lineIndex + 1) % this.lineIds.length;
    const lineId = this.lineIds[this.lineIndex] as string;
    this.pending = troubledIn(lineId).slice(0, MAX_STATION_STOPS_PER_LINE);
    return { kind: 'line', lineId };
  }
}

export function dwellOf(stop: TourStop): number {
  return stop.kind === 'line' ? TOUR_LINE_DWELL_S : TOUR_STATION_DWELL_S;
}
