import { useT } from '../../i18n/use-t';
import { usePanelTick, useTwinStore } from '../../store/twin-store';
import type { PlantModel } from '../plant-model';
import { pointer } from '../pointer';
import { useSceneUi } from '../scene-ui';
import { formatRate, stationKpi, typeName } from './format';

/** Follows the pointer (moved directly by the pointer handler); content re-renders at the panel rate. */
export function Tooltip({ model }: { model: PlantModel }) {
  usePanelTick();
  const t = useT();
  const hovered = useSceneUi((s) => s.hovered);
  const st = hovered ? model.byId.get(hovered) : undefined;
  const { stations, lines, lang } = useTwinStore.getState();
  const view = st ? stations[st.spec.id] : undefined;
  return (
    <div
      className="scene-tooltip"
      data-testid="tooltip"
      ref={(el) => {
        pointer.tooltip = el ?? undefined;
      }}
      style={{ visibility: st ? 'visible' : 'hidden' }}
    >
      {st ? (
        <>
          <strong>{st.spec.name[lang]}</strong> · {st.spec.id}
          <br />
          {typeName(lang, st.spec.type)} · {view ? (view.stale ? t('stale') : t(`state.${view.state}`)) : t('inspector.noData')}
          <br />
          {formatRate(stationKpi(lines, st.spec.id)?.throughputPerHour)}
          {t('scene.perHour')}
        </>
      ) : null}
    </div>
  );
}
