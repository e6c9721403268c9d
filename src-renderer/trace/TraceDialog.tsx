import type { ReactElement } from 'react';
import type { ItemCard, LotView, TraceLink, TraceVisit } from '../../src-main/shared/trace';
import { useT } from '../i18n/use-t';
import { fill, formatDuration, formatMetric, metricLabel } from '../scene/ui/format';
import { useTwinStore } from '../store/twin-store';
import { kindLabel, lotCsv, outOfSpec, recallList } from './trace-format';
import { useTraceUi } from './trace-ui';
import './trace.css';
import { plantDateTime, usePlantTimeZone } from '../i18n/plant-time';


function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function LotButton({ id }: { id: string }) {
  return (
    <button type="button" className="trace-link" data-lot={id} onClick={() => void useTraceUi.getState().openLot(id)}>
      {id}
    </button>
  );
}

/** The lots in an item, as a tree: each lot with what it was made from, folded below the first level. */
function LotTree({ root, links }: { root: string; links: TraceLink[] }) {
  const children = new Map<string, string[]>();
  for (const l of links) children.set(l.item, [...(children.get(l.item) ?? []), l.part]);
  const branch = (id: string, seen: ReadonlySet<string>): ReactElement[] =>
    (children.get(id) ?? []).map((part) => {
      const below = seen.has(part) ? [] : branch(part, new Set([...seen, part]));
      return (
        <li key={part}>
          {below.length ? (
            <details>
              <summary>
                <LotButton id={part} />
              </summary>
              <ul>{below}</ul>
            </details>
          ) : (
            <LotButton id={part} />
          )}
        </li>
      );
    });
  return <ul className="trace-tree" data-testid="trace-lots">{branch(root, new Set([root]))}</ul>;
}

