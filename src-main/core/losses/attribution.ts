import type { LossCategory } from '../../shared/losses';
import { pieceAt, recoveringFrom, type BankTimeline } from './bank-timeline';
import type { Bank } from './flow-graph';

/** A root cause's share of a symptom: `ms` of the symptom station's time charged to it. */
export interface Charge {
  station: string;
  line: string;
  category: LossCategory | 'slow';
  reason: string;
  /** When the cause's occurrence began: one occurrence per distinct start. */
  episode: number;
  ms: number;
  ambiguous: boolean;
}

export type Direction = 'up' | 'down';

interface Token {
  kind: 'down' | 'through' | 'after' | 'recovering' | 'slow';
  /** For `after`: when the neighbour's wait ended. */
  end?: number;
  timeline: BankTimeline;
  station: string;
  category: Charge['category'];
  reason: string;
  episode: number;
}

/**
 * Follows a starved (upstream) or blocked (downstream) stretch of a bank's station through the
 * flow graph to what caused it. Over each piece of time, the neighbouring banks on that side
 * are looked at: a member that was down is a cause; a bank itself starved (or blocked) passes
 * the question on, recursively; a bank running while the buffer is still recovering from one of
 * its stops is charged to that stop; a bank just running could not keep up and is charged as
 * slow. Causes at the same moment share the time equally and are flagged ambiguous.
 */
export class Attributor {
  private readonly lineOf = new Map<string, string>();
  private readonly waits = new Map<string, Charge[]>();

  constructor(private readonly timelines: Map<Bank, BankTimeline>) {
    for (const tl of timelines.values()) for (const s of tl.bank.stations) this.lineOf.set(s.id, tl.bank.line);
  }

  attribute(bank: Bank, dir: Direction, from: number, to: number, charge: (c: Charge) => void): void {
    this.walk(bank, dir, from, to, 1, false, new Set([bank]), charge, from);
  }

  /**
   * What a neighbour's wait over [from, to) is charged to, at full weight: worked out once per
   * wait, since every stretch recovering from it asks again (a long wait, many short symptoms).
   */
  private causesOfWait(bank: Bank, dir: Direction, from: number, to: number, path: Set<Bank>, symptom: number): Charge[] {
    const key = `${dir}|${bank.key}|${from}|${to}`;
    const cached = this.waits.get(key);
    if (cached) return cached;
    const merged = new Map<string, Charge>();
    path.add(bank);
    this.walk(bank, dir, from, to, 1, false, path, (c) => {
      const k = `${c.station}|${c.category}|${c.reason}|${c.episode}|${c.ambiguous}`;
      const m = merged.get(k);
      if (m) m.ms += c.ms;
      else merged.set(k, { ...c });
    }, symptom);
    path.delete(bank);
    const out = [...merged.values()];
    this.waits.set(key, out);
    return out;
  }

  /** `symptom`: when the symptom began; a slow neighbour is one occurrence per symptom. */
  private walk(bank: Bank, dir: Direction, from: number, to: number, weight: number, ambiguous: boolean, path: Set<Bank>, charge: (c: Charge) => void, symptom: number): void {
    const neighbours = (dir === 'up' ? bank.inputs.map((b) => b.from) : bank.outputs.map((b) => b.to))
      .filter((n) => !path.has(n))
      .map((n) => this.timelines.get(n))
      .filter((tl): tl is BankTimeline => tl !== undefined);
    const first = bank.stations[0];
    if (neighbours.length === 0) {
      // Nothing on that side to blame (the raw-material end of the plant): the symptom is its own cause.
      if (first) charge({ station: first.id, line: bank.line, category: dir === 'up' ? 'starved' : 'blocked', reason: '', episode: symptom, ms: (to - from) * weight, ambiguous });
      return;
    }
    const idx = neighbours.map((n) => pieceAt(n.pieces, from));
    let t = from;
    while (t < to) {
      let next = to;
      const tokens: Token[] = [];
      neighbours.forEach((n, k) => {
        let i = idx[k] as number;
        while (i < n.pieces.length - 1 && (n.pieces[i] as { end: number }).end <= t) i += 1;
        idx[k] = i;
        const p = n.pieces[i];
        if (!p) return;
        if (p.end < next) next = p.end;
        for (const d of p.down) tokens.push({ kind: 'down', timeline: n, station: d.station, category: d.cls, reason: d.reason, episode: d.since });
        if ((dir === 'up' ? p.starved : p.blocked) > 0) tokens.push({ kind: 'through', timeline: n, station: '', category: 'slow', reason: '', episode: t });
      });
      if (next <= t) next = to;
      if (tokens.length === 0) {
        for (const n of neighbours) {
          const rec = recoveringFrom(dir === 'up' ? n.upEpisodes : n.downEpisodes, t);
          // A bank of parallel machines that cannot keep up is slow as a whole, not its first member.
          const who = n.bank.stations.length === 1 ? (n.bank.stations[0]?.id ?? n.bank.key) : n.bank.key;
          if (!rec) tokens.push({ kind: 'slow', timeline: n, station: who, category: 'slow', reason: n.bank.type, episode: symptom });
          else if (rec.cls === 'starved' || rec.cls === 'blocked') tokens.push({ kind: 'after', timeline: n, station: rec.station, category: rec.cls, reason: '', episode: rec.since, end: rec.end });
          else tokens.push({ kind: 'recovering', timeline: n, station: rec.station, category: rec.cls, reason: rec.reason, episode: rec.since });
        }
      }
      const share = weight / tokens.length;
      const split = ambiguous || tokens.length > 1;
      for (const tok of tokens) {
        if (tok.kind === 'through') {
          path.add(tok.timeline.bank);
          this.walk(tok.timeline.bank, dir, t, next, share, split, path, charge, symptom);
          path.delete(tok.timeline.bank);
        } else if (tok.kind === 'after') {
          // Recovering from the neighbour's own wait: charged to what caused that wait, pro rata.
          const end = tok.end ?? tok.episode;
          const scale = (share * (next - t)) / Math.max(1, end - tok.episode);
          for (const c of this.causesOfWait(tok.timeline.bank, dir, tok.episode, end, path, symptom)) charge({ ...c, ms: c.ms * scale, ambiguous: c.ambiguous || split });
        } else {
          charge({ station: tok.station, line: this.lineOf.get(tok.station) ?? tok.timeline.bank.line, category: tok.category, reason: tok.reason, episode: tok.episode, ms: (next - t) * share, ambiguous: split });
        }
      }
      t = next;
    }
  }
}
