import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Bookmark } from '../../shared/replay';

const MAX_BOOKMARKS = 10_000;

const isBookmark = (b: unknown): b is Bookmark => {
  const x = b as Partial<Bookmark> | null;
  return typeof x === 'object' && x !== null && typeof x.id === 'string' && typeof x.at === 'number' && typeof x.note === 'string' && typeof x.by === 'string';
};

/** Bookmarks added in replay, kept beside the recording (a recording is never rewritten). */
export class BookmarkStore {
  private list: Bookmark[] = [];

  private constructor(readonly file: string) {}

  /** What the file holds; a missing or unreadable file is an empty list. */
  static async open(file: string): Promise<BookmarkStore> {
    const store = new BookmarkStore(file);
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (Array.isArray(parsed)) store.list = parsed.filter(isBookmark).slice(0, MAX_BOOKMARKS);
    } catch {
      store.list = [];
    }
    return store;
  }

  get bookmarks(): Bookmark[] {
    return [...this.list];
  }

  async add(b: Bookmark): Promise<void> {
    if (this.list.length >= MAX_BOOKMARKS) throw new Error(`at most ${MAX_BOOKMARKS} bookmarks per recording`);
    this.list.push(b);
    this.list.sort((x, y) => x.at - y.at);
    // Written whole and renamed into place: a crash leaves the old file or the new one.
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(this.list, null, 1));
    await rename(tmp, this.file);
  }
}
