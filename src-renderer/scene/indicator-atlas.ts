import { CanvasTexture, SRGBColorSpace } from 'three';
import { PRIORITY_STYLE, type Priority } from './state-style';

export const ATLAS_COLUMNS = 4;
export const ATLAS_ROWS = 2;
const TILE = 128;

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

function tile(ctx: CanvasRenderingContext2D, index: number, shape: string, fill: string, text: string, textColor: string, textY = 0): void {
  ctx.save();
  ctx.translate((index % ATLAS_COLUMNS) * TILE, Math.floor(index / ATLAS_COLUMNS) * TILE);
  const c = TILE / 2;
  shapePath(ctx, shape, c, TILE * 0.44);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 7;
  ctx.strokeStyle = '#111417';
  ctx.stroke();
  ctx.fillStyle = textColor;
  ctx.font = `bold ${TILE * 0.5}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, c, c + TILE * 0.03 + textY);
  ctx.restore();
}

let atlas: CanvasTexture | undefined;

/**
 * Tiles 0–3: priorities 1–4 (shape, colour and number, DOMAIN.md); 4: stale (grey "?");
 * 5: offline (dark, "×"). Drawn once on a canvas: no image files to load.
 */
export function indicatorAtlas(): CanvasTexture {
  if (atlas) return atlas;
  const canvas = document.createElement('canvas');
  canvas.width = TILE * ATLAS_COLUMNS;
  canvas.height = TILE * ATLAS_ROWS;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    for (const p of [1, 2, 3, 4] as Priority[]) {
      const { shape, color } = PRIORITY_STYLE[p];
      tile(ctx, p - 1, shape, color, String(p), p === 1 || p === 4 ? '#ffffff' : '#111417', shape === 'triangle' ? TILE * 0.1 : 0);
    }
    tile(ctx, 4, 'circle', '#9aa0a6', '?', '#111417');
    tile(ctx, 5, 'circle', '#2b2f33', '×', '#d0d4d8');
  }
  atlas = new CanvasTexture(canvas);
  atlas.colorSpace = SRGBColorSpace;
  atlas.flipY = false;
  return atlas;
}
