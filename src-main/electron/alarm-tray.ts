import { Menu, nativeImage, Notification, Tray } from 'electron';
import type { FrameSink } from '../core/frame-publisher';
import { alarmTextString } from '../shared/alarm-text';
import type { AlarmView } from '../shared/views';
import { AlarmAnnunciator, worstPriority } from './alarm-annunciator';
import { drawIcon } from './icon-image';
import { menuText } from './menu-strings';

export interface AlarmTrayOptions {
  lang(): 'en' | 'zh';
  /** The station an alarm is on, to show its name; the id when unknown. */
  stationName(id: string, lang: 'en' | 'zh'): string;
  show(): void;
  focusStation(station: string): void;
  /** No notifications while visitors use the exhibition. */
  quiet(): boolean;
}

/** Notifications shown for one batch of new alarms; beyond it, one more says how many were left out. */
export const MAX_NOTIFICATIONS_AT_ONCE = 3;
/** The newest notifications whose clicks are still answered (the OS shows few more anyway). */
const MAX_KEPT_NOTIFICATIONS = 20;

/** The text of a notification for one alarm, in the UI language. */
export function notificationBody(a: AlarmView, lang: 'en' | 'zh', stationName: string): string {
  const text = a.message ? alarmTextString(a.message, lang) : a.text;
  return `P${a.priority} ${stationName ? `${stationName}: ` : ''}${text}`;
}

/**
 * The tray icon with the worst standing alarm priority (colour and number), and a native
 * notification for each new priority 1–2 alarm; clicking it brings the app forward on that
 * station. Fed as one more frame sink of the runtime, so it follows what is on show.
 */
export class AlarmTray {
  private tray: Tray | undefined;
  private priority = -1;
  private readonly annunciator = new AlarmAnnunciator();
  private readonly icons = new Map<number, Electron.NativeImage>();
  /** Shown notifications are kept referenced: one collected as garbage no longer reports its click. */
  private readonly shown: Notification[] = [];

  constructor(private readonly o: AlarmTrayOptions) {}

  readonly sink: FrameSink = {
    ready: () => true,
    send: (frame) => {
      if (frame.replay) this.annunciator.reset();
      if (!frame.alarms) return;
      const fresh = this.annunciator.next(frame.alarms);
      if (!frame.replay && !this.o.quiet()) this.announce(fresh);
      this.show(worstPriority(frame.alarms));
    },
  };

  private icon(p: 0 | 1 | 2 | 3 | 4): Electron.NativeImage {
    let img = this.icons.get(p);
    if (!img) {
      img = nativeImage.createFromBuffer(drawIcon(32, p));
      this.icons.set(p, img);
    }
    return img;
  }

  private show(p: 0 | 1 | 2 | 3 | 4): void {
    if (p === this.priority && this.tray) return;
    this.priority = p;
    this.tray ??= this.create();
    this.tray.setImage(this.icon(p));
    this.tray.setToolTip(p === 0 ? menuText(this.o.lang(), 'trayNone') : menuText(this.o.lang(), 'trayWorst', { p }));
  }

  private create(): Tray {
    const tray = new Tray(this.icon(0));
    tray.on('click', () => this.o.show());
    this.relabel(tray);
    return tray;
  }

  /** After a language change: the tray's menu and tooltip in the new language. */
  relabel(tray: Tray | undefined = this.tray): void {
    if (!tray) return;
    tray.setContextMenu(Menu.buildFromTemplate([{ label: menuText(this.o.lang(), 'trayShow'), click: () => this.o.show() }]));
    if (this.priority >= 0) {
      const p = this.priority as 0 | 1 | 2 | 3 | 4;
      tray.setToolTip(p === 0 ? menuText(this.o.lang(), 'trayNone') : menuText(this.o.lang(), 'trayWorst', { p }));
    }
  }

  /**
   * In an alarm flood a desktop full of notifications helps nobody: the most urgent few are
   * shown one by one, the rest counted in one more.
   */
  private announce(fresh: readonly AlarmView[]): void {
    for (const a of fresh.slice(0, MAX_NOTIFICATIONS_AT_ONCE)) this.notify(a);
    const more = fresh.length - MAX_NOTIFICATIONS_AT_ONCE;
    if (more > 0 && Notification.isSupported()) {
      const n = new Notification({ title: menuText(this.o.lang(), 'notifyTitle'), body: menuText(this.o.lang(), 'notifyMore', { n: more }) });
      n.on('click', () => this.o.show());
      this.keep(n);
    }
  }

  private keep(n: Notification): void {
    this.shown.push(n);
    if (this.shown.length > MAX_KEPT_NOTIFICATIONS) this.shown.shift();
    n.show();
  }

  private notify(a: AlarmView): void {
    if (!Notification.isSupported()) return;
    const lang = this.o.lang();
    const n = new Notification({ title: menuText(lang, 'notifyTitle'), body: notificationBody(a, lang, a.station ? this.o.stationName(a.station, lang) : ''), urgency: a.priority === 1 ? 'critical' : 'normal' });
    n.on('click', () => {
      this.o.show();
      if (a.station) this.o.focusStation(a.station);
    });
    this.keep(n);
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = undefined;
  }
}
