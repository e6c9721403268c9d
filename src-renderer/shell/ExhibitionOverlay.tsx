import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { useT } from '../i18n/use-t';
import { useSceneUi } from '../scene/scene-ui';
import { ExhibitionIdle } from './exhibition-idle';
import { useShellStore } from './shell-store';

const INPUTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** The tour runs by itself; a visitor's touch takes over; after the idle minutes it comes back. */
export function useExhibitionTour(idleMinutes: number): void {
  useEffect(() => {
    const idle = new ExhibitionIdle(idleMinutes * 60_000, performance.now());
    const ui = useSceneUi.getState();
    const onInput = (): void => {
      if (idle.input(performance.now()) === 'stop-tour') ui.setTouring(false);
    };
    const tick = (): void => {
      if (idle.tick(performance.now()) === 'start-tour') ui.setTouring(true);
    };
    for (const kind of INPUTS) window.addEventListener(kind, onInput, { capture: true, passive: true });
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      clearInterval(timer);
      for (const kind of INPUTS) window.removeEventListener(kind, onInput, { capture: true });
      ui.setTouring(false);
    };
  }, [idleMinutes]);
}

/** The QR code and address visitors open on their phones (the browser view, as viewers). */
export function ExhibitionOverlay() {
  const t = useT();
  const url = useShellStore((s) => s.shareUrl);
  const [qr, setQr] = useState<string | undefined>(undefined);
  useEffect(() => {
    setQr(undefined);
    if (!url) return;
    let live = true;
    void QRCode.toDataURL(url, { margin: 1, width: 240, errorCorrectionLevel: 'M' }).then((data) => live && setQr(data));
    return () => {
      live = false;
    };
  }, [url]);
  if (!url) return null;
  const shown = new URL(url);
  return (
    <aside className="shell-share" data-testid="exhibition-share">
      {qr && <img src={qr} alt={t('shell.shareQr')} width={240} height={240} />}
      <p>{t('shell.shareHint')}</p>
      <code>{`${shown.host}`}</code>
    </aside>
  );
}
