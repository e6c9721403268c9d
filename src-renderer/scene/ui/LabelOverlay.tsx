import { useEffect, useMemo, useRef } from 'react';
import { Matrix4, Vector3 } from 'three';
import type { Lang } from '../../i18n/strings';
import { useT } from '../../i18n/use-t';
import { useTwinStore } from '../../store/twin-store';
import { ORDER, useSceneUpdate } from '../frame-loop';
import { INDICATOR_LIFT_PX, INDICATOR_PX } from '../Indicators';
import { declutter, LABEL_PRIORITY, type Placeable } from '../live/declutter';
import type { PlantModel, StationRuntime } from '../plant-model';
import { bannerAnchor } from '../plant-layout';
import { flyToLine, focusStation } from '../focus';
import { useSceneUi } from '../scene-ui';
import { abnormalStateOf, STATE_STYLE } from '../state-style';
import { formatRate, oeeFigure, stationKpi } from './format';
import { bannerForecast } from '../../forecast/forecast-store';

/** Every label's text is renewed once in this time, a slice of them each frame so no frame pays for all. */
const TEXT_REFRESH_S = 0.5;
const DECLUTTER = { pad: 3, farPriority: 3, farDepth: 110 };

type Item = Placeable & {
  el: HTMLElement | null;
  anchor: Vector3;
  kind: 'station' | 'banner' | 'indicator' | 'hud';
  st?: StationRuntime;
  lineId?: string;
  drawn: string;
  /** What the layout last saw of this item: a change in either means placing all labels again. */
  laidW: number;
  laidIndicator: string;
};

/** What the last layout was computed for; a frame that matches it in everything skips the layout. */
interface LayoutKey {
  view: Matrix4;
  projection: Matrix4;
  width: number;
  height: number;
  selected: string | undefined;
}

const v = new Vector3();

/**
 * Every label of the scene in one HTML layer: positioned from projected coordinates in the scene
 * loop with direct style writes (no React render per frame), decluttered by priority (line
 * banners, then stations in trouble, then the rest) and distance.
 */
