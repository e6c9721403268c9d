import type { Bank } from './flow-graph';
import { DOWN_CLASSES, type ClassifiedInterval, type DownClass } from './station-time';

/** A member of a bank that was down over a piece, and since when (its occurrence). */
export interface DownMember {
  station: string;
  cls: DownClass;
  reason: string;
  since: number;
}

/** A stretch in which no member of the bank changed how its time counts. */
export interface BankPiece {
  start: number;
  end: number;
  down: DownMember[];
  starved: number;
  blocked: number;
  running: number;
}

/**
 * A member's stretch of being down, or starved or blocked, kept by its end to find what a buffer
 * is still recovering from.
 */
export interface Episode {
  station: string;
  cls: DownClass | 'starved' | 'blocked';
  reason: string;
  since: number;
  end: number;
}

export interface BankTimeline {
  bank: Bank;
  pieces: BankPiece[];
  /** Down or starved stretches (what a buffer downstream recovers from), by end. */
  upEpisodes: Episode[];
  /** Down or blocked stretches (what a buffer upstream recovers from), by end. */
  downEpisodes: Episode[];
}

/** Merges the members' classified time into pieces over [from, to) (each member's intervals cover it). */
export function bankTimeline(bank: Bank, members: Map<string, ClassifiedInterval[]>, from: number, to: number): BankTimeline {
  const lists = bank.stations.map((s) => ({ id: s.id, ivs: members.get(s.id) ?? [{ start: from, end: to, cls: 'no-data' as const, reason: '' }] }));
  const idx = lists.map(() => 0);
  const pieces: BankPiece[] = [];
  let t = from;
  while (t < to) {
    let next = to;
    const piece: BankPiece = { start: t, end: to, down: [], starved: 0, blocked: 0, running: 0 };
    lists.forEach((m, k) => {
      let i = idx[k] as number;
      while (i < m.ivs.length - 1 && (m.ivs[i] as ClassifiedInterval).end <= t) i += 1;
      idx[k] = i;
      const iv = m.ivs[i] as ClassifiedInterval;
      if (iv.end < next) next = iv.end;
      if (iv.cls === 'run') piece.running += 1;
      else if (iv.cls === 'starved') piece.starved += 1;
      else if (iv.cls === 'blocked') piece.blocked += 1;
      else if (isDown(iv.cls)) piece.down.push({ station: m.id, cls: iv.cls, reason: iv.reason, since: iv.start });
    });
    if (next <= t) next = to;
    piece.end = next;
    pieces.push(piece);
    t = next;
  }
  const upEpisodes: Episode[] = [];
  const downEpisodes: Episode[] = [];
  for (const m of lists) {
    for (const iv of m.ivs) {
      if (iv.cls === 'run') continue;
      const e: Episode = { station: m.id, cls: iv.cls, reason: iv.reason, since: iv.start, end: iv.end };
      if (iv.cls !== 'blocked') upEpisodes.push(e);
      if (iv.cls !== 'starved') downEpisodes.push(e);
    }
  }
  upEpisodes.sort((a, b) => a.end - b.end);
  downEpisodes.sort((a, b) => a.end - b.end);
  return { bank, pieces, upEpisodes, downEpisodes };
}

/** Index of the piece that holds `t` (the last one when t is at or past the end). */
export function pieceAt(pieces: BankPiece[], t: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pieces[mid] as BankPiece).start <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The stop a buffer may still be recovering from at `t`: the latest one of the bank to end at
 * or before `t` no longer ago than it lasted (refilling or draining takes about as long as the
 * stop did when the neighbours run at the same pace).
 */
export function recoveringFrom(episodes: Episode[], t: number): Episode | undefined {
  let lo = 0;
  let hi = episodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((episodes[mid] as Episode).end <= t) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i -= 1) {
    const e = episodes[i] as Episode;
    if (t - e.end < e.end - e.since) return e;
    if (t - e.end > 24 * 3_600_000) break;
  }
  return undefined;
}

function isDown(cls: ClassifiedInterval['cls']): cls is DownClass {
  return DOWN_CLASSES.has(cls);
}
