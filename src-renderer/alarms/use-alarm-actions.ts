import { useCallback, useState } from 'react';
import type { BridgeMethods, TwinBridge } from '../../src-main/shared/bridge';
import { useReplayStore } from '../replay/replay-store';

type ActionMethod = 'ackAlarm' | 'ackAllAlarms' | 'shelveAlarm' | 'unshelveAlarm' | 'setAlarmOutOfService';

const OPERATOR_KEY = 'linetwin.operator';

export const savedOperator = (): string => localStorage.getItem(OPERATOR_KEY) ?? '';
export const saveOperator = (name: string): void => localStorage.setItem(OPERATOR_KEY, name);

/** In replay a recording shows the alarms as they were, acted on as they were: nothing to act on. */
export const useAlarmsReadOnly = (): boolean => useReplayStore((s) => s.status !== null);

/**
 * Operator actions with the operator's name attached (the host records it), and the last refusal
 * to show; `readOnly` in replay.
 */
export function useAlarmActions(bridge: TwinBridge) {
  const [error, setError] = useState<string | undefined>(undefined);
  const readOnly = useAlarmsReadOnly();
  const run = useCallback(
    <M extends ActionMethod>(method: M, params: Omit<BridgeMethods[M]['params'], 'by'>) => {
      const by = savedOperator().trim();
      const withBy = { ...params, ...(by ? { by } : {}) } as BridgeMethods[M]['params'];
      bridge.request(method, withBy).then(
        () => setError(undefined),
        (err: Error) => setError(err.message),
      );
    },
    [bridge],
  );
  return { error, run, readOnly };
}
