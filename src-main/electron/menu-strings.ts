/**
 * The application menu's words in both UI languages. They live beside the shell because the main
 * process may not import the renderer (layer rules); the renderer's strings stay in
 * `src-renderer/i18n/strings.ts`.
 */
const EN = {
  file: 'File',
  openRecording: 'Open recording…',
  quit: 'Quit LineTwin',
  view: 'View',
  viewControl: 'Control room (all panels)',
  viewPlant: 'Whole plant',
  viewLine: 'Line: {name}',
  viewKpi: 'KPI and loss board',
  viewAlarms: 'Alarm list',
  fullScreen: 'Full screen',
  reload: 'Reload',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomReset: 'Actual size',
  language: 'Language',
  displays: 'Displays',
  walls: 'A window on every display',
  kiosk: 'Kiosk mode',
  exhibition: 'Exhibition mode',
  setPin: 'Kiosk exit PIN…',
  clearPin: 'Remove kiosk exit PIN',
  startAtLogin: 'Start at login',
  openLogs: 'Open log folder',
  edit: 'Edit',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select all',
  help: 'Help',
  about: 'About LineTwin',
  aboutDetail: 'Version {version}\nElectron {electron}, Chromium {chrome}, Node {node}\n\nDigital-twin monitor for production lines.\nThird-party licences: {licences}',
  notifyTitle: 'LineTwin alarm',
  notifyMore: 'and {n} more new alarms of priority 1–2',
  rendererRestarted: 'The display was restarted after a fault ({reason}); restarts so far: {n}.',
  trayNone: 'LineTwin: no active alarms',
  trayWorst: 'LineTwin: worst active alarm priority {p}',
  trayShow: 'Show LineTwin',
  share: 'Visitors: {url}',
} as const;

export type MenuStringKey = keyof typeof EN;

const ZH: Record<MenuStringKey, string> = {
  file: '文件',
  openRecording: '打开录制…',
  quit: '退出 LineTwin',
  view: '视图',
  viewControl: '控制室（全部面板）',
  viewPlant: '全厂',
  viewLine: '产线：{name}',
  viewKpi: 'KPI 与损失看板',
  viewAlarms: '报警列表',
  fullScreen: '全屏',
  reload: '重新加载',
  zoomIn: '放大',
  zoomOut: '缩小',
  zoomReset: '实际大小',
  language: '语言',
  displays: '显示器',
  walls: '每个显示器一个窗口',
  kiosk: '展台锁定模式',
  exhibition: '展会模式',
  setPin: '设置退出锁定模式的 PIN…',
  clearPin: '删除退出锁定模式的 PIN',
  startAtLogin: '登录时启动',
  openLogs: '打开日志文件夹',
  edit: '编辑',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  help: '帮助',
  about: '关于 LineTwin',
  aboutDetail: '版本 {version}\nElectron {electron}，Chromium {chrome}，Node {node}\n\n生产线数字孪生监控。\n第三方许可证：{licences}',
  notifyTitle: 'LineTwin 报警',
  notifyMore: '另有 {n} 条新的 1–2 级报警',
  rendererRestarted: '显示出现故障后已重新启动（{reason}）；累计重启 {n} 次。',
  trayNone: 'LineTwin：无活动报警',
  trayWorst: 'LineTwin：活动报警最高优先级 {p}',
  trayShow: '显示 LineTwin',
  share: '访客：{url}',
};

export const MENU_STRINGS: Record<'en' | 'zh', Record<MenuStringKey, string>> = { en: EN, zh: ZH };

export function menuText(lang: 'en' | 'zh', key: MenuStringKey, vars: Record<string, string | number> = {}): string {
  return MENU_STRINGS[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
