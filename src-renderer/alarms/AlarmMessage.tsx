import { Fragment } from 'react';
import type { AlarmView } from '../../src-main/shared/views';
import { useT } from '../i18n/use-t';
import { useTwinStore } from '../store/twin-store';
import { alarmParts } from './alarm-list-model';

/** An alarm's text in the UI language; words the machine sent untranslated are quoted and marked as the machine's. */
export function AlarmMessage({ alarm }: { alarm: AlarmView }) {
  const t = useT();
  const lang = useTwinStore((s) => s.lang);
  return (
    <>
      {alarmParts(alarm, lang).map((p, i) =>
        p.machine ? (
          <q key={i} className="alarm-machine-text" data-testid="alarm-machine-text" title={t('alarms.machineText')} lang="">
            {p.text}
          </q>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}
