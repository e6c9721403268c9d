import { describe, expect, it } from 'vitest';
import { ALARM_MESSAGE_KEYS, alarmTextParts, alarmTextString, takesDetail, type AlarmText } from './alarm-text';

const LATIN = /[A-Za-z]/;
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const ownWords = (text: AlarmText, lang: 'zh' | 'en'): string =>
  alarmTextParts(text, lang)
    .filter((p) => !p.machine)
    .map((p) => p.text)
    .join('');

describe('alarm texts in the UI language', () => {
  it('every LineTwin message reads in one language: no Latin in Chinese, no Chinese in English', () => {
    for (const key of ALARM_MESSAGE_KEYS) {
      const text: AlarmText = takesDetail(key) ? { kind: 'message', key, detail: { kind: 'message', key: 'noData' } } : { kind: 'message', key };
      expect(ownWords(text, 'zh'), key).not.toMatch(LATIN);
      expect(ownWords(text, 'en'), key).not.toMatch(CJK);
      for (const lang of ['zh', 'en'] as const) expect(alarmTextString(text, lang), key).not.toMatch(/[{}]/);
    }
  });

  it('a fault explained by a machine alarm the plant file translates is all in the UI language', () => {
    const text: AlarmText = { kind: 'message', key: 'faultCause', detail: { kind: 'plant', zh: '主驱动过载跳闸', en: 'Main drive overload trip' } };
    expect(alarmTextString(text, 'zh')).toBe('设备故障：主驱动过载跳闸');
    expect(alarmTextString(text, 'en')).toBe('Equipment fault: Main drive overload trip');
    expect(alarmTextParts(text, 'zh').some((p) => p.machine)).toBe(false);
  });

  it('loss of data says why in the UI language', () => {
    const text: AlarmText = { kind: 'message', key: 'commLost', detail: { kind: 'message', key: 'noData' } };
    expect(alarmTextString(text, 'zh')).toBe('通信中断：无数据');
    expect(alarmTextString(text, 'en')).toBe('Communication lost: no data');
  });

  it('a machine’s untranslated words are kept as they came and marked as the machine’s, in both languages', () => {
    const text: AlarmText = { kind: 'message', key: 'faultCause', detail: { kind: 'machine', text: 'jam at infeed' } };
    expect(alarmTextParts(text, 'zh')).toEqual([{ text: '设备故障：' }, { text: 'jam at infeed', machine: true }]);
    expect(alarmTextParts(text, 'en')).toEqual([{ text: 'Equipment fault: ' }, { text: 'jam at infeed', machine: true }]);
    expect(alarmTextParts({ kind: 'machine', text: 'Servo axis 3' }, 'zh')).toEqual([{ text: 'Servo axis 3', machine: true }]);
  });
});
