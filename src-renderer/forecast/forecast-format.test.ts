import { describe, expect, it } from 'vitest';
import type { LineForecast } from '../../src-main/shared/forecast';
import { translate } from '../i18n/strings';
import { forecastPhrase, signedUnits } from './forecast-format';

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
