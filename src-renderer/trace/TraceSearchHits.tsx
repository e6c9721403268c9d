import type { TraceSearchHit } from '../../src-main/shared/trace';
import { useT } from '../i18n/use-t';
import { useTwinStore } from '../store/twin-store';
import { kindLabel } from './trace-format';
import { useTraceUi } from './trace-ui';

export const openHit = (h: TraceSearchHit): void => void (h.isLot ? useTraceUi.getState().openLot(h.id) : useTraceUi.getState().openItem(h.id));

/** Items and lots among the search results, below the stations. */
export function TraceSearchHits({ hits, onPick }: { hits: TraceSearchHit[]; onPick: () => void }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  if (hits.length === 0) return null;
  return (
    <>
      <li className="search-count">{t('trace.searchItems')}</li>
      {hits.map((h) => (
        <li key={h.id} data-testid="trace-hit" data-id={h.id} data-lot={h.isLot}>
          <button
            type="button"
            onClick={() => {
              onPick();
              openHit(h);
            }}
          >
            <b>{h.id}</b>
            <span className="trace-hit-kind">{h.kind ? kindLabel(lang, h.kind) : h.isLot ? t('trace.lot') : t('trace.item')}</span>
          </button>
        </li>
      ))}
    </>
  );
}
