import { decodeSparkplugPayload } from './sparkplug-codec';

/** A metric as the monitoring host reads it: sparkplug-payload's `UMetric`, or the wire reader's plainer one. */
export interface SparkplugMetric {
  name?: string | null;
  /** A number, or a protobufjs Long from the full decoder (see `toNumber`). */
  alias?: unknown;
  value: unknown;
  isHistorical?: boolean | null;
  isNull?: boolean | null;
}

export interface SparkplugPayload {
  timestamp?: unknown;
  seq?: unknown;
  metrics?: SparkplugMetric[] | null;
}

/**
 * Thrown inside the wire reader when the bytes need the full decoder: anything unusual (unknown
 * or oddly typed fields, DataSet/Template/PropertySet values, metadata, non-ASCII strings,
 * lengths past their message). The full decoder then gives exactly what it always gave.
 */
const NEEDS_FULL_DECODER = new Error('sparkplug payload needs the full decoder');

const TWO_32 = 4294967296;
const MAX_ASCII_LOOP = 32;
const ascii = new TextDecoder('latin1');
const scratchBytes = new Uint8Array(8);
const scratch = new DataView(scratchBytes.buffer);
const EMPTY = new Uint8Array(0);

let buf: Uint8Array = EMPTY;
let pos = 0;
/** The two halves of the last 64-bit varint read. */
let lo = 0;
let hi = 0;

function uint32(end: number): number {
  let v = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (pos >= end) throw NEEDS_FULL_DECODER;
    const b = buf[pos++] as number;
    v |= (b & 127) << shift;
    if (b < 128) return v >>> 0;
  }
  throw NEEDS_FULL_DECODER;
}

/** Reads a 64-bit varint into `lo`/`hi` as protobufjs' LongBits would hold it. */
function uint64(end: number): void {
  lo = 0;
  hi = 0;
  for (let i = 0; i < 10; i += 1) {
    if (pos >= end) throw NEEDS_FULL_DECODER;
    const b = buf[pos++] as number;
    const bits = b & 127;
    if (i < 4) lo |= bits << (i * 7);
    else if (i === 4) {
      lo |= bits << 28;
      hi |= bits >> 4;
    } else hi |= bits << (i * 7 - 32);
    if (b < 128) return;
  }
  throw NEEDS_FULL_DECODER;
}

const unsigned64 = (): number => (hi >>> 0) * TWO_32 + (lo >>> 0);

function string(end: number): string {
  const len = uint32(end);
  const stop = pos + len;
  if (stop > end) throw NEEDS_FULL_DECODER;
  // protobufjs decodes invalid UTF-8 differently for Buffers and Uint8Arrays; ASCII reads alike everywhere.
  for (let i = pos; i < stop; i += 1) if ((buf[i] as number) >= 128) throw NEEDS_FULL_DECODER;
  let s: string;
  if (len <= MAX_ASCII_LOOP) {
    s = '';
    for (let i = pos; i < stop; i += 1) s += String.fromCharCode(buf[i] as number);
  } else s = ascii.decode(buf.subarray(pos, stop));
  pos = stop;
  return s;
}

function skipBytes(end: number): void {
  const len = uint32(end);
  if (pos + len > end) throw NEEDS_FULL_DECODER;
  pos += len;
}

/** Copies a little-endian fixed-width value into `scratch`. */
function fixed(size: number, end: number): void {
  if (pos + size > end) throw NEEDS_FULL_DECODER;
  for (let i = 0; i < size; i += 1) scratchBytes[i] = buf[pos++] as number;
}

