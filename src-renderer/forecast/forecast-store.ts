import { useEffect } from 'react';
import { create } from 'zustand';
import type { TwinBridge } from '../../src-main/shared/bridge';
import type { ForecastView, WhatIfChange, WhatIfView } from '../../src-main/shared/forecast';
import type { StringKey } from '../i18n/strings';
import { forecastPhrase } from './forecast-format';

/** The host refreshes a forecast every minute and on faults; this polls a little faster so a new one shows soon. */
const POLL_MS = 3000;
/** Until the first forecast is there (the app just started), sooner. */
const FIRST_POLL_MS = 500;

interface ForecastState {
  view: ForecastView | null;
  /** Runs a what-if on the host; undefined until the app is connected. */
  whatIf: ((changes: WhatIfChange[], line?: string) => Promise<WhatIfView>) | undefined;
  set(view: ForecastView | null): void;
}

export const useForecastStore = create<ForecastState>((set) => ({
  view: null,
  whatIf: undefined,
  set: (view) => set({ view }),
}));

/** Keeps the forecast store fed from the host while the app runs. */
export function useForecastFeed(bridge: TwinBridge): void {
  useEffect(() => {
    let alive = true;
    useForecastStore.setState({ whatIf: (changes, line) => bridge.request('forecastWhatIf', { changes, ...(line ? { line } : {}) }) });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      bridge
        .request('getForecast', {})
        .then(
          (view) => alive && useForecastStore.getState().set(view),
          () => undefined,
        )
        .finally(() => {
          if (alive) timer = setTimeout(load, useForecastStore.getState().view ? POLL_MS : FIRST_POLL_MS);
        });
    };
    load();
    return () => {
      alive = false;
      clearTimeout(timer);
      useForecastStore.setState({ whatIf: undefined });
    };
  }, [bridge]);
}

/** The line's forecast as the banner's last part (" · forecast 842 (815–866), target 880, 12 % chance"); empty until there is one. */
export function bannerForecast(line: string, t: (key: StringKey) => string): string {
  const lf = useForecastStore.getState().view?.lines[line];
  return lf ? ` · ${forecastPhrase(lf, t)}` : '';
}
