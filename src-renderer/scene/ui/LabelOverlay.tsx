import { useMemo, useRef } from 'react';
import { Vector3 } from 'three';
import type { Lang } from '../../i18n/strings';
import { useT } from '../../i18n/use-t';
import { useTwinStore } from '../../store/twin-store';
import { ORDER, useSceneUpdate } from '../frame-loop';
import { INDICATOR_LIFT_PX, INDICATOR_PX } from '../Indicators';
import { declutter, type Placeable } from '../live/declutter';
import type { PlantModel, StationRuntime } from '../plant-model';
import { lineRect } from '../plant-layout';
import { useSceneUi } from '../scene-ui';
import { formatRate, pct } from './format';

const TEXT_REFRESH_S = 0.5;
const BANNER_HEIGHT_M = 5;
const DECLUTTER = { pad: 3, farPriority: 3, farDepth: 110 };

type Item = Placeable & { el: HTMLElement | null; anchor: Vector3; kind: 'station' | 'banner' | 'indicator'; st?: StationRuntime; lineId?: string; drawn: string };

const v = new Vector3();

/**
 * Every label of the scene in one HTML layer: positioned from projected coordinates in the scene
 * loop with direct style writes (no React render per frame), decluttered by priority (line
 * banners, then stations in trouble, then the rest) and distance.
 */
export function LabelOverlay({ model }: { model: PlantModel }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const items = useMemo<Item[]>(() => {
    const base = { x: 0, y: 0, w: 0, h: 0, depth: 0, candidate: false, visible: false, el: null, drawn: '' };
    const out: Item[] = [];
    for (const line of model.plant.lines) {
      const r = lineRect(line);
      out.push({ ...base, kind: 'banner', priority: 0, lift: 3, lineId: line.id, anchor: new Vector3((r.minX + r.maxX) / 2, BANNER_HEIGHT_M, r.minZ) });
    }
    for (const st of model.stations) out.push({ ...base, kind: 'station', priority: 2, st, anchor: st.anchor });
    // Indicators are drawn in WebGL but still claim their screen space, so no label covers one.
    for (const st of model.stations) out.push({ ...base, kind: 'indicator', priority: -1, st, anchor: st.anchor, w: INDICATOR_PX, h: INDICATOR_PX });
    return out;
  }, [model]);
  const scratch = useRef<Placeable[]>([]);
  const textClock = useRef(TEXT_REFRESH_S);

  useSceneUpdate(ORDER.labels, (dt, { camera, size }) => {
    textClock.current += dt;
    const refreshText = textClock.current >= TEXT_REFRESH_S;
    if (refreshText) {
      textClock.current = 0;
      refreshTexts(items, model, t, lang);
    }
    const selected = useSceneUi.getState().selected;
    for (const it of items) {
      v.copy(it.anchor).project(camera);
      it.candidate = v.z > -1 && v.z < 1;
      const sx = ((v.x + 1) / 2) * size.width;
      const sy = ((1 - v.y) / 2) * size.height;
      it.depth = camera.position.distanceTo(it.anchor);
      if (it.kind === 'indicator') {
        it.candidate &&= it.st?.indicator.kind !== 'none';
        it.x = sx - it.w / 2;
        it.y = sy - INDICATOR_LIFT_PX - it.h / 2;
      } else if (it.kind === 'banner') {
        it.x = sx - it.w / 2;
        it.y = sy - it.h;
      } else {
        const st = it.st as StationRuntime;
        it.priority = st.spec.id === selected ? 0.5 : st.indicator.kind !== 'none' ? 1 : 2;
        it.x = sx - it.w / 2;
        it.y = sy + 2;
      }
    }
    declutter(items, { width: size.width, height: size.height, ...DECLUTTER }, scratch.current);
    for (const it of items) {
      if (!it.el) continue;
      const drawn = it.visible ? `translate(${Math.round(it.x)}px, ${Math.round(it.y)}px)` : '';
      if (drawn === it.drawn) continue;
      it.drawn = drawn;
      if (drawn) {
        it.el.style.transform = drawn;
        it.el.style.visibility = 'visible';
      } else it.el.style.visibility = 'hidden';
    }
  });

  const bind = (it: Item) => (el: HTMLElement | null) => {
    it.el = el;
    it.drawn = '';
  };
  return (
    <div className="scene-overlay" data-testid="scene-labels" key={lang}>
      {items.map((it) => {
        if (it.kind === 'banner') {
          const line = model.plant.lines.find((l) => l.id === it.lineId);
          return (
            <div key={`b:${it.lineId}`} ref={bind(it)} className="line-banner" data-line={it.lineId}>
              <strong>{line?.name[lang]}</strong> <span className="banner-kpi" />
            </div>
          );
        }
        if (it.kind === 'station' && it.st) {
          return (
            <div key={`s:${it.st.spec.id}`} ref={bind(it)} className="station-label" data-station={it.st.spec.id}>
              <span className="station-name">{it.st.spec.name[lang]}</span> <span className="station-rate" />
            </div>
          );
        }
        return null;
      })}
    </div>
  );
}

/** Label text widths from canvas metrics: reading DOM sizes would force a layout in the frame. */
const measure = document.createElement('canvas').getContext('2d');
const FONT_FAMILY = getComputedStyle(document.documentElement).fontFamily || 'sans-serif';
/** Names never change and rates take few distinct values: widths are cached (bounded). */
const widths = new Map<string, number>();
function textWidth(text: string, font: string): number {
  const key = `${font}|${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    if (!measure) return text.length * 7;
    const css = `${font} ${FONT_FAMILY}`;
    // Assigning a font re-parses it even when unchanged.
    if (measure.font !== css) measure.font = css;
    w = measure.measureText(text).width;
    if (widths.size > 4000) widths.clear();
    widths.set(key, w);
  }
  return w;
}
const STATION_FONT = '11px';
const BANNER_FONT = 'bold 13px';
/** Padding and border of the label boxes in scene.css, px. */
const STATION_BOX = { padX: 10, h: 16 };
const BANNER_BOX = { padX: 21, h: 22 };

function refreshTexts(items: Item[], model: PlantModel, t: ReturnType<typeof useT>, lang: Lang): void {
  const { stations, lines } = useTwinStore.getState();
  const now = model.clockNow(stations);
  for (const it of items) {
    const span = it.el?.lastElementChild;
    if (!it.el || !span) continue;
    let text: string;
    let width: number;
    if (it.kind === 'station' && it.st) {
      text = `${formatRate(it.st.rate.perHour(now))}${t('scene.perHour')}`;
      const state = it.st.indicator.kind;
      if (it.el.dataset.indicator !== state) it.el.dataset.indicator = state;
      if (span.textContent === text && it.w) continue;
      width = textWidth(`${it.st.spec.name[lang]} `, STATION_FONT) + textWidth(text, STATION_FONT) + STATION_BOX.padX;
      it.h = STATION_BOX.h;
    } else if (it.kind === 'banner' && it.lineId) {
      const line = model.plant.lines.find((l) => l.id === it.lineId);
      const lv = lines[it.lineId];
      const target = line?.shiftTargetUnits;
      text = lv ? `${t('oee')} ${pct(lv.oee.value)} · ${t('scene.output')} ${lv.good}${target ? ` / ${target}` : ''}` : '';
      if (span.textContent === text && it.w) continue;
      width = textWidth(`${line?.name[lang] ?? ''} `, BANNER_FONT) + textWidth(text, BANNER_FONT) + BANNER_BOX.padX;
      it.h = BANNER_BOX.h;
    } else continue;
    span.textContent = text;
    it.w = Math.ceil(width);
  }
}
