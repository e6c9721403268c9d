export const ELECTRON_SKIP_REASON =
  'the Electron runtime is not installed (no node_modules/electron/path.txt with dist/, no ELECTRON_OVERRIDE_DIST_PATH) and cannot be downloaded on this machine';
