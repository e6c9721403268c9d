import type { BottleneckPeriod, BottleneckView } from '../../shared/losses';
import type { BankTimeline } from './bank-timeline';

/**
 * A bank counts as active (Roser: not waiting) while none of its members waits for material or
 * space and at least one runs, is faulted or is in maintenance: a bank with room to spare has a
 * member waiting now and then, the one that sets the pace has none.
 */
const ACTIVE_CLASSES = new Set(['fault', 'maintenance']);
/** A bank that is the bottleneck for at least this share of the time makes the bottleneck a shifting one when another does too. */
const SIGNIFICANT_SHARE = 0.1;

interface Period {
  start: number;
  end: number;
}

function activePeriods(tl: BankTimeline): Period[] {
  const out: Period[] = [];
  for (const p of tl.pieces) {
    const active = p.running + p.down.filter((d) => ACTIVE_CLASSES.has(d.cls)).length;
    if (active === 0 || p.starved > 0 || p.blocked > 0) continue;
    const last = out[out.length - 1];
    if (last && last.end === p.start) last.end = p.end;
    else out.push({ start: p.start, end: p.end });
  }
  return out;
}

interface Slice {
  start: number;
  end: number;
  bank: number;
  period: Period;
  shifting: boolean;
}

/**
 * The active period method (Roser, Nakano and Tanaka 2001) on banks: at each moment the
 * bottleneck is the bank whose current active period is the longest; where its active period
 * overlaps the next (or previous) bottleneck's, the bottleneck is shifting between them.
 */
export function bottleneckBand(timelines: BankTimeline[], from: number, to: number): BottleneckView {
  const periods = timelines.map(activePeriods);
  const cuts = new Set<number>([from, to]);
  for (const ps of periods) for (const p of ps) cuts.add(p.start).add(p.end);
  const times = [...cuts].filter((t) => t >= from && t <= to).sort((a, b) => a - b);
  const idx = periods.map(() => 0);
  const slices: Slice[] = [];
  for (let i = 0; i < times.length - 1; i += 1) {
    const t = times[i] as number;
    const end = times[i + 1] as number;
    let best = -1;
    let bestPeriod: Period | undefined;
    periods.forEach((ps, b) => {
      let k = idx[b] as number;
      while (k < ps.length && (ps[k] as Period).end <= t) k += 1;
      idx[b] = k;
      const p = ps[k];
      if (!p || p.start > t) return;
      if (!bestPeriod || p.end - p.start > bestPeriod.end - bestPeriod.start) {
        best = b;
        bestPeriod = p;
      }
    });
    if (!bestPeriod) continue;
    const last = slices[slices.length - 1];
    if (last && last.bank === best && last.period === bestPeriod && last.end === t) last.end = end;
    else slices.push({ start: t, end, bank: best, period: bestPeriod, shifting: false });
  }
  // Split each change of bottleneck where the two active periods overlap: those slices are shifting.
  const marked: Slice[] = [];
  slices.forEach((s, i) => {
    const prev = slices[i - 1];
    const next = slices[i + 1];
    const headEnd = prev && prev.bank !== s.bank && prev.end === s.start ? Math.min(s.end, Math.max(s.start, prev.period.end)) : s.start;
    const tailStart = next && next.bank !== s.bank && next.start === s.end ? Math.max(headEnd, Math.min(s.end, next.period.start)) : s.end;
    const push = (start: number, end: number, shifting: boolean): void => {
      if (end > start) marked.push({ ...s, start, end, shifting });
    };
    push(s.start, headEnd, true);
    push(headEnd, tailStart, false);
    push(tailStart, s.end, true);
  });
  const band: BottleneckPeriod[] = [];
  const time = new Map<number, number>();
  for (const s of marked) {
    const tl = timelines[s.bank] as BankTimeline;
    time.set(s.bank, (time.get(s.bank) ?? 0) + (s.end - s.start));
    const last = band[band.length - 1];
    if (last && last.bank === tl.bank.key && last.shifting === s.shifting && last.end === s.start) last.end = s.end;
    else band.push({ start: s.start, end: s.end, bank: tl.bank.key, stations: tl.bank.stations.map((st) => st.id), shifting: s.shifting });
  }
  const total = to - from;
  let main: BottleneckView['main'] = null;
  let significant = 0;
  for (const [b, ms] of time) {
    const tl = timelines[b] as BankTimeline;
    const share = total > 0 ? ms / total : 0;
    if (share >= SIGNIFICANT_SHARE) significant += 1;
    if (!main || share > main.share) main = { bank: tl.bank.key, stations: tl.bank.stations.map((s) => s.id), share };
  }
  return { periods: band, main, shifting: significant > 1 };
}
