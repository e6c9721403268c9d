import { useT } from '../../i18n/use-t';
import { useSceneUi } from '../scene-ui';

/** Problems worth saying once (a glTF model that would not load), until dismissed. */
export function ModelNotices() {
  const t = useT();
  const notices = useSceneUi((s) => s.notices);
  if (!notices.length) return null;
  return (
    <div className="scene-notices">
      {notices.map((n) => (
        <div key={n} className="scene-notice" data-testid="model-notice" role="status">
          <span>{n}</span>
          <button type="button" onClick={() => useSceneUi.getState().dismissNotice(n)}>
            {t('model.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
