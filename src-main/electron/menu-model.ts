import { formatWallView, type WallView } from '../shared/wall-view';
import { menuText } from './menu-strings';

/** What a menu item does; the shell maps each to one action, the model stays data. */
export type MenuCommand =
  | { kind: 'open-recording' }
  | { kind: 'quit' }
  | { kind: 'view'; view: WallView }
  | { kind: 'lang'; lang: 'en' | 'zh' }
  | { kind: 'toggle'; setting: 'walls' | 'kiosk' | 'exhibition' | 'startAtLogin' }
  | { kind: 'open-logs' }
  | { kind: 'set-pin' }
  | { kind: 'clear-pin' }
  | { kind: 'about' };

/** Items Electron implements itself (clipboard, zoom, full screen). */
export type MenuRole = 'copy' | 'paste' | 'selectAll' | 'togglefullscreen' | 'reload' | 'zoomIn' | 'zoomOut' | 'resetZoom';

export interface MenuItemModel {
  id?: string;
  label?: string;
  accelerator?: string;
  command?: MenuCommand;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'checkbox' | 'radio' | 'submenu';
  checked?: boolean;
  submenu?: MenuItemModel[];
}

export interface MenuState {
  lang: 'en' | 'zh';
  platform: NodeJS.Platform;
  /** The view of the window the menu belongs to (on macOS: the focused window). */
  view: WallView;
  lines: ReadonlyArray<{ id: string; name: { zh: string; en: string } }>;
  walls: boolean;
  kiosk: boolean;
  exhibition: boolean;
  startAtLogin: boolean;
  /** Whether a kiosk exit PIN is set (then it can be removed). */
  pinSet: boolean;
}

/**
 * The application menu as data, in the UI language. In kiosk mode there is no menu at all (the
 * exit chord is the way out). Views are radio items with Ctrl/Cmd+1…9; languages are named in
 * their own script so a user who cannot read the current one still finds theirs.
 */
export function buildMenuModel(s: MenuState): MenuItemModel[] {
  if (s.kiosk) return [];
  const t = (key: Parameters<typeof menuText>[1], vars?: Record<string, string | number>): string => menuText(s.lang, key, vars);
  const current = formatWallView(s.view);
  const views: WallView[] = [{ kind: 'control' }, { kind: 'plant' }, ...s.lines.map((l): WallView => ({ kind: 'line', lineId: l.id })), { kind: 'kpi' }, { kind: 'alarms' }];
  const viewLabel = (v: WallView): string => {
    if (v.kind === 'line') {
      const line = s.lines.find((l) => l.id === v.lineId);
      return t('viewLine', { name: line ? line.name[s.lang] : v.lineId });
    }
    return t(({ control: 'viewControl', plant: 'viewPlant', kpi: 'viewKpi', alarms: 'viewAlarms' } as const)[v.kind]);
  };
  const viewItems: MenuItemModel[] = views.map((v, i) => ({
    id: `view:${formatWallView(v)}`,
    label: viewLabel(v),
    type: 'radio',
    checked: formatWallView(v) === current,
    command: { kind: 'view', view: v },
    ...(i < 9 ? { accelerator: `CmdOrCtrl+${i + 1}` } : {}),
  }));
  const toggle = (setting: 'walls' | 'kiosk' | 'exhibition' | 'startAtLogin', key: Parameters<typeof menuText>[1], accelerator?: string): MenuItemModel => ({
    id: setting,
    label: t(key),
    type: 'checkbox',
    checked: s[setting],
    command: { kind: 'toggle', setting },
    ...(accelerator ? { accelerator } : {}),
  });
  const about: MenuItemModel = { id: 'about', label: t('about'), command: { kind: 'about' } };
  return [
    {
      label: t('file'),
      type: 'submenu',
      submenu: [
        { id: 'open-recording', label: t('openRecording'), accelerator: 'CmdOrCtrl+O', command: { kind: 'open-recording' } },
        { type: 'separator' },
        { id: 'quit', label: t('quit'), accelerator: s.platform === 'darwin' ? 'Cmd+Q' : 'Ctrl+Q', command: { kind: 'quit' } },
      ],
    },
    {
      label: t('edit'),
      type: 'submenu',
      submenu: [
        { label: t('copy'), role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { label: t('paste'), role: 'paste', accelerator: 'CmdOrCtrl+V' },
        { label: t('selectAll'), role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    {
      label: t('view'),
      type: 'submenu',
      submenu: [
        ...viewItems,
        { type: 'separator' },
        { label: t('fullScreen'), role: 'togglefullscreen', accelerator: s.platform === 'darwin' ? 'Ctrl+Cmd+F' : 'F11' },
        { label: t('zoomIn'), role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { label: t('zoomOut'), role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { label: t('zoomReset'), role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { label: t('reload'), role: 'reload', accelerator: 'CmdOrCtrl+R' },
        { type: 'separator' },
        {
          label: t('language'),
          type: 'submenu',
          submenu: [
            { id: 'lang:zh', label: '中文', type: 'radio', checked: s.lang === 'zh', command: { kind: 'lang', lang: 'zh' } },
            { id: 'lang:en', label: 'English', type: 'radio', checked: s.lang === 'en', command: { kind: 'lang', lang: 'en' } },
          ],
        },
      ],
    },
    {
      label: t('displays'),
      type: 'submenu',
      submenu: [
        toggle('walls', 'walls', 'CmdOrCtrl+Shift+W'),
        toggle('kiosk', 'kiosk', 'CmdOrCtrl+Shift+K'),
        toggle('exhibition', 'exhibition', 'CmdOrCtrl+Shift+E'),
        { id: 'set-pin', label: t('setPin'), command: { kind: 'set-pin' } },
        ...(s.pinSet ? [{ id: 'clear-pin', label: t('clearPin'), command: { kind: 'clear-pin' } } satisfies MenuItemModel] : []),
        { type: 'separator' },
        toggle('startAtLogin', 'startAtLogin'),
        { id: 'open-logs', label: t('openLogs'), command: { kind: 'open-logs' } },
      ],
    },
    { label: t('help'), type: 'submenu', submenu: [about] },
  ];
}

/** Every item with a command, depth first: what the shell dispatches on and tests walk. */
export function menuItems(model: readonly MenuItemModel[]): MenuItemModel[] {
  return model.flatMap((item) => [item, ...menuItems(item.submenu ?? [])]);
}
