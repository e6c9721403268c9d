import { useT } from '../i18n/use-t';
import { usePanelTick, useTwinStore } from '../store/twin-store';

const pct = (v: number): string => `${Math.round(v * 100)}%`;

/** Per line: output rate and OEE with its three factors. */
export function LineSummary() {
  usePanelTick();
  const t = useT();
  const { plant, lines, lang } = useTwinStore.getState();
  if (!plant) return null;
  return (
    <aside className="line-summary" data-testid="line-summary">
      {plant.lines.map((line) => {
        const v = lines[line.id];
        return (
          <div key={line.id} className="line-card" data-line={line.id}>
            <strong>{line.name[lang]}</strong>
            <span>
              {v?.throughputPerHour ?? 0} {t('throughput')}
            </span>
            <span title={v ? `A ${pct(v.oee.availability)} · P ${pct(v.oee.performance)} · Q ${pct(v.oee.quality)}` : ''}>
              {t('oee')} {v ? pct(v.oee.value) : '—'}
            </span>
          </div>
        );
      })}
    </aside>
  );
}
