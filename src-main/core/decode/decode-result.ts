import type { TelemetryEvent } from '../../shared/telemetry';

export type DecodeErrorReason =
  | 'too-large'
  | 'invalid-utf8'
  | 'invalid-json'
  | 'wrong-type'
  | 'bad-value'
  | 'unknown-station'
  | 'protobuf'
  | 'sparkplug-sequence'
  | 'sparkplug-before-birth'
  | 'sparkplug-unknown-alias'
  | 'sparkplug-topic';

/**
 * `issues` lists problems inside a payload that still decoded in part (one bad metric among
 * good ones in a Sparkplug DATA message); each is counted like a failed payload.
 */
export type DecodeResult =
  | { ok: true; events: TelemetryEvent[]; issues?: DecodeErrorReason[] }
  | { ok: false; reason: DecodeErrorReason; detail?: string };

export const fail = (reason: DecodeErrorReason, detail?: string): DecodeResult => ({ ok: false, reason, detail });
export const decoded = (events: TelemetryEvent[], issues: DecodeErrorReason[] = []): DecodeResult =>
  issues.length > 0 ? { ok: true, events, issues } : { ok: true, events };
