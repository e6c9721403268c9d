import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlantFile } from './plant-schema';
import { bankName } from './bank-name';

const tire = JSON.parse(readFileSync(join(__dirname, '../../assets/plants/tire-plant.json'), 'utf8')) as PlantFile;

describe('a bank as people name it', () => {
  it('names a bank of parallel machines by their common name and count, one machine by its own name', () => {
    expect(bankName('curing/curing-press', tire, 'zh')).toBe('硫化机 ×24');
    expect(bankName('curing/curing-press', tire, 'en')).toBe('Curing press ×24');
    const xray = tire.lines.flatMap((l) => l.stations).find((s) => s.id === 'XR-01');
    expect(bankName(`finishing/${xray?.type}`, tire, 'en')).toBe(xray?.name.en);
  });

  it('shows a key it cannot place as it is', () => {
    expect(bankName('nowhere/press', tire, 'zh')).toBe('nowhere/press');
    expect(bankName('no-slash', tire, 'en')).toBe('no-slash');
  });
});
