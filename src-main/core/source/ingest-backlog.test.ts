import { describe, expect, it } from 'vitest';
import { IngestBacklog } from './ingest-backlog';

const none = { messages: 0, bytes: 0 };

describe('the ingest backlog', () => {
  it('admits messages until the engine is a full backlog behind, and again once it catches up', () => {
    const shared = IngestBacklog.sharedCounter();
    const backlog = new IngestBacklog(shared, { messages: 10, bytes: 1_000_000 });
    expect(backlog.admits(10, { messages: 9, bytes: 90 })).toBe(true);
    expect(backlog.admits(10, { messages: 10, bytes: 100 })).toBe(false);
    backlog.recordPosted(6, 60);
    backlog.recordPosted(4, 40);
    expect(backlog.admits(10, none)).toBe(false);
    IngestBacklog.markProcessed(shared);
    expect(backlog.admits(10, { messages: 5, bytes: 50 })).toBe(true);
    expect(backlog.admits(10, { messages: 6, bytes: 60 })).toBe(false);
    IngestBacklog.markProcessed(shared);
    expect(backlog.admits(10, { messages: 9, bytes: 90 })).toBe(true);
  });

  it('bounds bytes too, but lets one oversized message through when nothing waits', () => {
    const shared = IngestBacklog.sharedCounter();
    const backlog = new IngestBacklog(shared, { messages: 1000, bytes: 1000 });
    expect(backlog.admits(5000, none)).toBe(true);
    backlog.recordPosted(1, 5000);
    expect(backlog.admits(1, none)).toBe(false);
    IngestBacklog.markProcessed(shared);
    expect(backlog.admits(600, { messages: 1, bytes: 400 })).toBe(true);
    expect(backlog.admits(601, { messages: 1, bytes: 400 })).toBe(false);
  });
});
