import type { BridgeMethod } from '../shared/bridge';
import type { PlantFile } from '../shared/plant-schema';
import { TEST_VERDICTS, type ItemVerdict, type VerdictQuery } from '../shared/trace';
import { MAX_ITEM_ID_CHARS } from '../core/decode/item-event';
import type { TraceStore } from '../core/trace/trace-store';

export const TRACE_METHODS = ['traceItem', 'traceLot', 'traceStation', 'traceSearch', 'traceQuality', 'traceVerdicts'] as const satisfies readonly BridgeMethod[];
export type TraceMethod = (typeof TRACE_METHODS)[number];

export const isTraceMethod = (m: BridgeMethod): m is TraceMethod => (TRACE_METHODS as readonly string[]).includes(m);

/** A trace request refused: bad parameters (400), or no genealogy store / nothing with that id (404). */
export class TraceRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
  }
}

const VERDICTS: readonly string[] = [...TEST_VERDICTS, 'scrap'];

function text(params: unknown, key: string, method: string, max = MAX_ITEM_ID_CHARS): string {
  const v = (params as Record<string, unknown> | null)?.[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw new TraceRequestError(`${method} needs {${key}: string of 1 to ${max} characters}`, 400);
  return v;
}

function time(params: unknown, key: string, method: string): number {
  const v = (params as Record<string, unknown> | null)?.[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new TraceRequestError(`${method} needs {${key}: ms since the epoch}`, 400);
  return v;
}

function range(params: unknown, method: string): { from: number; to: number } {
  const from = time(params, 'from', method);
  const to = time(params, 'to', method);
  if (to < from) throw new TraceRequestError(`${method} needs from <= to`, 400);
  return { from, to };
}

/** The traceability bridge methods, params checked here; every one only reads. */
export async function traceRequest(store: TraceStore | undefined, plant: PlantFile, method: TraceMethod, params: unknown): Promise<unknown> {
  if (!store) throw new TraceRequestError('no genealogy store runs here (it needs a data folder or --trace-db)', 404);
  const q = store.queries;
  switch (method) {
    case 'traceItem':
      return (await q.itemCard(text(params, 'id', method))) ?? null;
    case 'traceLot':
      return (await q.lotView(text(params, 'id', method))) ?? null;
    case 'traceSearch':
      return q.search(text(params, 'prefix', method));
    case 'traceStation': {
      const station = text(params, 'station', method);
      if (!plant.lines.some((l) => l.stations.some((s) => s.id === station))) throw new TraceRequestError(`no station ${station.slice(0, 60)} in the plant`, 404);
      const { from, to } = range(params, method);
      const limit = (params as { limit?: unknown }).limit;
      if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) throw new TraceRequestError('traceStation: limit is a whole number above 0', 400);
      return q.stationItems(station, from, to, limit);
    }
    case 'traceQuality': {
      const { from, to } = range(params, method);
      const summary = await q.quality(plant, text(params, 'line', method), from, to);
      if (!summary) throw new TraceRequestError('traceQuality needs {line} of the plant', 404);
      return summary;
    }
    case 'traceVerdicts': {
      const p = (params ?? {}) as Record<string, unknown>;
      const query: VerdictQuery = range(params, method);
      if (p.verdict !== undefined) {
        if (typeof p.verdict !== 'string' || !VERDICTS.includes(p.verdict)) throw new TraceRequestError(`verdict is one of ${VERDICTS.join(', ')}`, 400);
        query.verdict = p.verdict as ItemVerdict;
      }
      if (p.reason !== undefined) query.reason = text(params, 'reason', method, 200);
      if (p.line !== undefined) query.line = text(params, 'line', method);
      return q.itemsByVerdict(query);
    }
  }
}
