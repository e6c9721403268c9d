import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { APP_ROOT, startHost, type HostProcess } from '../support/host-process';

const OPERATOR_TOKEN = 'op-e2e-token-0123456789abcdef';
const VIEWER_TOKEN = 'view-e2e-token-0123456789abcdef';

/** The tire plant with a rule every curing press breaks at once: unacknowledged alarms without waiting for a fault. */
function alarmPlantArgs(): string[] {
  const plant = JSON.parse(readFileSync(resolve(APP_ROOT, 'assets/plants/tire-plant.json'), 'utf8')) as { lines: Array<{ id: string; alarms?: unknown[] }> };
  plant.lines.find((l) => l.id === 'curing')?.alarms?.push({ id: 'e2e', metric: 'platenTempC', limits: { h: 0 }, onDelaySeconds: 0, offDelaySeconds: 0, priority: 2, text: { zh: '测试报警', en: 'Test alarm' } });
  const dir = mkdtempSync(join(tmpdir(), 'linetwin-e2e-security-'));
  writeFileSync(join(dir, 'plant.json'), JSON.stringify(plant));
  return ['--demo', '--plant', join(dir, 'plant.json'), '--data-dir', dir];
}

/** A page on another origin that tries what a malicious site would: the bridge, and a form POST that needs no preflight. */
const ATTACK_PAGE = `<!doctype html><title>vendor site</title>
<form id="ack" method="POST" enctype="text/plain"><input name='{"x":"' value='"}'></form>
<script>
  const target = new URLSearchParams(location.search).get('target');
  document.getElementById('ack').action = target + 'api/alarms/ack-all';
  window.bridge = new Promise((done) => {
    const ws = new WebSocket(target.replace('http', 'ws') + 'ws');
    ws.onopen = () => done('open');
    ws.onerror = () => done('refused');
  });
</script>`;

function startAttackSite(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(ATTACK_PAGE);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

async function unackedAlarmIds(request: APIRequestContext, host: HostProcess, headers: Record<string, string> = {}): Promise<string[]> {
  const snap = (await (await request.get(`${host.url}api/snapshot`, { headers })).json()) as { alarms: Array<{ id: string; state: string }> };
  return snap.alarms.filter((a) => a.state === 'UNACK_ACTIVE').map((a) => a.id);
}

async function journal(request: APIRequestContext, host: HostProcess, headers: Record<string, string> = {}): Promise<string> {
  return (await request.get(`${host.url}api/alarms/journal.csv`, { headers })).text();
}

/** The attack page tries the bridge and the form against `host`; returns what each got. */
async function attack(page: Page, site: string, host: HostProcess): Promise<{ bridge: string; formStatus: number | undefined }> {
  await page.goto(`${site}?target=${encodeURIComponent(host.url)}`);
  const bridge = await page.evaluate(() => (window as unknown as { bridge: Promise<string> }).bridge);
  const [response] = await Promise.all([page.waitForNavigation(), page.evaluate(() => (document.getElementById('ack') as HTMLFormElement).submit())]);
  return { bridge, formStatus: response?.status() };
}

function statusWithHost(url: string, host: string): Promise<number> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    httpRequest({ host: u.hostname, port: u.port, path: '/api/health', headers: { host } }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    })
      .on('error', fail)
      .end();
  });
}

let site: { server: Server; url: string };
test.beforeAll(async () => {
  site = await startAttackSite();
});
test.afterAll(async () => {
  await new Promise((done) => site.server.close(done));
});

