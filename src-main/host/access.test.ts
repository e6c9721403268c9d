import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_OPERATOR, mayCall } from '../shared/bridge';
import { checkBindPolicy, hostNames, isLoopback } from './access';
import { listenOnPort, PortInUseError } from '../core/net/listen-port';
import { loadTokens, parseTokens } from './tokens';

const OP = 'op-token-0123456789abcdef';
const VIEW = 'view-token-0123456789abcdef';

describe('loopback test', () => {
  it('parses the address instead of matching a prefix', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['127.evil.example', '127.0.0.1.evil.example', '0.0.0.0', '::', '192.168.1.5', '128.0.0.1', 'localhost.evil.example', '']) expect(isLoopback(h), h).toBe(false);
  });

  it('needs a token to bind beyond loopback, and takes no look-alike for loopback', () => {
    expect(() => checkBindPolicy('0.0.0.0', [])).toThrow(/token/);
    expect(() => checkBindPolicy('127.evil.example', [])).toThrow(/token/);
    expect(() => checkBindPolicy('0.0.0.0', parseTokens(`${OP} operator Li Wei`))).not.toThrow();
    expect(() => checkBindPolicy('127.0.0.1', [])).not.toThrow();
    expect(() => checkBindPolicy('::1', [])).not.toThrow();
  });
});

describe('host names (DNS rebinding)', () => {
  it('answers on loopback to 127.0.0.1, localhost and [::1] with the port, nothing else', () => {
    const names = hostNames('127.0.0.1', 5173, []);
    for (const h of ['127.0.0.1:5173', 'localhost:5173', '[::1]:5173', 'LocalHost:5173']) expect(names.allows(h), h).toBe(true);
    for (const h of ['evil.example', 'evil.example:5173', '127.0.0.1:5174', '127.0.0.1', 'localhost', undefined]) expect(names.allows(h), String(h)).toBe(false);
  });

  it('answers on another address to that address and the configured names', () => {
    const names = hostNames('10.1.2.3', 8080, ['twin.plant.local']);
    for (const h of ['10.1.2.3:8080', 'twin.plant.local:8080']) expect(names.allows(h), h).toBe(true);
    for (const h of ['evil.example:8080', '10.1.2.4:8080', 'twin.plant.local:8081']) expect(names.allows(h), h).toBe(false);
  });

  it('accepts no port in Host only on port 80, where browsers leave it out', () => {
    expect(hostNames('127.0.0.1', 80, []).allows('localhost')).toBe(true);
  });
});

describe('access tokens', () => {
  it('reads lines "token role name" and JSON, and never keeps a bad one', () => {
    expect(parseTokens(`# who may watch\n${OP} operator Li Wei\n\n${VIEW} viewer Wall display\n`)).toEqual([
      { token: OP, role: 'operator', name: 'Li Wei' },
      { token: VIEW, role: 'viewer', name: 'Wall display' },
    ]);
    expect(parseTokens(`${OP} operator Li Wei, ${VIEW} viewer Wall`)).toHaveLength(2);
    expect(parseTokens(JSON.stringify([{ token: OP, role: 'operator', name: 'Li Wei' }]))).toEqual([{ token: OP, role: 'operator', name: 'Li Wei' }]);
    expect(() => parseTokens(`${OP} admin Li Wei`)).toThrow(/role/);
    expect(() => parseTokens('short operator Li')).toThrow(/16/);
    expect(() => parseTokens(`${OP} operator`)).toThrow(/name/);
    expect(() => parseTokens(`${OP} operator <script>`)).toThrow(/name/);
    expect(() => parseTokens(`${OP} operator A\n${OP} viewer B`)).toThrow(/twice/);
    const refusal = (text: string): string => {
      try {
        parseTokens(text);
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    for (const bad of [`${OP} boss Li Wei`, `${OP} viewer`, `[{"token":"${OP}","role":"root","name":"x"}]`]) {
      expect(refusal(bad)).toMatch(/token entry 1/);
      expect(refusal(bad)).not.toContain(OP);
    }
  });

  it('takes tokens from LINETWIN_TOKENS or a file, and says where from without the token', () => {
    const fromEnv = loadTokens({ LINETWIN_TOKENS: `${OP} operator Li Wei` }, undefined);
    expect(fromEnv.tokens).toHaveLength(1);
    expect(fromEnv.source).toMatch(/LINETWIN_TOKENS/);
    const dir = mkdtempSync(join(tmpdir(), 'linetwin-tokens-'));
    const file = join(dir, 'tokens');
    writeFileSync(file, `${VIEW} viewer Wall display\n`);
    chmodSync(file, 0o600);
    const fromFile = loadTokens({}, file);
    expect(fromFile.tokens).toEqual([{ token: VIEW, role: 'viewer', name: 'Wall display' }]);
    expect(fromFile.source).toContain(file);
    expect(`${fromEnv.source} ${fromFile.source}`).not.toMatch(/token-0123/);
    expect(loadTokens({}, undefined).tokens).toEqual([]);
    expect(() => loadTokens({ LINETWIN_TOKENS: `${OP} operator Li Wei` }, file)).toThrow(/either/);
    expect(() => loadTokens({}, join(dir, 'missing'))).toThrow(/missing/);
  });
});

describe('bridge roles', () => {
  it('lets a viewer read and only an operator act', () => {
    const viewer = { role: 'viewer', name: 'Wall' } as const;
    for (const m of ['getPlant', 'getSnapshot', 'getHealth', 'listProfiles', 'exportAlarmJournal', 'getStateTimeline', 'getKpiTrend', 'listPlants'] as const) expect(mayCall(viewer, m), m).toBe(true);
    for (const m of ['ackAlarm', 'ackAllAlarms', 'shelveAlarm', 'unshelveAlarm', 'setAlarmOutOfService', 'saveProfile', 'connect', 'disconnect', 'selectPlant'] as const) {
      expect(mayCall(viewer, m), m).toBe(false);
      expect(mayCall(LOCAL_OPERATOR, m), m).toBe(true);
    }
  });
});

describe('port choice', () => {
  const occupy = (): Promise<Server> =>
    new Promise((ok) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => ok(s));
    });

  it('takes the next free port when the preferred one is busy, and says clearly when an explicit one is', async () => {
    const busy = await occupy();
    const busyPort = (busy.address() as AddressInfo).port;
    const server = createServer();
    const port = await listenOnPort(server, '127.0.0.1', { from: busyPort, tries: 20 });
    expect(port).toBeGreaterThan(busyPort);
    server.close();
    const other = createServer();
    const err = await listenOnPort(other, '127.0.0.1', { exact: busyPort }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortInUseError);
    expect((err as Error).message).toBe(`port ${busyPort} on 127.0.0.1 is already in use; choose another --port, or leave --port out to take the next free one`);
    busy.close();
  });
});
