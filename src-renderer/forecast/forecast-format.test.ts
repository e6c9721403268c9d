import { describe, expect, it } from 'vitest';
import type { LineForecast } from '../../src-main/shared/forecast';
import { translate } from '../i18n/strings';
import { assumptionText, forecastBasis, forecastPhrase, measuredErrorText, signedUnits } from './forecast-format';

const lf: LineForecast = { line: 'curing', soFar: 400, output: { mean: 842.4, p10: 815.2, p50: 843, p90: 866.1 }, target: 880, chanceOfTarget: 0.12 };

describe('forecast phrase', () => {
  it('says the forecast, its band, the target and the chance of reaching it, in both languages', () => {
    expect(forecastPhrase(lf, (k) => translate('en', k))).toBe('forecast 842 (815–866), target 880, 12 % chance');
    expect(forecastPhrase(lf, (k) => translate('zh', k))).toBe('预测 842（815–866），目标 880，达成概率 12 %');
    expect(forecastPhrase({ ...lf, target: undefined, chanceOfTarget: undefined }, (k) => translate('en', k))).toBe('forecast 842 (815–866)');
  });

  it('signs differences in units', () => {
    expect([signedUnits(12.4), signedUnits(-30), signedUnits(0.2)]).toEqual(['+12', '−30', '±0']);
  });
});

describe('measured error', () => {
  it('quotes the back-test at the hour of the shift the forecast was made in', () => {
    const view = {
      plantId: 'p',
      madeAt: 3.4 * 3_600_000,
      shiftStart: 0,
      horizonEnd: 8 * 3_600_000,
      replications: 30,
      lines: {},
      assumptions: [],
      computeMs: 1,
      measuredError: { recordingStart: 0, shiftId: 'C', lines: 5, replications: 30, byHour: [2, 3, 4].map((hour) => ({ hour, meanAbsError: hour, meanAbsErrorShare: hour / 100, inBandShare: 0.8 })) },
    };
    expect(measuredErrorText(view, (k) => translate('en', k), () => '29/11/2026')).toBe('Measured error (back-test on the recorded shift of 29/11/2026): ±3.0 % at hour 3; actual inside P10–P90 for 80 % of lines');
    expect(measuredErrorText({ ...view, measuredError: undefined }, (k) => translate('en', k), () => '')).toBe('Error not measured yet: no recorded whole shift of this plant');
  });
});

describe('forecast basis', () => {
  const view = { plantId: 'p', madeAt: 0, horizonEnd: 3_600_000, replications: 30, lines: {}, assumptions: [], computeMs: 1 };
  const time = (ms: number): string => (ms === 0 ? '06:00' : '07:00');

  it('adds the thin-data warning and the slowed forecast to the horizon and replications, in both languages', () => {
    expect(forecastBasis(view, (k) => translate('en', k), time)).toBe('06:00 → 07:00 (shift end), 30 replications, P10–P90');
    expect(forecastBasis({ ...view, thinData: 'mostly-stale', slowedForIngest: true }, (k) => translate('en', k), time)).toBe(
      '06:00 → 07:00 (shift end), 30 replications, P10–P90 · ⚠ many stations without data: treat with care · data is arriving faster than usual: the forecast is slowed so nothing is dropped, and refreshes later',
    );
    expect(forecastBasis({ ...view, slowedForIngest: true }, (k) => translate('zh', k), time)).toBe('06:00 → 07:00（班末），30 次重复仿真，P10–P90 · 数据到达量高于平常：预测已放慢以免丢数据，刷新会延后');
  });
});

describe('forecast assumptions', () => {
  it('read right in English for one as for many', () => {
    expect(assumptionText({ code: 'repairs-conditioned', count: 1 }, (k) => translate('en', k))).toBe('stops in course, time left drawn given how long they have lasted: 1');
    expect(assumptionText({ code: 'buffers-inferred', count: 11 }, (k) => translate('zh', k))).toBe('11 个缓存区未测量：按相邻工位状态推断');
  });
});
