import type { MessageChannelMain as MessageChannelMainType, WebContents } from 'electron';
import { IPC_PORT_CHANNEL, type BridgeStream } from '../shared/bridge';
import type { FrameSink } from '../core/frame-publisher';

export interface StreamPort {
  sink: FrameSink;
  post(stream: BridgeStream, value: unknown): void;
  close(): void;
}

/** Hands the renderer one end of a MessagePort and streams frames and plant changes over it. */
export function openStreamPort(contents: WebContents, MessageChannelMain: typeof MessageChannelMainType): StreamPort {
  const { port1, port2 } = new MessageChannelMain();
  contents.postMessage(IPC_PORT_CHANNEL, null, [port2]);
  port1.start();
  let open = true;
  const post = (stream: BridgeStream, value: unknown): void => {
    if (open && !contents.isDestroyed()) port1.postMessage({ stream, value });
  };
  return {
    sink: { send: (frame) => post('frame', frame), ready: () => open && !contents.isDestroyed() },
    post,
    close: () => {
      open = false;
      port1.close();
    },
  };
}
