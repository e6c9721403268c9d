import { useEffect, useState } from 'react';
import type { StationItems } from '../../src-main/shared/trace';
import { useT } from '../i18n/use-t';
import { useTwinStore } from '../store/twin-store';
import { traceBridge, useTraceUi } from './trace-ui';
import { plantClock, usePlantTimeZone } from '../i18n/plant-time';

const SHOWN = 8;
/** Far enough ahead for any clock, live or replayed: the newest stays are asked for, whatever the time. */
const UNTIL = 8.64e15;
const REFRESH_MS = 10_000;

/** The items through a station lately, newest first, each opening its card: the inspector's traceability. */
export function StationRecentItems({ station }: { station: string }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const [items, setItems] = useState<StationItems['visits'] | undefined>(undefined);
  useEffect(() => {
    const bridge = traceBridge.current;
    if (!bridge) return undefined;
    let live = true;
    const load = () => {
      bridge.request('traceStation', { station, from: 0, to: UNTIL, limit: SHOWN }).then(
        (r) => live && setItems(r.visits),
        () => live && setItems(undefined),
      );
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [station]);
  if (items === undefined) return null;
  return (
    <>
      <h4>{t('trace.recentItems')}</h4>
      {items.length ? (
        <ul className="inspector-items" data-testid="inspector-items">
          {items.map((v) => (
            <li key={`${v.item}-${v.enter}`} data-item={v.item}>
              <button type="button" className="trace-link" onClick={() => void useTraceUi.getState().openItem(v.item)}>
                {v.item}
              </button>
              <span className="trace-sub">{plantClock(v.enter, lang, timeZone)}</span>
              {v.verdict && <span className={`trace-verdict-${v.verdict}`}> {t(`trace.verdict.${v.verdict}`)}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="inspector-sub">{t('trace.noItems')}</p>
      )}
    </>
  );
}
