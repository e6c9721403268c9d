import type { MessageChannelMain as MessageChannelMainType, WebContents } from 'electron';
import { IPC_PORT_CHANNEL, type BridgeStream } from '../shared/bridge';
import type { FrameSink } from '../core/frame-publisher';
import { readAckId, type PortStreamMessage } from './port-messages';

/**
 * Frames the renderer may have in flight before the port reports itself busy: about 130 ms at
 * 30 Hz, far more than an IPC round trip, and at most a few frames of memory when it stalls.
 */
export const MAX_UNACKED_FRAMES = 4;

export interface StreamPort {
  sink: FrameSink;
  post(stream: BridgeStream, value: unknown): void;
  close(): void;
}

/**
 * Hands the renderer one end of a MessagePort and streams frames and plant changes over it.
 * The renderer acknowledges each frame it has taken; with `maxUnacked` frames unanswered the
 * sink is not ready, so the FramePublisher holds back (counting each skipped frame) and sends
 * one full frame once the renderer catches up, instead of queueing frames without bound.
 */
export function openStreamPort(contents: WebContents, MessageChannelMain: typeof MessageChannelMainType, maxUnacked = MAX_UNACKED_FRAMES): StreamPort {
  const { port1, port2 } = new MessageChannelMain();
  contents.postMessage(IPC_PORT_CHANNEL, null, [port2]);
  let open = true;
  let sent = 0;
  let acked = 0;
  port1.on('message', (event) => {
    const ackId = readAckId(event.data);
    if (ackId !== undefined && ackId <= sent && ackId > acked) acked = ackId;
  });
  port1.start();
  const live = (): boolean => open && !contents.isDestroyed();
  const post = (message: PortStreamMessage): void => {
    if (live()) port1.postMessage(message);
  };
  return {
    sink: {
      send: (frame) => {
        if (!live()) return;
        sent += 1;
        post({ stream: 'frame', value: frame, ackId: sent });
      },
      ready: () => live() && sent - acked < maxUnacked,
    },
    post: (stream, value) => post({ stream, value }),
    close: () => {
      open = false;
      port1.close();
    },
  };
}
