import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeMethods, TwinBridge } from '../../src-main/shared/bridge';
import type { ProfileList } from '../../src-main/shared/connection-profile';
import { useT } from '../i18n/use-t';
import { usePanelTick, useTwinStore } from '../store/twin-store';
import { ProfileEditor } from './ProfileEditor';
import { emptyForm, formatMessage, formFromProfile, type ProfileForm } from './profile-form';
import './connections.css';

/**
 * Saved broker profiles, the demo, and the state of the current source. A modal <dialog>: the
 * browser gives it Esc-to-close, focus containment and the top layer above the 3D canvas.
 */
export function ConnectionsDialog({ bridge, onClose }: { bridge: TwinBridge; onClose(): void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [list, setList] = useState<ProfileList>();
  const [editing, setEditing] = useState<ProfileForm>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const reload = useCallback(
    () =>
      bridge.request('listProfiles', undefined).then(
        (l) => setList(l),
        (err: unknown) => setFailure((err as Error).message),
      ),
    [bridge],
  );
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    void reload();
  }, [reload]);

  const run = (params: BridgeMethods['connect']['params'] | 'disconnect'): void => {
    setBusy(true);
    setFailure(undefined);
    const done = params === 'disconnect' ? bridge.request('disconnect', undefined) : bridge.request('connect', params);
    void done.then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setFailure((err as Error).message);
      },
    );
  };

  return (
    <dialog
      ref={ref}
      className="conn-dialog"
      data-testid="connections-dialog"
      aria-labelledby="conn-dialog-title"
      onClose={onClose}
      // The 3D view's shortcuts listen on window; typing a URL must not fly the camera around.
      onKeyDown={(e) => e.stopPropagation()}
    >
      <header className="conn-dialog-head">
        <h2 id="conn-dialog-title">{t('conn.title')}</h2>
        <button type="button" data-testid="connections-close" aria-label={t('conn.close')} onClick={() => ref.current?.close()}>
          ✕
        </button>
      </header>
      <SourceState />
      {failure && (
        <p className="conn-warning" role="alert" data-testid="connections-failure">
          {formatMessage(t('conn.failed'), { problem: failure })}
        </p>
      )}
      <div className="conn-buttons">
        <button type="button" data-testid="connections-demo" disabled={busy} onClick={() => run({ demo: true })}>
          {t('conn.demo')}
        </button>
        <button type="button" data-testid="connections-disconnect" disabled={busy} onClick={() => run('disconnect')}>
          {t('conn.disconnect')}
        </button>
      </div>
      {editing ? (
        <ProfileEditor
          bridge={bridge}
          initial={editing}
          passwordNote={list ? t(list.passwordStorage.persistent ? 'conn.storageKeychain' : 'conn.storageMemory') : ''}
          onCancel={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void reload();
          }}
        />
      ) : (
        <section className="conn-profiles" aria-labelledby="conn-profiles-title">
          <h3 id="conn-profiles-title">{t('conn.profiles')}</h3>
          {list && list.profiles.length === 0 && <p className="conn-note">{t('conn.noProfiles')}</p>}
          <ul data-testid="profile-list">
            {list?.profiles.map((p) => (
              <li key={p.id} className="conn-profile" data-testid="profile-row" data-id={p.id} data-name={p.name}>
                <div className="conn-profile-text">
                  <strong>{p.name}</strong>
                  <span className="conn-profile-urls">{p.urls.join(' · ')}</span>
                  <span className="conn-note">MQTT {p.protocolVersion === 5 ? '5' : '3.1.1'}</span>
                </div>
                <button type="button" data-testid="profile-connect" disabled={busy} onClick={() => run({ profileId: p.id })}>
                  {t('conn.connect')}
                </button>
                <button type="button" data-testid="profile-edit" onClick={() => setEditing(formFromProfile(p))}>
                  {t('conn.edit')}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" data-testid="profile-new" onClick={() => setEditing(emptyForm())}>
            {t('conn.new')}
          </button>
        </section>
      )}
    </dialog>
  );
}

function SourceState() {
  usePanelTick();
  const t = useT();
  const source = useTwinStore.getState().health?.source;
  const connection = source?.connection ?? 'idle';
  return (
    <dl className="conn-state" data-testid="connections-state" data-state={connection}>
      <dt>{t('conn.source')}</dt>
      <dd>
        {source ? t(`source.${source.kind}`) : ''} {source?.url}
      </dd>
      <dt>{t('connection')}</dt>
      <dd className={`conn-state-${connection}`}>
        <span className="conn-dot" aria-hidden="true" /> {t(`connection.${connection}`)}
      </dd>
      {source?.lastError && (
        <>
          <dt>{t('lastError')}</dt>
          <dd className="conn-last-error" data-testid="connections-last-error">
            {source.lastError}
          </dd>
        </>
      )}
    </dl>
  );
}
