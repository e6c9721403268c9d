import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../src-main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shared/csp';

/** A built renderer folder with a secret file right beside it, where traversal would land. */
function fixture() {
  const base = mkdtempSync(join(tmpdir(), 'linetwin-app-scheme-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>LineTwin</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'favicon.svg'), '<svg/>');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  writeFileSync(join(base, 'renderer-evil.txt'), 'SECRET');
  return createAppProtocolHandler(root);
}

describe('app:// protocol handler', () => {
  const handle = fixture();
  const get = (url: string, init?: RequestInit) => handle(new Request(url, init));

  it('serves the index and assets with their MIME types and the CSP', async () => {
    for (const url of ['app://linetwin/', 'app://linetwin/index.html']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>LineTwin</title>');
    }
    expect((await get('app://linetwin/assets/index-abc.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://linetwin/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://linetwin/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const head = await get('app://linetwin/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['../secret.txt', '..%2fsecret.txt', '%2e%2e%2fsecret.txt', '%2e%2e/secret.txt', 'assets/..%2f..%2fsecret.txt', '..%5csecret.txt', '%2fsecret.txt', '..%2frenderer-evil.txt', '%00index.html', '%E0%A4%A']) {
      const res = await get(`app://linetwin/${path}`);
      expect(res.status, path).not.toBe(200);
      expect(await res.text(), path).not.toContain('SECRET');
    }
  });

  it('answers only the app host, only GET and HEAD, and 404 for what is not there', async () => {
    for (const url of ['app://linetwin.evil/index.html', 'app://evil/index.html', 'app://linetwin:99/index.html', 'https://linetwin/index.html']) {
      expect((await get(url)).status, url).toBe(403);
    }
    expect((await get('app://linetwin/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await get('app://linetwin/missing.js')).status).toBe(404);
    expect((await get('app://linetwin/assets')).status).toBe(404);
  });
});
