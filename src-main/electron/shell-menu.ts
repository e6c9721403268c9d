import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuItemModel } from './menu-model';

/** The menu model as Electron's template: each command item calls `run` with its command. */
export function toMenuTemplate(model: readonly MenuItemModel[], run: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  return model.map((item): MenuItemConstructorOptions => {
    const out: MenuItemConstructorOptions = {};
    if (item.id !== undefined) out.id = item.id;
    if (item.label !== undefined) out.label = item.label;
    if (item.accelerator !== undefined) out.accelerator = item.accelerator;
    if (item.type !== undefined) out.type = item.type;
    if (item.checked !== undefined) out.checked = item.checked;
    if (item.role !== undefined) out.role = item.role;
    if (item.submenu) out.submenu = toMenuTemplate(item.submenu, run);
    const command = item.command;
    if (command) out.click = () => run(command);
    return out;
  });
}