function Visit({ v, next }: { v: TraceVisit; next: TraceVisit | undefined }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const plant = useTwinStore((s) => s.plant);
  const outcome = v.outcome ?? 'open';
  const metrics = Object.entries(v.metrics);
  const end = v.leave ?? next?.enter;
  return (
    <li data-station={v.station} data-outcome={outcome}>
      <div className="trace-visit">
        <b>{v.station}</b>
        <span>{plantDateTime(v.enter, lang, timeZone)}</span>
        <span>{end !== undefined ? formatDuration(end - v.enter) : '—'}</span>
        <span className={`trace-outcome trace-outcome-${outcome}`}>{t(`trace.outcome.${outcome}`)}</span>
        {v.flags.includes('no-enter') && <span className="trace-flag">{t('trace.noEnter')}</span>}
      </div>
      {metrics.length > 0 && plant && (
        <table className="trace-values" data-testid="trace-visit-values">
          <tbody>
            {metrics.map(([name, s]) => {
              const label = metricLabel(plant, name, lang);
              const bad = outOfSpec(plant, v.station, name, s);
              return (
                <tr key={name} data-metric={name} data-out-of-spec={bad}>
                  <th title={name}>{label.name}</th>
                  <td>
                    {formatMetric(s.min)} / {formatMetric(s.mean)} / {formatMetric(s.max)}
                    {label.unit ? ` ${label.unit}` : ''}
                  </td>
                  <td>{bad ? <span className="trace-flag">{t('trace.outOfSpec')}</span> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </li>
  );
}

function ItemView({ card }: { card: ItemCard }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const { item } = card;
  return (
    <div data-testid="item-card" data-item={item.id}>
      <dl className="trace-facts">
        <dt>{t('trace.kind')}</dt>
        <dd>{kindLabel(lang, item.kind)}</dd>
        <dt>{t('trace.made')}</dt>
        <dd>{item.madeAt ? `${item.madeAt} · ${plantDateTime(item.madeTs ?? item.firstTs, lang, timeZone)}` : '—'}</dd>
        <dt>{t('trace.verdict')}</dt>
        <dd data-testid="item-verdict" data-verdict={item.verdict ?? 'open'}>
          {t(`trace.verdict.${item.verdict ?? 'open'}`)}
          {item.reason ? ` · ${item.reason}` : ''}
        </dd>
        {item.location && (
          <>
            <dt>{t('trace.location')}</dt>
            <dd>{item.location}</dd>
          </>
        )}
      </dl>
      {item.lost && <p className="trace-flag">{t('trace.lost')}</p>}
      {card.route.length > 0 && (
        <>
          <h4>{t('trace.route')}</h4>
          <ol className="trace-route" data-testid="trace-route">
            {card.route.map((v, i) => (
              <Visit key={`${v.station}-${v.enter}`} v={v} next={card.route[i + 1]} />
            ))}
          </ol>
        </>
      )}
      <h4>{t('trace.tests')}</h4>
      {card.tests.length ? (
        <table className="trace-tests" data-testid="trace-tests">
          <tbody>
            {card.tests.map((x) => (
              <tr key={`${x.station}-${x.ts}`} data-verdict={x.verdict}>
                <th>{x.station}</th>
                <td className={`trace-verdict-${x.verdict}`}>{t(`trace.verdict.${x.verdict}`)}</td>
                <td>{Object.entries(x.values).map(([k, v]) => `${k} ${v}`).join(' · ')}</td>
                <td>{x.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="trace-sub">{t('trace.noTests')}</p>
      )}
      <h4>{t('trace.lots')}</h4>
      {card.backward.length ? <LotTree root={item.id} links={card.backward} /> : <p className="trace-sub">{t('trace.noLots')}</p>}
      {card.parts.some((p) => p.flags.includes('consumed-before-produced')) && <p className="trace-flag">{t('trace.consumedEarly')}</p>}
      {card.usedIn.length > 0 && (
        <>
          <h4>{t('trace.usedIn')}</h4>
          <ul className="trace-tree">
            {card.usedIn.map((u) => (
              <li key={u.item}>
                <button type="button" className="trace-link" onClick={() => void useTraceUi.getState().openItem(u.item)}>
                  {u.item}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function LotPanel({ view }: { view: LotView }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const { lot } = view;
  return (
    <div data-testid="lot-view" data-lot={lot.id}>
      <dl className="trace-facts">
        <dt>{t('trace.kind')}</dt>
        <dd>{kindLabel(lang, lot.kind)}</dd>
        <dt>{t('trace.made')}</dt>
        <dd>{lot.madeAt ? `${lot.madeAt} · ${plantDateTime(lot.madeTs ?? lot.firstTs, lang, timeZone)}` : '—'}</dd>
      </dl>
      {view.parts.length > 0 && (
        <p>
          {t('trace.lots')}:{' '}
          {view.parts.map((p) => (
            <LotButton key={p.id} id={p.id} />
          ))}
        </p>
      )}
      <div className="trace-counts" data-testid="lot-verdicts">
        {(['pass', 'fail', 'rework', 'scrap', 'open'] as const).map((v) => (
          <span key={v} className={`trace-verdict-${v}`} data-verdict={v} data-count={view.verdicts[v]}>
            {t(`trace.verdict.${v}`)} {view.verdicts[v]}
          </span>
        ))}
      </div>
      <div className="trace-actions">
        <button type="button" data-testid="lot-export" onClick={() => download(`lot-${lot.id}.csv`, lotCsv(view))}>
          {t('trace.exportCsv')}
        </button>
        <button type="button" data-testid="lot-recall" onClick={() => download(`recall-${lot.id}.csv`, recallList(view))}>
          {t('trace.recall')}
        </button>
      </div>
      <h4>{t('trace.items')}</h4>
      {view.truncated && <p className="trace-flag">{fill(t('trace.truncated'), { n: String(view.items.length) })}</p>}
      <table className="trace-items" data-testid="lot-items">
        <tbody>
          {view.items.map((i) => (
            <tr key={i.id} data-item={i.id} data-routed={i.routed}>
              <td>
                <button type="button" className="trace-link" onClick={() => void (i.routed ? useTraceUi.getState().openItem(i.id) : useTraceUi.getState().openLot(i.id))}>
                  {i.id}
                </button>
              </td>
              <td>{kindLabel(lang, i.kind)}</td>
              <td className={`trace-verdict-${i.verdict ?? 'open'}`}>{i.routed ? t(`trace.verdict.${i.verdict ?? 'open'}`) : ''}</td>
              <td>{i.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The item card or lot view, over the 3D view; the route it shows is drawn in the scene. */
export function TraceDialog() {
  const t = useT();
  const open = useTraceUi((s) => s.open);
  const loading = useTraceUi((s) => s.loading);
  const error = useTraceUi((s) => s.error);
  if (!open && !loading && !error) return null;
  const close = () => useTraceUi.getState().close();
  const title = open ? `${t(open.kind === 'item' ? 'trace.item' : 'trace.lot')} ${open.id}` : t('trace.loading');
  const missing = open && (open.kind === 'item' ? !open.card : !open.lot);
  return (
    <section className="trace-dialog" data-testid="trace-dialog" aria-label={title}>
      <header>
        <strong>{title}</strong>
        <button type="button" onClick={close} title={t('trace.close')} aria-label={t('trace.close')}>
          ×
        </button>
      </header>
      <div className="trace-body">
        {error && <p className="trace-flag">{fill(t('trace.unavailable'), { error })}</p>}
        {loading && <p className="trace-sub">{t('trace.loading')}</p>}
        {missing && <p data-testid="trace-not-found">{fill(t('trace.notFound'), { id: open.id })}</p>}
        {open?.kind === 'item' && open.card && <ItemView card={open.card} />}
        {open?.kind === 'lot' && open.lot && <LotPanel view={open.lot} />}
      </div>
    </section>
  );
}
