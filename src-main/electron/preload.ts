import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './preload-api';

const bridge = createPreloadBridge(ipcRenderer);
contextBridge.exposeInMainWorld('twin', {
  transport: bridge.transport,
  request: bridge.request,
  on: bridge.on,
});
