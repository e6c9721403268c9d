import { useEffect, useRef, useState } from 'react';
import { formatMessage } from '../connections/profile-form';
import { useT } from '../i18n/use-t';
import { useTwinStore } from '../store/twin-store';
import { shortStamp } from './replay-format';
import { usePlantTimeZone } from '../i18n/plant-time';

/** A bookmark's note, for the moment B was pressed (`at`: the replay position, or the plant clock live). */
export function BookmarkDialog({ at, onSave, onClose }: { at: number; onSave(note: string): Promise<unknown>; onClose(): void }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  const timeZone = usePlantTimeZone();
  const ref = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const save = (): void => {
    setBusy(true);
    setFailure(undefined);
    onSave(note.trim()).then(
      () => ref.current?.close(),
      (err: unknown) => {
        setBusy(false);
        setFailure((err as Error).message);
      },
    );
  };
  return (
    <dialog
      ref={ref}
      className="replay-dialog bookmark-dialog"
      data-testid="bookmark-dialog"
      aria-labelledby="bookmark-dialog-title"
      onClose={onClose}
      // B, Space and the brackets are the timeline's keys on window: a note is typed, not played.
      onKeyDown={(e) => e.stopPropagation()}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h2 id="bookmark-dialog-title">{formatMessage(t('replay.bookmarkTitle'), { time: shortStamp(at, lang, timeZone) })}</h2>
        <label>
          {t('replay.bookmarkNote')}
          <textarea
            data-testid="bookmark-note"
            rows={3}
            maxLength={500}
            autoFocus
            placeholder={t('replay.bookmarkPlaceholder')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                save();
              }
            }}
          />
        </label>
        {failure && (
          <p className="replay-warning" role="alert">
            {formatMessage(t('replay.failed'), { problem: failure })}
          </p>
        )}
        <div className="replay-dialog-buttons">
          <button type="button" onClick={() => ref.current?.close()}>
            {t('replay.cancel')}
          </button>
          <button type="submit" data-testid="bookmark-save" disabled={busy}>
            {t('replay.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
