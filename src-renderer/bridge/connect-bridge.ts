import type { TwinBridge } from '../../src-main/shared/bridge';
import { WebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    twin?: TwinBridge;
  }
}

/**
 * The Electron preload's bridge when there is one, else the headless host's WebSocket. An
 * access token travels in the host's HttpOnly cookie, never in a URL.
 */
export function connectBridge(onHostConnection: (open: boolean) => void): TwinBridge {
  if (window.twin) return window.twin;
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}/ws`;
  return new WebSocketBridge(url, onHostConnection);
}
