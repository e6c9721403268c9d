import type { BridgeStream } from '../shared/bridge';

/** Main → renderer on the stream port. A frame carries `ackId`, which the renderer sends back. */
export interface PortStreamMessage {
  stream: BridgeStream;
  value: unknown;
  ackId?: number;
}

/** Renderer → main: every frame up to and including `ackId` has been handed to the page. */
export interface PortAckMessage {
  ackId: number;
}

export function readAckId(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const ackId = (data as { ackId?: unknown }).ackId;
  return typeof ackId === 'number' && Number.isSafeInteger(ackId) && ackId > 0 ? ackId : undefined;
}
