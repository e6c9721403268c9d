export interface SearchEntry {
  id: string;
  zh: string;
  en: string;
}

const fold = (s: string): string => s.toLowerCase().replace(/[\s_\-·]+/g, '');

/** 0 best; undefined when the entry does not match at all. */
function score(e: SearchEntry, q: string): number | undefined {
  const id = fold(e.id);
  const zh = fold(e.zh);
  const en = fold(e.en);
  if (id === q) return 0;
  if (id.startsWith(q)) return 1;
  if (zh.startsWith(q) || en.startsWith(q) || e.en.toLowerCase().split(/\s+/).some((w) => fold(w).startsWith(q))) return 2;
  if (id.includes(q) || zh.includes(q) || en.includes(q)) return 3;
  return undefined;
}

/**
 * Stations whose id or Chinese or English name match the query: case, spaces and dashes are
 * ignored ("cp01" finds CP-01), best matches first, then in plant order. All of them unless a
 * `limit` is given: a list that silently stops at some count hides stations.
 */
export function searchStations<E extends SearchEntry>(entries: readonly E[], query: string, limit = Infinity): E[] {
  const q = fold(query.trim());
  if (!q) return [];
  const hits: Array<{ e: E; s: number; i: number }> = [];
  entries.forEach((e, i) => {
    const s = score(e, q);
    if (s !== undefined) hits.push({ e, s, i });
  });
  hits.sort((a, b) => a.s - b.s || a.i - b.i);
  return hits.slice(0, limit).map((h) => h.e);
}
