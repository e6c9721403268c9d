import { dirname, join } from 'node:path';
import { menuText } from './menu-strings';

export interface AboutInfo {
  message: string;
  detail: string;
  /** Electron's and Chromium's licence texts, shipped beside the executable by electron-builder. */
  licenceFiles: string[];
}

/**
 * The About box: the version, what it runs on, and where the third-party licences are. On macOS
 * the licence files are in the app bundle's Resources; elsewhere beside the executable.
 */
export function aboutInfo(
  lang: 'en' | 'zh',
  version: string,
  versions: { electron?: string; chrome?: string; node?: string },
  exePath: string,
  resourcesPath: string,
  platform: NodeJS.Platform,
): AboutInfo {
  const dir = platform === 'darwin' ? resourcesPath : dirname(exePath);
  const licenceFiles = [join(dir, 'LICENSE.electron.txt'), join(dir, 'LICENSES.chromium.html')];
  return {
    message: menuText(lang, 'about'),
    detail: menuText(lang, 'aboutDetail', { version, electron: versions.electron ?? '?', chrome: versions.chrome ?? '?', node: versions.node ?? '?', licences: licenceFiles.join(', ') }),
    licenceFiles,
  };
}