function metric(end: number): SparkplugMetric {
  let name: string | undefined;
  let alias: number | undefined;
  let datatype = 0;
  let isHistorical: boolean | undefined;
  let isNull = false;
  let intValue: number | null = null;
  let hasLong = false;
  let longLo = 0;
  let longHi = 0;
  let floatValue: number | null = null;
  let doubleValue: number | null = null;
  let booleanValue: boolean | null = null;
  let stringValue: string | null = null;
  while (pos < end) {
    const tag = uint32(end);
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        if (wire !== 2) throw NEEDS_FULL_DECODER;
        name = string(end);
        break;
      case 2:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        uint64(end);
        alias = unsigned64();
        break;
      case 3:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        uint64(end);
        break;
      case 4:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        datatype = uint32(end);
        break;
      case 5:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        isHistorical = uint32(end) !== 0;
        break;
      case 6:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        uint32(end);
        break;
      case 7:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        isNull = uint32(end) !== 0;
        break;
      case 10:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        intValue = uint32(end);
        break;
      case 11:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        uint64(end);
        hasLong = true;
        longLo = lo;
        longHi = hi;
        break;
      case 12:
        if (wire !== 5) throw NEEDS_FULL_DECODER;
        fixed(4, end);
        floatValue = scratch.getFloat32(0, true);
        break;
      case 13:
        if (wire !== 1) throw NEEDS_FULL_DECODER;
        fixed(8, end);
        doubleValue = scratch.getFloat64(0, true);
        break;
      case 14:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        booleanValue = uint32(end) !== 0;
        break;
      case 15:
        if (wire !== 2) throw NEEDS_FULL_DECODER;
        stringValue = string(end);
        break;
      default:
        throw NEEDS_FULL_DECODER;
    }
  }
  // As sparkplug-payload's getValue: the slot the datatype names, whatever else the metric carries.
  let value: unknown;
  switch (datatype) {
    case 1:
    case 2:
    case 3:
      value = intValue === null ? 0 : intValue | 0;
      break;
    case 4:
      value = hasLong ? (longHi | 0) * TWO_32 + (longLo >>> 0) : null;
      break;
    case 5:
    case 6:
      value = intValue;
      break;
    case 7:
      value = hasLong ? longLo >>> 0 : null;
      break;
    case 8:
    case 13:
      value = hasLong ? (longHi >>> 0) * TWO_32 + (longLo >>> 0) : null;
      break;
    case 9:
      value = floatValue;
      break;
    case 10:
      value = doubleValue;
      break;
    case 11:
      value = booleanValue;
      break;
    case 12:
    case 14:
    case 15:
      value = stringValue;
      break;
    default:
      if (datatype >= 16 && datatype <= 21) throw NEEDS_FULL_DECODER;
      value = null;
  }
  return { name, alias, value: isNull ? null : value, isHistorical };
}

function payload(bytes: Uint8Array): SparkplugPayload {
  buf = bytes;
  pos = 0;
  const end = bytes.length;
  const metrics: SparkplugMetric[] = [];
  const out: SparkplugPayload = { timestamp: undefined, seq: undefined, metrics };
  while (pos < end) {
    const tag = uint32(end);
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        uint64(end);
        out.timestamp = unsigned64();
        break;
      case 2: {
        if (wire !== 2) throw NEEDS_FULL_DECODER;
        const len = uint32(end);
        const stop = pos + len;
        if (stop > end) throw NEEDS_FULL_DECODER;
        metrics.push(metric(stop));
        break;
      }
      case 3:
        if (wire !== 0) throw NEEDS_FULL_DECODER;
        uint64(end);
        out.seq = unsigned64();
        break;
      case 4:
      case 5:
        if (wire !== 2) throw NEEDS_FULL_DECODER;
        skipBytes(end);
        break;
      default:
        throw NEEDS_FULL_DECODER;
    }
  }
  return out;
}

/**
 * The common case of a Sparkplug B payload read straight from the bytes, 64-bit values as
 * numbers (as `toNumber` would make them), with no protobufjs message or Long objects in
 * between; undefined for anything else (other fields or wire types, malformed bytes).
 */
export function readSparkplugFast(bytes: Uint8Array): SparkplugPayload | undefined {
  try {
    return payload(bytes);
  } catch (err) {
    if (err !== NEEDS_FULL_DECODER) throw err;
    return undefined;
  } finally {
    // Not kept alive by the reader between messages.
    buf = EMPTY;
  }
}

/**
 * A Sparkplug B payload with what a monitoring host reads of it: the fast reader where it
 * can, else sparkplug-payload, so both give the same values and the same failures.
 */
export function decodeSparkplugWire(bytes: Uint8Array): SparkplugPayload {
  return readSparkplugFast(bytes) ?? decodeSparkplugPayload(bytes);
}
