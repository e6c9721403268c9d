import { CanvasTexture, SRGBColorSpace } from 'three';
import { ABNORMAL_STATES, OFFLINE_TILE, PRIORITY_STYLE, type Priority, STALE_TILE, STATE_STYLE, type StatePattern, stateTile } from './state-style';

export const ATLAS_COLUMNS = 4;
export const ATLAS_ROWS = 3;
/** Side of one tile, px. */
export const TILE = 128;
const OUTLINE = '#111417';

function shapePath(ctx: CanvasRenderingContext2D, shape: string, c: number, r: number): void {
  ctx.beginPath();
  if (shape === 'square') ctx.rect(c - r * 0.82, c - r * 0.82, r * 1.64, r * 1.64);
  else if (shape === 'triangle') {
    ctx.moveTo(c, c - r);
    ctx.lineTo(c + r, c + r * 0.8);
    ctx.lineTo(c - r, c + r * 0.8);
    ctx.closePath();
  } else if (shape === 'diamond') {
    ctx.moveTo(c, c - r);
    ctx.lineTo(c + r, c);
    ctx.lineTo(c, c + r);
    ctx.lineTo(c - r, c);
    ctx.closePath();
  } else ctx.arc(c, c, r * 0.9, 0, Math.PI * 2);
}

/** A filled shape with a centred text: alarm priorities (shape + number), stale "?" and offline "×". */
function badge(ctx: CanvasRenderingContext2D, shape: string, fill: string, text: string, textColor: string, textY = 0): void {
  const c = TILE / 2;
  shapePath(ctx, shape, c, TILE * 0.44);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 7;
  ctx.strokeStyle = OUTLINE;
  ctx.stroke();
  ctx.fillStyle = textColor;
  ctx.font = `bold ${TILE * 0.5}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, c, c + TILE * 0.03 + textY);
}

/**
 * A machine state: a hollow ring, never a filled shape and never a number, so that it cannot be
 * taken for an alarm. The pattern inside tells the states apart without their colour.
 */
function stateRing(ctx: CanvasRenderingContext2D, color: string, pattern: StatePattern): void {
  const c = TILE / 2;
  const r = TILE * 0.34;
  const ring = (radius: number, width: number, style: string, dash: number[] = []) => {
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.arc(c, c, radius, 0, Math.PI * 2);
    ctx.lineWidth = width;
    ctx.strokeStyle = style;
    ctx.stroke();
    ctx.setLineDash([]);
  };
  // A dark halo keeps the ring readable on light and dark floors alike.
  ring(r, 22, OUTLINE, pattern === 'dashed' ? [22, 12] : []);
  ring(r, 12, color, pattern === 'dashed' ? [22, 12] : []);
  ctx.lineCap = 'round';
  const stroke = (x0: number, y0: number, x1: number, y1: number) => {
    for (const [w, style] of [
      [18, OUTLINE],
      [9, color],
    ] as const) {
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.lineWidth = w;
      ctx.strokeStyle = style;
      ctx.stroke();
    }
  };
  if (pattern === 'bar') stroke(c - r * 0.55, c, c + r * 0.55, c);
  else if (pattern === 'double') ring(r * 0.45, 10, color);
  else if (pattern === 'hatched') for (const k of [-0.4, 0.4]) stroke(c + r * (k - 0.25), c + r * 0.45, c + r * (k + 0.25), c - r * 0.45);
}

/** Draws atlas tile `index` into a TILE×TILE square at the context's origin. */
export function paintIndicatorTile(ctx: CanvasRenderingContext2D, index: number): void {
  if (index >= 0 && index < 4) {
    const p = (index + 1) as Priority;
    const { shape, color } = PRIORITY_STYLE[p];
    badge(ctx, shape, color, String(p), p === 1 || p === 4 ? '#ffffff' : OUTLINE, shape === 'triangle' ? TILE * 0.1 : 0);
  } else if (index === STALE_TILE) badge(ctx, 'circle', '#9aa0a6', '?', OUTLINE);
  else if (index === OFFLINE_TILE) badge(ctx, 'circle', '#2b2f33', '×', '#d0d4d8');
  else {
    const state = ABNORMAL_STATES.find((s) => stateTile(s) === index);
    if (state) stateRing(ctx, STATE_STYLE[state].color, STATE_STYLE[state].pattern);
  }
}

let atlas: CanvasTexture | undefined;

/** Every indicator tile (state-style.ts numbers them) on one canvas, drawn once: no image files to load. */
export function indicatorAtlas(): CanvasTexture {
  if (atlas) return atlas;
  const canvas = document.createElement('canvas');
  canvas.width = TILE * ATLAS_COLUMNS;
  canvas.height = TILE * ATLAS_ROWS;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    for (let i = 0; i < ATLAS_COLUMNS * ATLAS_ROWS; i++) {
      ctx.save();
      ctx.translate((i % ATLAS_COLUMNS) * TILE, Math.floor(i / ATLAS_COLUMNS) * TILE);
      paintIndicatorTile(ctx, i);
      ctx.restore();
    }
  }
  atlas = new CanvasTexture(canvas);
  atlas.colorSpace = SRGBColorSpace;
  atlas.flipY = false;
  return atlas;
}
