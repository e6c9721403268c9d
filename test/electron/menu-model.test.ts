import { describe, expect, it } from 'vitest';
import { buildMenuModel, menuItems, type MenuState } from '../../src-main/electron/menu-model';
import { MENU_STRINGS, menuText } from '../../src-main/electron/menu-strings';

const STATE: MenuState = {
  lang: 'zh',
  platform: 'win32',
  view: { kind: 'line', lineId: 'curing' },
  lines: [
    { id: 'mixing', name: { zh: '密炼', en: 'Mixing' } },
    { id: 'curing', name: { zh: '硫化', en: 'Curing' } },
  ],
  walls: true,
  kiosk: false,
  exhibition: false,
  startAtLogin: false,
  pinSet: false,
};

const byId = (state: MenuState, id: string) => menuItems(buildMenuModel(state)).find((i) => i.id === id);

describe('application menu model', () => {
  it('is in the UI language, every label of one language differing from the other where the words differ', () => {
    const zh = menuItems(buildMenuModel(STATE)).map((i) => i.label);
    const en = menuItems(buildMenuModel({ ...STATE, lang: 'en' })).map((i) => i.label);
    expect(zh).toHaveLength(en.length);
    expect(zh.slice(0, 3)).toEqual(['文件', '打开录制…', undefined]);
    expect(en.slice(0, 3)).toEqual(['File', 'Open recording…', undefined]);
    expect(byId(STATE, 'view:line:curing')?.label).toBe('产线：硫化');
    expect(byId({ ...STATE, lang: 'en' }, 'view:line:curing')?.label).toBe('Line: Curing');
    // The language items name each language in its own script, whatever the UI language.
    expect(byId(STATE, 'lang:en')?.label).toBe('English');
    expect(byId({ ...STATE, lang: 'en' }, 'lang:zh')?.label).toBe('中文');
  });

  it('has both languages for every string, with the same placeholders', () => {
    expect(Object.keys(MENU_STRINGS.zh).sort()).toEqual(Object.keys(MENU_STRINGS.en).sort());
    for (const key of Object.keys(MENU_STRINGS.en) as Array<keyof typeof MENU_STRINGS.en>) {
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(MENU_STRINGS.zh[key]), key).toEqual(vars(MENU_STRINGS.en[key]));
    }
    expect(menuText('en', 'trayWorst', { p: 1 })).toBe('LineTwin: worst active alarm priority 1');
  });

  it('offers every view as a radio item with Ctrl+1…, the window’s own view checked', () => {
    const views = menuItems(buildMenuModel(STATE)).filter((i) => i.command?.kind === 'view');
    expect(views.map((v) => v.id)).toEqual(['view:control', 'view:plant', 'view:line:mixing', 'view:line:curing', 'view:kpi', 'view:alarms']);
    expect(views.map((v) => v.accelerator)).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+3', 'CmdOrCtrl+4', 'CmdOrCtrl+5', 'CmdOrCtrl+6']);
    expect(views.filter((v) => v.checked).map((v) => v.id)).toEqual(['view:line:curing']);
    expect(views.every((v) => v.type === 'radio')).toBe(true);
  });

  it('has shortcuts that do not collide, and platform quit keys', () => {
    const keys = menuItems(buildMenuModel(STATE)).flatMap((i) => (i.accelerator ? [i.accelerator] : []));
    expect(new Set(keys).size).toBe(keys.length);
    expect(byId(STATE, 'quit')?.accelerator).toBe('Ctrl+Q');
    expect(byId({ ...STATE, platform: 'darwin' }, 'quit')?.accelerator).toBe('Cmd+Q');
    expect(byId(STATE, 'open-recording')).toMatchObject({ accelerator: 'CmdOrCtrl+O', command: { kind: 'open-recording' } });
  });

  it('shows the modes as checkboxes in their state and has About', () => {
    expect(byId(STATE, 'walls')).toMatchObject({ type: 'checkbox', checked: true, command: { kind: 'toggle', setting: 'walls' } });
    expect(byId(STATE, 'exhibition')).toMatchObject({ type: 'checkbox', checked: false });
    expect(byId(STATE, 'startAtLogin')).toMatchObject({ type: 'checkbox', checked: false });
    expect(byId(STATE, 'set-pin')).toMatchObject({ command: { kind: 'set-pin' } });
    expect(byId(STATE, 'clear-pin')).toBeUndefined();
    expect(byId({ ...STATE, pinSet: true }, 'clear-pin')).toMatchObject({ command: { kind: 'clear-pin' } });
    expect(byId(STATE, 'about')).toMatchObject({ label: '关于 LineTwin', command: { kind: 'about' } });
  });

  it('is empty in kiosk mode: no menu bar to leave by', () => {
    expect(buildMenuModel({ ...STATE, kiosk: true })).toEqual([]);
  });
});
