import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPreloadBridge, createShellApi } from './preload-api';

const bridge = createPreloadBridge(ipcRenderer);
contextBridge.exposeInMainWorld('twin', {
  transport: bridge.transport,
  request: bridge.request,
  on: bridge.on,
});
const shell = createShellApi(ipcRenderer, webUtils);
contextBridge.exposeInMainWorld('twinShell', {
  request: shell.request,
  onCommand: shell.onCommand,
  pathForFile: shell.pathForFile,
});
