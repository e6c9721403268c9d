import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl } from '../../src-main/electron/app-origin';
import { isTrustedSender } from '../../src-main/electron/security';

describe('the app origin (app://linetwin, or the dev server while developing)', () => {
  it('accepts the app origin exactly', () => {
    for (const url of [APP_INDEX_URL, 'app://linetwin/', 'app://linetwin', 'app://linetwin/assets/index.js?x=1#y']) expect(isAppUrl(url, undefined), url).toBe(true);
  });

  it('refuses file://, look-alike hosts, credentials, ports and other schemes', () => {
    for (const url of [
      'file:///app/out/renderer/index.html',
      'file://linetwin/index.html',
      'app://linetwin.evil/',
      'app://linetwin.evil.example/index.html',
      'app://evil.linetwin/',
      'app://user@linetwin/',
      'app://linetwin:8080/',
      'app://other/',
      'apps://linetwin/',
      'http://linetwin/',
      'https://example.com/',
      'data:text/html,app://linetwin/',
      'javascript:alert(1)',
      'about:blank',
      'null',
      '',
    ]) {
      expect(isAppUrl(url, undefined), url).toBe(false);
    }
  });

  it('in development trusts the dev server origin instead, and nothing else', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173', dev)).toBe(true);
    for (const url of ['http://localhost:5174/', 'http://localhost:5173.evil.example/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'file:///index.html', APP_INDEX_URL]) expect(isAppUrl(url, dev), url).toBe(false);
    expect(isAppUrl('file:///index.html', 'file:///')).toBe(false);
  });

  it('trusts a sender only as the main frame with both URL and origin on the app origin', () => {
    expect(isTrustedSender({ url: APP_INDEX_URL, origin: 'app://linetwin', parent: null }, undefined)).toBe(true);
    expect(isTrustedSender({ url: APP_INDEX_URL, origin: 'app://linetwin', parent: {} }, undefined)).toBe(false);
    expect(isTrustedSender({ url: APP_INDEX_URL, origin: 'null', parent: null }, undefined)).toBe(false);
    expect(isTrustedSender({ url: 'file:///x.html', origin: 'file://', parent: null }, undefined)).toBe(false);
    expect(isTrustedSender(null, undefined)).toBe(false);
  });
});
