/**
 * LineTwin's own alarm messages in both languages. They live here rather than in the
 * renderer's strings because the engine needs them too: the journal and `/api/snapshot` keep
 * one stable English text beside the structured one (see `alarmTextString`).
 */
const MESSAGES = {
  fault: { zh: '设备故障', en: 'Equipment fault' },
  faultCause: { zh: '设备故障：{detail}', en: 'Equipment fault: {detail}' },
  commLost: { zh: '通信中断：{detail}', en: 'Communication lost: {detail}' },
  brokerLost: { zh: '消息代理连接中断', en: 'Broker connection lost' },
  noData: { zh: '无数据', en: 'no data' },
  nodeDeath: { zh: '边缘节点离线', en: 'edge node offline (NDEATH)' },
  deviceDeath: { zh: '设备离线', en: 'device offline (DDEATH)' },
} as const;

type Messages = typeof MESSAGES;
export type AlarmMessageKey = keyof Messages;
/** The messages that name what they are about: `{detail}` stands for it. */
export type AlarmDetailKey = { [K in AlarmMessageKey]: Messages[K]['en'] extends `${string}{detail}${string}` ? K : never }[AlarmMessageKey];

export type AlarmPlainKey = Exclude<AlarmMessageKey, AlarmDetailKey>;

export const ALARM_MESSAGE_KEYS = Object.keys(MESSAGES) as AlarmMessageKey[];

export const takesDetail = (key: AlarmMessageKey): key is AlarmDetailKey => MESSAGES[key].en.includes('{detail}');

/**
 * What an alarm says, kept structured so that each reader renders it in its own language and
 * nothing arrives half translated.
 */
export type AlarmText =
  /** One of LineTwin's own messages. */
  | { kind: 'message'; key: AlarmPlainKey }
  | { kind: 'message'; key: AlarmDetailKey; detail: AlarmText }
  /** Written in both languages in the plant file: limit rules, the machines' alarm ids. */
  | { kind: 'plant'; zh: string; en: string }
  /** A machine's own words that the plant file does not translate: shown as they came, marked. */
  | { kind: 'machine'; text: string };

export type AlarmTextLang = 'zh' | 'en';

/** A run of text; `machine` marks words that are the machine's, untranslated. */
export interface AlarmTextPart {
  text: string;
  machine?: true;
}

export function alarmTextParts(text: AlarmText, lang: AlarmTextLang): AlarmTextPart[] {
  switch (text.kind) {
    case 'plant':
      return [{ text: text[lang] }];
    case 'machine':
      return [{ text: text.text, machine: true }];
    case 'message': {
      const template: string = MESSAGES[text.key][lang];
      if (!('detail' in text)) return [{ text: template }];
      const at = template.indexOf('{detail}');
      const before = template.slice(0, at);
      const after = template.slice(at + '{detail}'.length);
      return [...(before ? [{ text: before }] : []), ...alarmTextParts(text.detail, lang), ...(after ? [{ text: after }] : [])];
    }
  }
}

/**
 * The text as one string. The engine keeps the English one as the alarm's stable `text` (the
 * journal, its CSV export and `/api/snapshot`): a record that does not change with whoever's UI
 * language exported it, in the language the machines write their own alarm texts in.
 */
export function alarmTextString(text: AlarmText, lang: AlarmTextLang): string {
  return alarmTextParts(text, lang)
    .map((p) => p.text)
    .join('');
}
