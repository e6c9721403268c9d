import { sparkplugDescriptorSet, SPARKPLUG_SCHEMA_NAME } from './sparkplug-descriptor';

/** What an MCAP channel and its schema say about one topic's messages. */
export interface ChannelSpec {
  messageEncoding: 'json' | 'protobuf';
  schema: { name: string; encoding: 'jsonschema' | 'protobuf'; data: Uint8Array };
}

import { ACTIONS_TOPIC, BOOKMARKS_TOPIC, KEYFRAMES_TOPIC, STATUS_TOPIC } from './recording-names';

export { ACTIONS_TOPIC, BOOKMARKS_TOPIC, KEYFRAMES_TOPIC, STATUS_TOPIC };

const ts = { type: 'number', description: 'ms since epoch' } as const;

/** JSON Schemas of the UNS topic kinds (DESIGN.md telemetry contract) and of the recorder's own channels. */
const JSON_SCHEMAS: Record<string, object> = {
  'linetwin.uns.state': {
    type: 'object',
    properties: { ts, state: { enum: ['RUNNING', 'IDLE', 'STARVED', 'BLOCKED', 'FAULT', 'MAINTENANCE', 'OFFLINE'] }, reason: { type: 'string' } },
    required: ['state'],
  },
  'linetwin.uns.metrics': { type: 'object', properties: { ts, values: { type: 'object', additionalProperties: { type: 'number' } } }, required: ['values'] },
  'linetwin.uns.count': { type: 'object', properties: { ts, good: { type: 'number' }, reject: { type: 'number' } } },
  'linetwin.uns.alarm': {
    type: 'object',
    properties: { ts, id: { type: 'string' }, active: { type: 'boolean' }, priority: { type: 'integer', minimum: 1, maximum: 4 }, text: { type: 'string' } },
    required: ['id', 'active'],
  },
  'linetwin.uns.item': {
    type: 'object',
    properties: { ts, item: { type: 'string' }, station: { type: 'string' }, event: { type: 'string' } },
    required: ['item', 'event'],
  },
  'linetwin.json': { type: 'object', description: 'a JSON payload as received (mapped or unknown topic)' },
  'linetwin.sparkplug.state': { type: 'object', properties: { online: { type: 'boolean' }, timestamp: ts } },
  'linetwin.status': {
    type: 'object',
    properties: { kind: { type: 'string' }, connected: { type: 'boolean' }, connection: { type: 'string' }, url: { type: 'string' }, lastError: { type: 'string' } },
    required: ['kind', 'connected', 'connection', 'url'],
  },
  'linetwin.action': {
    type: 'object',
    properties: { kind: { enum: ['ack', 'ackAll', 'shelve', 'unshelve', 'outOfService'] }, at: ts, by: { type: 'string' }, id: { type: 'string' } },
    required: ['kind', 'at', 'by'],
  },
  'linetwin.bookmark': {
    type: 'object',
    properties: { id: { type: 'string' }, at: ts, note: { type: 'string' }, by: { type: 'string' } },
    required: ['id', 'at', 'note', 'by'],
  },
  'linetwin.keyframe': { type: 'object', properties: { at: ts, engine: { type: 'object' } }, required: ['at', 'engine'] },
};

const encoder = new TextEncoder();
const specs = new Map<string, ChannelSpec>();

function jsonSpec(name: string): ChannelSpec {
  let spec = specs.get(name);
  if (!spec) {
    spec = { messageEncoding: 'json', schema: { name, encoding: 'jsonschema', data: encoder.encode(JSON.stringify(JSON_SCHEMAS[name])) } };
    specs.set(name, spec);
  }
  return spec;
}

const UNS_KIND = /\/(state|metrics|count|alarm|item)$/;

/** The channel a topic's messages are recorded on: Sparkplug as protobuf with its descriptor, the rest as JSON. */
export function channelSpecFor(topic: string): ChannelSpec {
  switch (topic) {
    case STATUS_TOPIC:
      return jsonSpec('linetwin.status');
    case ACTIONS_TOPIC:
      return jsonSpec('linetwin.action');
    case BOOKMARKS_TOPIC:
      return jsonSpec('linetwin.bookmark');
    case KEYFRAMES_TOPIC:
      return jsonSpec('linetwin.keyframe');
  }
  if (topic.startsWith('spBv1.0/')) {
    if (topic.startsWith('spBv1.0/STATE/')) return jsonSpec('linetwin.sparkplug.state');
    let spec = specs.get(SPARKPLUG_SCHEMA_NAME);
    if (!spec) {
      spec = { messageEncoding: 'protobuf', schema: { name: SPARKPLUG_SCHEMA_NAME, encoding: 'protobuf', data: sparkplugDescriptorSet() } };
      specs.set(SPARKPLUG_SCHEMA_NAME, spec);
    }
    return spec;
  }
  const kind = UNS_KIND.exec(topic)?.[1];
  return jsonSpec(kind ? `linetwin.uns.${kind}` : 'linetwin.json');
}

/**
 * The payload's own time (ms) when it says one: the JSON `ts` field, or a Sparkplug payload's
 * `timestamp` (field 1, which encoders put first). A cheap look at the first bytes: this runs on
 * every recorded message.
 */
export function payloadTime(topic: string, payload: Uint8Array): number | undefined {
  if (topic.startsWith('spBv1.0/') && !topic.startsWith('spBv1.0/STATE/')) return leadingVarintField1(payload);
  return jsonTs(payload);
}

function leadingVarintField1(p: Uint8Array): number | undefined {
  if (p[0] !== 0x08) return undefined;
  let value = 0;
  let scale = 1;
  for (let i = 1; i < Math.min(p.length, 11); i++) {
    const b = p[i] as number;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return value;
    scale *= 128;
  }
  return undefined;
}

const QUOTE = 0x22;
const T = 0x74;
const S = 0x73;
const SPACE = 0x20;
const COLON = 0x3a;
const COMMA = 0x2c;
const BRACE = 0x7d;
const DOT = 0x2e;
const ZERO = 0x30;
const MAX_NUMBER_CHARS = 24;
/** Where the `"ts"` key is looked for: UNS payloads start with it. */
const TS_SCAN_BYTES = 64;

const isDigit = (c: number): boolean => c >= ZERO && c <= ZERO + 9;

function jsonTs(p: Uint8Array): number | undefined {
  const end = Math.min(p.length - 4, TS_SCAN_BYTES);
  for (let i = 0; i < end; i++) {
    if (p[i] !== QUOTE || p[i + 1] !== T || p[i + 2] !== S || p[i + 3] !== QUOTE) continue;
    let j = i + 4;
    while (j < p.length && (p[j] === SPACE || p[j] === COLON)) j++;
    const from = j;
    let whole = 0;
    for (; j < p.length && j - from < MAX_NUMBER_CHARS && isDigit(p[j] as number); j++) whole = whole * 10 + ((p[j] as number) - ZERO);
    if (j === from) return undefined;
    let fraction = false;
    if (p[j] === DOT) {
      fraction = true;
      for (j++; j < p.length && j - from < MAX_NUMBER_CHARS && isDigit(p[j] as number); j++);
    }
    // Only a plain decimal, ended as JSON ends a value; anything else (an exponent, a string) is not read here.
    if (j < p.length && p[j] !== COMMA && p[j] !== BRACE && p[j] !== SPACE) return undefined;
    // A fraction is parsed as JSON parses it, to the same double.
    return fraction ? Number(latin1(p, from, j)) : whole;
  }
  return undefined;
}

function latin1(p: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) s += String.fromCharCode(p[k] as number);
  return s;
}
