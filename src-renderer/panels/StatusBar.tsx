import { useT } from '../i18n/use-t';
import { usePanelTick, useTwinStore } from '../store/twin-store';

/** Connection, rates and every counter of dropped or bad data: nothing is lost silently. */
export function StatusBar() {
  usePanelTick();
  const t = useT();
  const { health, hostConnected } = useTwinStore.getState();
  const source = health?.source;
  const stats = health?.stats;
  const connection = source?.connection ?? 'idle';
  return (
    <footer className="status-bar" data-testid="status-bar">
      {!hostConnected && <span className="status-warn" data-testid="host-lost">{t('hostLost')}</span>}
      <span className={`status-conn status-conn-${connection}`} data-testid="connection" data-state={connection}>
        {source ? t(`source.${source.kind}`) : ''} · {t('connection')}: {t(`connection.${connection}`)}
        {source?.url ? ` · ${source.url}` : ''}
      </span>
      {source?.lastError && connection !== 'connected' && (
        <span className="status-warn" title={source.lastError}>
          {t('lastError')}: {source.lastError}
        </span>
      )}
      <span data-testid="rate" data-value={stats?.messagesPerSecond ?? 0}>
        {stats?.messagesPerSecond ?? 0} {t('rate')}
      </span>
      <span data-testid="messages">
        {stats?.messages ?? 0} {t('messages')}
      </span>
      <span data-testid="decode-errors" className={stats?.decodeErrors ? 'status-warn' : undefined} title={JSON.stringify(stats?.decodeErrorsByReason ?? {})}>
        {stats?.decodeErrors ?? 0} {t('decodeErrors')}
      </span>
      <span data-testid="dropped" className={stats?.dropped ? 'status-warn' : undefined} title={JSON.stringify(stats?.droppedByBuffer ?? {})}>
        {stats?.dropped ?? 0} {t('dropped')}
      </span>
      <span data-testid="unknown-topics">
        {stats?.unknownTopics ?? 0} {t('unknownTopics')}
      </span>
    </footer>
  );
}
