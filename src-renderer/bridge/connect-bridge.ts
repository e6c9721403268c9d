import type { TwinBridge } from '../../src-main/shared/bridge';
import { WebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    twin?: TwinBridge;
  }
}

/** The Electron preload's bridge when there is one, else the headless host's WebSocket. */
export function connectBridge(onHostConnection: (open: boolean) => void): TwinBridge {
  if (window.twin) return window.twin;
  const token = new URLSearchParams(window.location.search).get('token');
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return new WebSocketBridge(url, onHostConnection);
}