export function LabelOverlay({ model }: { model: PlantModel }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const overlay = useRef<HTMLDivElement>(null);
  const items = useMemo<Item[]>(() => {
    const base = { x: 0, y: 0, w: 0, h: 0, depth: 0, candidate: false, visible: false, el: null, drawn: '', laidW: -1, laidIndicator: '' };
    // The HUD (presets, search, shortcut hint) holds its corner: no label is laid over it.
    const out: Item[] = [{ ...base, kind: 'hud', priority: LABEL_PRIORITY.hud, anchor: new Vector3() }];
    for (const line of model.plant.lines) {
      const a = bannerAnchor(line);
      out.push({ ...base, kind: 'banner', priority: LABEL_PRIORITY.banner, lift: 3, lineId: line.id, anchor: new Vector3(a.x, a.y, a.z) });
    }
    for (const st of model.stations) out.push({ ...base, kind: 'station', priority: LABEL_PRIORITY.station, st, anchor: st.anchor });
    // Indicators are drawn in WebGL but still claim their screen space, so no label covers one.
    for (const st of model.stations) out.push({ ...base, kind: 'indicator', priority: LABEL_PRIORITY.indicator, st, anchor: st.anchor, w: INDICATOR_PX, h: INDICATOR_PX });
    return out;
  }, [model]);
  useEffect(() => {
    const hud = items[0] as Item;
    const host = overlay.current;
    const el = host?.parentElement?.querySelector<HTMLElement>('.scene-hud');
    if (!el || !host) return;
    // Read on resize only: measuring in the frame loop would force a layout every frame.
    const observer = new ResizeObserver(() => {
      const a = el.getBoundingClientRect();
      const b = host.getBoundingClientRect();
      Object.assign(hud, { x: a.left - b.left, y: a.top - b.top, w: a.width, h: a.height, candidate: a.width > 0 });
    });
    observer.observe(el);
    observer.observe(host);
    return () => observer.disconnect();
    // The overlay is a new element in another language (its key), and the HUD's texts change width.
  }, [items, lang]);
  const scratch = useRef<Placeable[]>([]);
  const textCursor = useRef({ next: 0, budget: Infinity });
  const laid = useRef<LayoutKey>({ view: new Matrix4(), projection: new Matrix4(), width: 0, height: 0, selected: undefined });

  useSceneUpdate(ORDER.labels, (dt, { camera, size }) => {
    const cursor = textCursor.current;
    cursor.budget = Math.min(items.length, cursor.budget + (items.length * dt) / TEXT_REFRESH_S);
    const count = Math.floor(cursor.budget);
    if (count > 0) {
      cursor.budget -= count;
      cursor.next = refreshTexts(items, cursor.next, count, model, t, lang);
    }
    const selected = useSceneUi.getState().selected;
    // Labels stay where they are while the camera, the view size, the selection and every label's width and state do.
    const key = laid.current;
    let changed = !key.view.equals(camera.matrixWorldInverse) || !key.projection.equals(camera.projectionMatrix) || key.width !== size.width || key.height !== size.height || key.selected !== selected;
    for (const it of items) {
      const state = it.st?.indicator.kind ?? '';
      if (it.laidW !== it.w || it.laidIndicator !== state) {
        it.laidW = it.w;
        it.laidIndicator = state;
        changed = true;
      }
    }
    if (!changed) return;
    key.view.copy(camera.matrixWorldInverse);
    key.projection.copy(camera.projectionMatrix);
    key.width = size.width;
    key.height = size.height;
    key.selected = selected;
    for (const it of items) {
      if (it.kind === 'hud') continue;
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
        // A line at the edge of the view keeps its banner whole on screen.
        it.x = Math.min(Math.max(sx - it.w / 2, DECLUTTER.pad), size.width - it.w - DECLUTTER.pad);
        it.y = sy - it.h / 2;
      } else {
        const st = it.st as StationRuntime;
        it.priority = st.spec.id === selected ? LABEL_PRIORITY.selected : st.indicator.kind !== 'none' ? LABEL_PRIORITY.attention : LABEL_PRIORITY.station;
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
    // A new element (another language) has no position yet: the next frame lays out again.
    it.laidW = -1;
  };
  return (
    <div className="scene-overlay" data-testid="scene-labels" key={lang} ref={overlay}>
      {items.map((it) => {
        if (it.kind === 'banner') {
          const line = model.plant.lines.find((l) => l.id === it.lineId);
          return (
            <div key={`b:${it.lineId}`} ref={bind(it)} className="line-banner" data-line={it.lineId} onClick={() => it.lineId && flyToLine(it.lineId)}>
              <strong>{line?.name[lang]}</strong> <span className="banner-kpi" />
            </div>
          );
        }
        if (it.kind === 'station' && it.st) {
          return (
            <div key={`s:${it.st.spec.id}`} ref={bind(it)} className="station-label" data-station={it.st.spec.id} onClick={() => it.st && focusStation(it.st.spec.id)}>
              <span className="station-name">{it.st.spec.name[lang]}</span>
              <span className="station-state" /> <span className="station-rate" />
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
/**
 * Widths are sums of cached per-character widths: a new rate value then costs no text measuring
 * and no cache key, and, digits being equally wide, moves no label (no new layout). Kerning is
 * ignored; it only narrows text, so the reserved box is never too small.
 */
const charWidths = new Map<string, Map<number, number>>();
function textWidth(text: string, font: string): number {
  if (!measure) return text.length * 7;
  let table = charWidths.get(font);
  if (!table) {
    table = new Map();
    charWidths.set(font, table);
  }
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let cw = table.get(code);
    if (cw === undefined) {
      const css = `${font} ${FONT_FAMILY}`;
      // Assigning a font re-parses it even when unchanged.
      if (measure.font !== css) measure.font = css;
      cw = measure.measureText(text.charAt(i)).width;
      table.set(code, cw);
    }
    w += cw;
  }
  return w;
}
const STATION_FONT = '11px';
const STATE_FONT = 'bold 11px';
/** Margin, padding and border of the state word's chip in scene.css, px. */
const STATE_BOX_PX = 19;
const BANNER_FONT = 'bold 15px';
/** Padding and border of the label boxes in scene.css, px. */
const STATION_BOX = { padX: 10, h: 16 };
const BANNER_BOX = { padX: 21, h: 24 };

/** The state word on a station's label (缺料 / Starved): states are told in words, alarms by shape and number. */
function writeStateWord(el: HTMLElement, state: keyof typeof STATE_STYLE | '', t: ReturnType<typeof useT>): void {
  el.dataset.state = state;
  const chip = el.querySelector<HTMLElement>('.station-state');
  if (!chip) return;
  chip.textContent = state ? t(`state.${state}`) : '';
  if (state) chip.style.setProperty('--state-color', STATE_STYLE[state].color);
}

/** Renews the text of `count` items from `from` on (wrapping round); returns where the next call starts. */
function refreshTexts(items: Item[], from: number, count: number, model: PlantModel, t: ReturnType<typeof useT>, lang: Lang): number {
  const { lines } = useTwinStore.getState();
  let i = from;
  for (let k = 0; k < count; k++, i = (i + 1) % items.length) {
    const it = items[i] as Item;
    const span = it.el?.lastElementChild;
    if (!it.el || !span) continue;
    let text: string;
    let width: number;
    if (it.kind === 'station' && it.st) {
      text = `${formatRate(stationKpi(lines, it.st.spec.id)?.throughputPerHour)}${t('scene.perHour')}`;
      const kind = it.st.indicator.kind;
      const abnormal = abnormalStateOf(it.st.indicator) ?? '';
      const wordChanged = it.el.dataset.state !== abnormal;
      if (it.el.dataset.indicator !== kind) it.el.dataset.indicator = kind;
      if (wordChanged) writeStateWord(it.el, abnormal, t);
      if (span.textContent === text && it.w && !wordChanged) continue;
      const word = abnormal ? textWidth(t(`state.${abnormal}`), STATE_FONT) + STATE_BOX_PX : 0;
      width = textWidth(`${it.st.spec.name[lang]} `, STATION_FONT) + word + textWidth(text, STATION_FONT) + STATION_BOX.padX;
      it.h = STATION_BOX.h;
    } else if (it.kind === 'banner' && it.lineId) {
      const line = model.plant.lines.find((l) => l.id === it.lineId);
      const lv = lines[it.lineId];
      const target = line?.shiftTargetUnits;
      text = lv ? `${formatRate(lv.throughputPerHour)}${t('scene.perHour')} · ${t('oee')} ${oeeFigure(lv, t('kpi.dq.short'))} · ${t('scene.output')} ${lv.good}${target ? ` / ${target}` : ''}${bannerForecast(it.lineId, t)}` : '';
      if (span.textContent === text && it.w) continue;
      width = textWidth(`${line?.name[lang] ?? ''} `, BANNER_FONT) + textWidth(text, BANNER_FONT) + BANNER_BOX.padX;
      it.h = BANNER_BOX.h;
    } else continue;
    span.textContent = text;
    it.w = Math.ceil(width);
  }
  return i;
}
