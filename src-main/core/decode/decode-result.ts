import type { TelemetryEvent } from '../../shared/telemetry';

export type DecodeErrorReason =
  | 'too-large'
  | 'invalid-utf8'
  | 'invalid-json'
  | 'wrong-type'
  | 'bad-value'
  | 'unknown-station'
  | 'protobuf'
  | 'sparkplug-sequence';

export type DecodeResult = { ok: true; events: TelemetryEvent[] } | { ok: false; reason: DecodeErrorReason; detail?: string };

export const fail = (reason: DecodeErrorReason, detail?: string): DecodeResult => ({ ok: false, reason, detail });
export const decoded = (events: TelemetryEvent[]): DecodeResult => ({ ok: true, events });
