import { describe, expect, it } from 'vitest';
import { replayKeyAction, STEP_LONG_MS, STEP_MS } from './replay-keys';

describe('timeline keys', () => {
  it('B bookmarks live and in replay', () => {
    expect(replayKeyAction({ key: 'b' }, false)).toEqual({ kind: 'bookmark' });
    expect(replayKeyAction({ key: 'B', shiftKey: true }, true)).toEqual({ kind: 'bookmark' });
  });

  it('the player keys act only in replay', () => {
    expect(replayKeyAction({ key: ' ' }, false)).toBeUndefined();
    expect(replayKeyAction({ key: ' ' }, true)).toEqual({ kind: 'playPause' });
    expect(replayKeyAction({ key: '.' }, true)).toEqual({ kind: 'step', ms: STEP_MS });
    expect(replayKeyAction({ key: '>', shiftKey: true }, true)).toEqual({ kind: 'step', ms: STEP_LONG_MS });
    expect(replayKeyAction({ key: '+', shiftKey: true }, true)).toEqual({ kind: 'speed', dir: 1 });
    expect(replayKeyAction({ key: '-' }, true)).toEqual({ kind: 'speed', dir: -1 });
  });

  it('brackets jump between alarms; with Shift, between bookmarks', () => {
    expect(replayKeyAction({ key: ']' }, true)).toEqual({ kind: 'jump', marker: 'alarm', dir: 1 });
    expect(replayKeyAction({ key: '[' }, true)).toEqual({ kind: 'jump', marker: 'alarm', dir: -1 });
    expect(replayKeyAction({ key: '}', shiftKey: true }, true)).toEqual({ kind: 'jump', marker: 'bookmark', dir: 1 });
    expect(replayKeyAction({ key: '{', shiftKey: true }, true)).toEqual({ kind: 'jump', marker: 'bookmark', dir: -1 });
  });

  it('leaves typing, shortcuts with modifiers and the 3D view keys alone', () => {
    expect(replayKeyAction({ key: 'b', targetTag: 'input' }, true)).toBeUndefined();
    expect(replayKeyAction({ key: ' ', targetTag: 'TEXTAREA' }, true)).toBeUndefined();
    expect(replayKeyAction({ key: 'b', targetEditable: true }, false)).toBeUndefined();
    expect(replayKeyAction({ key: 'b', ctrlKey: true }, false)).toBeUndefined();
    expect(replayKeyAction({ key: ']', metaKey: true }, true)).toBeUndefined();
    for (const key of ['1', 't', '/', 'Escape']) expect(replayKeyAction({ key }, true)).toBeUndefined();
  });
});