test.describe('loopback host without tokens', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHost(alarmPlantArgs());
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('a page on another origin can neither open the bridge nor acknowledge alarms with a text/plain form POST', async ({ page, request }) => {
    await expect.poll(async () => (await unackedAlarmIds(request, host)).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const before = await unackedAlarmIds(request, host);
    // The demo's prefilled history may already hold acknowledgements ('demo history'): none may come after the attack.
    const acksBefore = (await journal(request, host)).match(/,ACK,/g)?.length ?? 0;

    const result = await attack(page, site.url, host);
    expect(result.bridge).toBe('refused');
    expect([403, 415]).toContain(result.formStatus);

    // The host's own page still opens the bridge: the refusal is the origin's, not a broken host.
    await page.goto(host.url);
    expect(await page.evaluate(() => new Promise((done) => {
      const ws = new WebSocket(`ws://${location.host}/ws`);
      ws.onopen = () => done('open');
      ws.onerror = () => done('refused');
    }))).toBe('open');

    const after = await unackedAlarmIds(request, host);
    expect(after).toEqual(expect.arrayContaining(before));
    expect((await journal(request, host)).match(/,ACK,/g)?.length ?? 0).toBe(acksBefore);
  });

  test('a request for another host name (DNS rebinding) is refused', async () => {
    const port = new URL(host.url).port;
    expect(await statusWithHost(host.url, 'evil.example')).toBe(403);
    expect(await statusWithHost(host.url, `evil.example:${port}`)).toBe(403);
    expect(await statusWithHost(host.url, `localhost:${port}`)).toBe(200);
  });

  test('an explicit --port that is taken is a one-line error, exit 2', async () => {
    const port = new URL(host.url).port;
    const child = spawn(process.execPath, [resolve(APP_ROOT, 'bin/linetwin.mjs'), 'serve', '--port', port, '--demo', '--demo-broker-port', '0'], { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Should the port be free after all, the host would run on: end it rather than leave it behind.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise((done) => child.once('exit', done));
    clearTimeout(timer);
    expect(code).toBe(2);
    expect(stderr).toBe(`linetwin: port ${port} on 127.0.0.1 is already in use; choose another --port, or leave --port out to take the next free one\n`);
  });
});

test.describe('host with viewer and operator tokens', () => {
  let host: HostProcess;
  test.beforeAll(async () => {
    host = await startHost(alarmPlantArgs(), { env: { LINETWIN_TOKENS: `${OPERATOR_TOKEN} operator Li Wei, ${VIEWER_TOKEN} viewer Wall display` } });
  });
  test.afterAll(async () => {
    await host.stop();
  });

  test('says where the tokens come from, never the tokens', async () => {
    await expect.poll(() => host.output()).toContain('Access: 2 token(s) from the environment variable LINETWIN_TOKENS (1 operator, 1 viewer)');
    expect(host.output()).not.toContain(OPERATOR_TOKEN);
    expect(host.output()).not.toContain(VIEWER_TOKEN);
  });

  test('?token= moves into an HttpOnly SameSite=Strict cookie and out of the URL; the UI runs on it', async ({ page, context }) => {
    await page.goto(`${host.url}?token=${VIEWER_TOKEN}`);
    expect(page.url()).toBe(host.url);
    const cookie = (await context.cookies(host.url)).find((c) => c.value === VIEWER_TOKEN);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await expect(page.getByTestId('alarm-list')).toBeVisible();
    await expect(page.getByTestId('alarm-row').first()).toBeVisible({ timeout: 60_000 });
    // The name the journal would record is the token's, and it cannot be typed over.
    await expect(page.getByTestId('alarm-operator')).toHaveValue('Wall display');
    await expect(page.getByTestId('alarm-operator')).not.toBeEditable();
  });

  test('a page on another origin gets nowhere even with the cookie in the browser', async ({ page }) => {
    await page.goto(`${host.url}?token=${OPERATOR_TOKEN}`);
    const result = await attack(page, site.url, host);
    expect(result.bridge).toBe('refused');
    expect([403, 415]).toContain(result.formStatus);
  });

  test("a viewer's acknowledgement is refused (403); an operator's is journaled under the token's name", async ({ request }) => {
    const viewer = { authorization: `Bearer ${VIEWER_TOKEN}` };
    const operator = { authorization: `Bearer ${OPERATOR_TOKEN}` };
    await expect.poll(async () => (await unackedAlarmIds(request, host, viewer)).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const [id] = await unackedAlarmIds(request, host, viewer);
    const refused = await request.post(`${host.url}api/alarms/ack`, { headers: viewer, data: { id } });
    expect(refused.status()).toBe(403);
    expect(await unackedAlarmIds(request, host, viewer)).toContain(id);

    const done = await request.post(`${host.url}api/alarms/ack`, { headers: operator, data: { id, by: 'Mallory' } });
    expect(done.status()).toBe(200);
    await expect.poll(() => journal(request, host, operator)).toMatch(new RegExp(`,ACK,${id},[^,]*,\\d,ACK_ACTIVE,Li Wei,`));
    expect(await journal(request, host, operator)).not.toContain('Mallory');
  });
});

test('two hosts started without --port both run, on different ports', async ({ request }) => {
  const hosts: HostProcess[] = [];
  try {
    hosts.push(await startHost(['--demo'], { defaultPort: true }));
    hosts.push(await startHost(['--demo'], { defaultPort: true }));
    const [first, second] = hosts.map((h) => h.url);
    expect(first).not.toBe(second);
    expect(Number(new URL(first ?? '').port)).toBeGreaterThanOrEqual(5173);
    for (const h of hosts) expect((await request.get(`${h.url}api/health`)).status()).toBe(200);
  } finally {
    await Promise.all(hosts.map((h) => h.stop()));
  }
});
