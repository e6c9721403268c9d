import { create } from 'zustand';
import type { ShellApi, ShellCommand } from '../../src-main/shared/wall-view';

declare global {
  interface Window {
    /** Only in the desktop shell (the preload); the browser view has none. */
    twinShell?: ShellApi;
  }
}

export interface PinPrompt {
  purpose: 'exit' | 'set';
  wrong: boolean;
  retryAfterMs?: number;
}

interface ShellStore {
  /** Running in the desktop shell. */
  inShell: boolean;
  kiosk: boolean;
  exhibition: boolean;
  idleMinutes: number;
  shareUrl?: string;
  pin?: PinPrompt;
  notice?: { restarts: number; reason: string };
  /** Why a recording dropped on the window did not open. */
  dropError?: string;
  apply(command: ShellCommand): void;
  setDropError(message: string | undefined): void;
  closePin(): void;
  dismissNotice(): void;
}

/** What the desktop shell told this window: its modes, a PIN to ask for, a notice to show. */
export const useShellStore = create<ShellStore>((set) => ({
  inShell: typeof window !== 'undefined' && window.twinShell !== undefined,
  kiosk: false,
  exhibition: false,
  idleMinutes: 3,
  apply: (c) => {
    if (c.kind === 'mode') {
      const { kind: _kind, shareUrl, ...mode } = c;
      set(shareUrl === undefined ? { ...mode, shareUrl: undefined } : { ...mode, shareUrl });
    } else if (c.kind === 'ask-pin') set({ pin: { purpose: c.purpose, wrong: c.wrong === true, ...(c.retryAfterMs !== undefined ? { retryAfterMs: c.retryAfterMs } : {}) } });
    else if (c.kind === 'notice') set({ notice: { restarts: c.restarts, reason: c.reason } });
  },
  setDropError: (dropError) => set({ dropError }),
  closePin: () => set({ pin: undefined }),
  dismissNotice: () => set({ notice: undefined }),
}));
