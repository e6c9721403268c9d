import { dirname, join } from 'node:path';
import { menuText } from './menu-strings';

export interface AboutInfo {
  message: string;
  detail: string;
  /** The notices of the packages the app ships (made at build time), then Electron's and Chromium's licence texts. */
  licenceFiles: string[];
}

/**
 * The About box: the version, what it runs on, and where the third-party licences are: the
 * packages' notices in the resources, Electron's and Chromium's in the app bundle's Resources on
 * macOS and beside the executable elsewhere.
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
  const licenceFiles = [join(resourcesPath, 'licenses', 'THIRD-PARTY-NOTICES.txt'), join(dir, 'LICENSE.electron.txt'), join(dir, 'LICENSES.chromium.html')];
  return {
    message: menuText(lang, 'about'),
    detail: menuText(lang, 'aboutDetail', { version, electron: versions.electron ?? '?', chrome: versions.chrome ?? '?', node: versions.node ?? '?', licences: licenceFiles.join(', ') }),
    licenceFiles,
  };
}
