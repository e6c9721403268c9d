import { type CSSProperties, useEffect, useRef } from 'react';
import { PriorityIcon } from '../../alarms/PriorityIcon';
import type { StringKey } from '../../i18n/strings';
import { useT } from '../../i18n/use-t';
import { paintIndicatorTile, TILE } from '../indicator-atlas';
import { useSceneUi } from '../scene-ui';
import { ABNORMAL_STATES, NORMAL_GREY, OFFLINE_TILE, type Priority, STALE_TILE, STATE_STYLE, stateTile } from '../state-style';
import { fill } from './format';

/** One tile of the scene's indicator atlas, drawn by the same code as the 3D view's. */
function IndicatorTile({ tile }: { tile: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) paintIndicatorTile(ctx, tile);
  }, [tile]);
  return <canvas ref={canvas} className="legend-mark" width={TILE} height={TILE} aria-hidden="true" />;
}

const PRIORITIES: Priority[] = [1, 2, 3, 4];

/** What the colours and marks of the scene mean, built from the style tables the scene draws with. */
export function LegendBody() {
  const t = useT();
  return (
    <div className="legend-body">
      <h4>{t('legend.alarms')}</h4>
      <ul>
        {PRIORITIES.map((p) => (
          <li key={p} data-legend="alarm" data-priority={p}>
            <PriorityIcon priority={p} title={fill(t('legend.priority'), { n: String(p) })} />
            {fill(t('legend.priority'), { n: String(p) })}
          </li>
        ))}
      </ul>
      <h4>{t('legend.states')}</h4>
      <ul>
        {ABNORMAL_STATES.map((s) => (
          <li key={s} data-legend="state" data-state={s} data-pattern={STATE_STYLE[s].pattern}>
            <IndicatorTile tile={stateTile(s)} />
            <span className="legend-state-word" style={{ '--state-color': STATE_STYLE[s].color } as CSSProperties}>
              {t(`state.${s}` as StringKey)}
            </span>
          </li>
        ))}
        <li data-legend="normal">
          <span className="legend-swatch" style={{ background: NORMAL_GREY }} />
          {t('legend.normal')}
        </li>
      </ul>
      <h4>{t('legend.data')}</h4>
      <ul>
        <li data-legend="stale">
          <IndicatorTile tile={STALE_TILE} />
          {t('legend.stale')}
        </li>
        <li data-legend="offline">
          <IndicatorTile tile={OFFLINE_TILE} />
          {t('legend.offline')}
        </li>
        <li data-legend="struck">
          <span className="station-label legend-sample" data-indicator="stale">
            {t('stale')}
          </span>
          {t('legend.struck')}
        </li>
      </ul>
    </div>
  );
}

/** The legend over the 3D view, toggled from the HUD (or L). */
export function LegendPanel() {
  const t = useT();
  const open = useSceneUi((s) => s.legendOpen);
  if (!open) return null;
  return (
    <section className="scene-legend" data-testid="scene-legend" aria-label={t('scene.legend')}>
      <header>
        <strong>{t('scene.legend')}</strong>
        <button type="button" aria-label={t('scene.close')} title={t('scene.close')} onClick={() => useSceneUi.getState().setLegendOpen(false)}>
          ×
        </button>
      </header>
      <LegendBody />
    </section>
  );
}

const KEYS: Array<[string, StringKey]> = [
  ['/', 'key.find'],
  ['0', 'key.hall'],
  ['1–9', 'key.lines'],
  ['T', 'key.tour'],
  ['L', 'key.legend'],
  ['?', 'key.help'],
  ['Esc', 'key.close'],
];

/** Keys, mouse and the legend in one overlay (the HUD's "?" button or the ? key). */
export function HelpOverlay() {
  const t = useT();
  const open = useSceneUi((s) => s.helpOpen);
  if (!open) return null;
  return (
    <div className="scene-help" data-testid="scene-help" role="dialog" aria-label={t('scene.helpTitle')}>
      <header>
        <strong>{t('scene.helpTitle')}</strong>
        <button type="button" aria-label={t('scene.close')} title={t('scene.close')} onClick={() => useSceneUi.getState().setHelpOpen(false)}>
          ×
        </button>
      </header>
      <div className="scene-help-columns">
        <section>
          <h4>{t('legend.keys')}</h4>
          <table>
            <tbody>
              {KEYS.map(([key, what]) => (
                <tr key={key}>
                  <th>
                    <kbd>{key}</kbd>
                  </th>
                  <td>{t(what)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t('key.click')}</p>
        </section>
        <section data-testid="help-legend">
          <LegendBody />
        </section>
      </div>
    </div>
  );
}
