import type { TwinBridge } from '../../src-main/shared/bridge';
import { ConnectionsButton } from '../connections/ConnectionsButton';
import { useT } from '../i18n/use-t';
import { RecordingsButton } from '../replay/RecordingsDialog';
import { useTwinStore } from '../store/twin-store';

export function TopBar({ bridge }: { bridge: TwinBridge }) {
  const t = useT();
  const plant = useTwinStore((s) => s.plant);
  const plants = useTwinStore((s) => s.plants);
  const lang = useTwinStore((s) => s.lang);
  const setLang = useTwinStore((s) => s.setLang);
  const setPlant = useTwinStore((s) => s.setPlant);
  return (
    <header className="top-bar">
      <h1>{t('appTitle')}</h1>
      <label>
        {t('plant')}{' '}
        <select
          data-testid="plant-select"
          value={plant?.id ?? ''}
          onChange={(e) => void bridge.request('selectPlant', { id: e.target.value }).then(setPlant)}
        >
          {plants.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name[lang]}
            </option>
          ))}
        </select>
      </label>
      <ConnectionsButton bridge={bridge} />
      <RecordingsButton bridge={bridge} />
      <button type="button" data-testid="lang-toggle" title={t('languageTitle')} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
        {t('language')}
      </button>
    </header>
  );
}
