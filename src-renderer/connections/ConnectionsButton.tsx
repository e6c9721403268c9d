import { useState } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import { useT } from '../i18n/use-t';
import { usePanelTick, useTwinStore } from '../store/twin-store';
import { ConnectionsDialog } from './ConnectionsDialog';
import './connections.css';

/** The top bar's view of where data comes from; opens the connection manager. */
export function ConnectionsButton({ bridge }: { bridge: TwinBridge }) {
  usePanelTick();
  const t = useT();
  const [open, setOpen] = useState(false);
  const source = useTwinStore.getState().health?.source;
  const connection = source?.connection ?? 'idle';
  return (
    <>
      <button
        type="button"
        className={`conn-button conn-state-${connection}`}
        data-testid="connections-button"
        data-state={connection}
        aria-haspopup="dialog"
        title={`${t('conn.title')} · ${t(`connection.${connection}`)}`}
        onClick={() => setOpen(true)}
      >
        <span className="conn-dot" aria-hidden="true" />
        {source ? t(`source.${source.kind}`) : t('conn.title')}
        {source?.kind === 'live' && source.url ? ` · ${source.url}` : ''}
      </button>
      {open && <ConnectionsDialog bridge={bridge} onClose={() => setOpen(false)} />}
    </>
  );
}
