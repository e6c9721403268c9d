import { describe, expect, it } from 'vitest';
import { droppedRecording, parseShellRequest } from './wall-view';

describe('shell requests and dropped files', () => {
  it('opens the first dropped .mcap file that has a path, nothing else', () => {
    type Dropped = { name: string; path?: string };
    const pathFor = (f: Dropped) => f.path ?? '';
    const none: Dropped[] = [];
    expect(droppedRecording<Dropped>([{ name: 'notes.txt', path: '/a/notes.txt' }, { name: 'Night.MCAP', path: '/rec/Night.MCAP' }, { name: 'b.mcap', path: '/rec/b.mcap' }], pathFor)).toBe('/rec/Night.MCAP');
    expect(droppedRecording<Dropped>([{ name: 'x.mcap' }], pathFor)).toBeUndefined();
    expect(droppedRecording(none, pathFor)).toBeUndefined();
  });

  it('refuses shell requests that are not exactly known', () => {
    expect(parseShellRequest({ kind: 'submit-pin', pin: '2468' })).toEqual({ kind: 'submit-pin', pin: '2468' });
    expect(parseShellRequest({ kind: 'set-language', lang: 'zh', extra: 1 })).toEqual({ kind: 'set-language', lang: 'zh' });
    for (const bad of [null, 'hello', {}, { kind: 'submit-pin', pin: '12' }, { kind: 'submit-pin', pin: '12ab' }, { kind: 'set-language', lang: 'fr' }, { kind: 'quit' }]) expect(parseShellRequest(bad), JSON.stringify(bad)).toBeUndefined();
  });
});
