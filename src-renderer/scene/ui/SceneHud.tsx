import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useTwinStore } from '../../store/twin-store';
import { flyToPreset, focusStation } from '../focus';
import { searchStations } from '../live/search';
import type { PlantModel } from '../plant-model';
import { useSceneUi } from '../scene-ui';
import { fill, typeName } from './format';
import { openHit, TraceSearchHits } from '../../trace/TraceSearchHits';
import { useTraceSearch } from '../../trace/use-trace-search';

/** Camera presets, station search, tour toggle and the keyboard shortcuts that drive them. */
export function SceneHud({ model }: { model: PlantModel }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const touring = useSceneUi((s) => s.touring);
  const legendOpen = useSceneUi((s) => s.legendOpen);
  const helpOpen = useSceneUi((s) => s.helpOpen);
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const entries = useMemo(() => model.stations.map((s) => ({ id: s.spec.id, zh: s.spec.name.zh, en: s.spec.name.en })), [model]);
  const hits = useMemo(() => searchStations(entries, query), [entries, query]);
  const traceHits = useTraceSearch(query);
  const lineName = (id: string) => model.plant.lines.find((l) => l.id === id)?.name[lang] ?? id;

  const pick = (id: string) => {
    setQuery('');
    search.current?.blur();
    focusStation(id);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ui = useSceneUi.getState();
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'Escape') {
        setQuery('');
        search.current?.blur();
        ui.setTouring(false);
        ui.setHelpOpen(false);
        ui.select(undefined);
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === 't' || e.key === 'T') {
        ui.setTouring(!ui.touring);
      } else if (e.key === 'l' || e.key === 'L') {
        ui.setLegendOpen(!ui.legendOpen);
      } else if (e.key === '?') {
        ui.setHelpOpen(!ui.helpOpen);
      } else if (/^[0-9]$/.test(e.key)) {
        const n = Number(e.key);
        const preset = n === 0 ? model.presets[0] : model.presets.filter((p) => p.kind === 'line')[n - 1];
        if (preset) {
          ui.setTouring(false);
          flyToPreset(preset);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model]);

  return (
    <div className="scene-hud">
      <select
        data-testid="view-select"
        value=""
        title={t('scene.view')}
        onChange={(e) => {
          const preset = model.presets.find((p) => p.id === e.target.value);
          if (preset) flyToPreset(preset);
        }}
      >
        <option value="" disabled>
          {t('scene.view')}
        </option>
        <option value="overview">0 · {t('scene.overview')}</option>
        <optgroup label={t('scene.lines')}>
          {model.presets.flatMap((p, i) =>
            p.kind === 'line' ? [<option key={p.id} value={p.id}>{`${i} · ${lineName(p.lineId)}`}</option>] : [],
          )}
        </optgroup>
        <optgroup label={t('scene.areas')}>
          {model.presets.flatMap((p) =>
            p.kind === 'area' ? [<option key={p.id} value={p.id}>{`${lineName(p.lineId)} · ${typeName(lang, p.stationType)}`}</option>] : [],
          )}
        </optgroup>
      </select>
      <button type="button" data-testid="tour-toggle" aria-pressed={touring} onClick={() => useSceneUi.getState().setTouring(!touring)}>
        {touring ? t('scene.tourStop') : t('scene.tour')}
      </button>
      <button type="button" data-testid="legend-toggle" aria-pressed={legendOpen} onClick={() => useSceneUi.getState().setLegendOpen(!legendOpen)}>
        {t('scene.legend')}
      </button>
      <button type="button" data-testid="help-toggle" aria-pressed={helpOpen} title={t('scene.helpTitle')} onClick={() => useSceneUi.getState().setHelpOpen(!helpOpen)}>
        ? {t('scene.help')}
      </button>
      <div className="scene-search">
        <input
          ref={search}
          data-testid="station-search"
          type="search"
          placeholder={t('scene.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            if (hits[0]) pick(hits[0].id);
            else if (traceHits[0]) {
              openHit(traceHits[0]);
              setQuery('');
            }
          }}
        />
        {query.trim() ? (
          <ul className="search-results" data-testid="search-results">
            {hits.length > 1 && <li className="search-count" data-testid="search-count">{fill(t('scene.matches'), { n: String(hits.length) })}</li>}
            <TraceSearchHits hits={traceHits} onPick={() => setQuery('')} />
            {hits.length || traceHits.length ? (
              hits.map((h) => (
                <li key={h.id}>
                  <button type="button" onClick={() => pick(h.id)}>
                    <b>{h.id}</b> {lang === 'zh' ? h.zh : h.en}
                  </button>
                </li>
              ))
            ) : (
              <li className="search-empty">{t('scene.noMatch')}</li>
            )}
          </ul>
        ) : null}
      </div>
      <span className="scene-keys">{t('scene.keys')}</span>
    </div>
  );
}
