import { useEffect, useState, type FormEvent } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import { droppedRecording, type ShellCommand } from '../../src-main/shared/wall-view';
import { useT } from '../i18n/use-t';
import { useTwinStore } from '../store/twin-store';
import { useShellStore } from './shell-store';
import './shell.css';

/** How long the restart notice stays up unless dismissed. */
const NOTICE_MS = 20_000;

/**
 * The renderer's end of the desktop shell: its commands in (modes, language from the menu,
 * a station to focus, a PIN to ask for, a notice), the UI language out (the menu follows it).
 * Nothing happens in the browser view, which has no `window.twinShell`.
 */
function useShellLink(): void {
  useEffect(() => {
    const api = window.twinShell;
    if (!api) return;
    const onCommand = (c: ShellCommand): void => {
      const twin = useTwinStore.getState();
      if (c.kind === 'lang') {
        if (twin.lang !== c.lang) twin.setLang(c.lang);
      } else if (c.kind === 'focus-station') twin.focusStation(c.station);
      else useShellStore.getState().apply(c);
    };
    const offCommand = api.onCommand(onCommand);
    void api.request({ kind: 'hello' }).then((mode) => onCommand({ kind: 'mode', ...(mode as Omit<Extract<ShellCommand, { kind: 'mode' }>, 'kind'>) }));
    void api.request({ kind: 'set-language', lang: useTwinStore.getState().lang });
    const offLang = useTwinStore.subscribe((s, prev) => {
      if (s.lang !== prev.lang) void api.request({ kind: 'set-language', lang: s.lang });
    });
    return () => {
      offCommand();
      offLang();
    };
  }, []);
}

/** A recording dropped on a desktop window opens in replay (a viewer's window is refused by the shell). */
function useRecordingDrop(bridge: TwinBridge): void {
  useEffect(() => {
    const api = window.twinShell;
    if (!api) return;
    const over = (e: DragEvent): void => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent): void => {
      e.preventDefault();
      const path = droppedRecording<File>(e.dataTransfer?.files ?? [], (file) => api.pathForFile(file));
      if (!path) return;
      useShellStore.getState().setDropError(undefined);
      bridge.request('openRecording', { path }).catch((err: Error) => useShellStore.getState().setDropError(`${path}: ${err.message}`));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [bridge]);
}

function PinDialog() {
  const t = useT();
  const pin = useShellStore((s) => s.pin);
  const [value, setValue] = useState('');
  if (!pin) return null;
  const close = (): void => {
    setValue('');
    useShellStore.getState().closePin();
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void window.twinShell?.request({ kind: 'submit-pin', pin: value });
    close();
  };
  const cancel = (): void => {
    void window.twinShell?.request({ kind: 'cancel-pin' });
    close();
  };
  const locked = pin.retryAfterMs !== undefined;
  return (
    <div className="shell-modal" role="dialog" aria-modal="true" data-testid="shell-pin">
      <form className="shell-pin" onSubmit={submit}>
        <h2>{pin.purpose === 'set' ? t('shell.pinSet') : t('shell.pinExit')}</h2>
        {pin.wrong && <p className="shell-warn">{t('shell.pinWrong')}</p>}
        {locked && <p className="shell-warn">{t('shell.pinLocked').replace('{s}', String(Math.ceil((pin.retryAfterMs ?? 0) / 1000)))}</p>}
        <input autoFocus type="password" inputMode="numeric" pattern="[0-9]{4,12}" minLength={4} maxLength={12} required value={value} aria-label={t('shell.pin')} onChange={(e) => setValue(e.target.value.replace(/\D/g, ''))} />
        <div className="shell-buttons">
          <button type="button" onClick={cancel}>
            {t('shell.cancel')}
          </button>
          <button type="submit" disabled={value.length < 4}>
            {t('shell.ok')}
          </button>
        </div>
      </form>
    </div>
  );
}

function RestartNotice() {
  const t = useT();
  const notice = useShellStore((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => useShellStore.getState().dismissNotice(), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className="shell-notice" role="status" data-testid="shell-restart-notice" data-restarts={notice.restarts}>
      {t('shell.restarted').replace('{n}', String(notice.restarts))}
      <button type="button" aria-label={t('shell.dismiss')} onClick={() => useShellStore.getState().dismissNotice()}>
        ×
      </button>
    </div>
  );
}

function DropError() {
  const t = useT();
  const error = useShellStore((s) => s.dropError);
  if (!error) return null;
  return (
    <div className="shell-notice" role="alert" data-testid="shell-drop-error">
      {t('shell.openFailed')} {error}
      <button type="button" aria-label={t('shell.dismiss')} onClick={() => useShellStore.getState().setDropError(undefined)}>
        ×
      </button>
    </div>
  );
}

export function ShellLayer({ bridge }: { bridge: TwinBridge }) {
  useShellLink();
  useRecordingDrop(bridge);
  return (
    <>
      <PinDialog />
      <RestartNotice />
      <DropError />
    </>
  );
}
