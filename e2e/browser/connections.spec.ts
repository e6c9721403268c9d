import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import type { StationView } from '../../src-main/shared/views';
import { hasMosquitto, MOSQUITTO, startMosquitto, type Mosquitto } from '../../test/support/brokers';
import { startHost, type HostProcess } from '../support/host-process';

const STATION = 'CP-01';
const STATE_TOPIC = `qingdao/tire-plant/curing/${STATION}/state`;

test.skip(!hasMosquitto, `${MOSQUITTO} is not installed; these tests connect the UI to a real mosquitto`);

let host: HostProcess;
let broker: Mosquitto;
let dir: string;
test.beforeAll(async () => {
  broker = await startMosquitto({ tls: true });
  // Profiles in a throwaway file: saved ones would otherwise pile up in the user's ~/.config.
  dir = mkdtempSync(join(tmpdir(), 'linetwin-e2e-'));
  host = await startHost(['--demo', '--profiles', join(dir, 'profiles.json'), '--data-dir', dir]);
});
test.afterAll(async () => {
  await host?.stop();
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function station(request: APIRequestContext, id: string): Promise<StationView | undefined> {
  const snapshot = (await (await request.get(`${host.url}api/snapshot`)).json()) as { stations: Record<string, StationView> };
  return snapshot.stations[id];
}

async function openDialog(page: Page): Promise<void> {
  await page.getByTestId('connections-button').click();
  await expect(page.getByTestId('connections-dialog')).toBeVisible();
}

test('create a broker profile in the UI, connect to mosquitto, receive a station state, lose the broker, back to the demo', async ({ page, request }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  const button = page.getByTestId('connections-button');
  await expect(button).toHaveAttribute('data-state', 'connected');
  await expect(button).toContainText(/Demo|演示/);

  await openDialog(page);
  await expect(page.getByTestId('connections-state')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('profile-new').click();
  await expect(page.getByTestId('password-storage-note')).not.toBeEmpty();

  // The same rule as the host's: a bad line is named beside the field and nothing is saved.
  await page.getByTestId('profile-name').fill('Curing hall (e2e)');
  await page.getByTestId('profile-urls').fill(`http://127.0.0.1:${broker.port}\n${broker.url}`);
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('field-error')).toContainText(/1.*unsupported scheme http:/);

  await page.getByTestId('profile-urls').fill(broker.url);
  await page.getByTestId('profile-version').selectOption('5');
  await page.getByTestId('profile-verify').uncheck();
  await expect(page.getByTestId('profile-verify-warning')).toBeVisible();
  await page.getByTestId('profile-verify').check();
  await expect(page.getByTestId('profile-rebirth')).not.toBeChecked();
  await page.getByTestId('profile-save').click();

  const row = page.locator('[data-testid="profile-row"][data-name="Curing hall (e2e)"]');
  await expect(row).toContainText(broker.url);
  await expect(row).toContainText('MQTT 5');
  await page.getByTestId('connections-dialog').screenshot({ path: testInfo.outputPath('connections-dialog.png') });
  await row.getByTestId('profile-connect').click();
  await expect(page.getByTestId('connections-state')).toHaveAttribute('data-state', 'connected');

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('connections-dialog')).toBeHidden();
  const status = page.getByTestId('connection');
  await expect(status).toHaveAttribute('data-state', 'connected');
  await expect(status).toContainText(broker.url);
  await expect(button).toContainText(broker.url);

  const client = await mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0 });
  try {
    await client.publishAsync(STATE_TOPIC, JSON.stringify({ ts: Date.now(), state: 'MAINTENANCE', reason: 'e2e mould change' }), { qos: 1, retain: true });
  } finally {
    await client.endAsync(true);
  }
  await expect.poll(async () => (await station(request, STATION))?.reason).toBe('e2e mould change');
  expect((await station(request, STATION))?.state).toBe('MAINTENANCE');
  await expect.poll(() => page.evaluate((id) => window.__linetwin?.scene().stations[id]?.state, STATION)).toBe('MAINTENANCE');

  // The broker vanishes without a goodbye: the client retries and the station's data is stale.
  await broker.kill();
  await expect(status).toHaveAttribute('data-state', /reconnecting|connecting/);
  await expect(button).toHaveAttribute('data-state', /reconnecting|connecting/);
  await expect.poll(async () => (await station(request, STATION))?.stale).toBe(true);
  await openDialog(page);
  await expect(page.getByTestId('connections-last-error')).not.toBeEmpty();

  await page.getByTestId('connections-demo').click();
  await expect(page.getByTestId('connections-state')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('connections-close').click();
  await expect(status).toHaveAttribute('data-state', 'connected');
  await expect(status).toContainText(/Demo|演示/);
  await expect.poll(async () => (await station(request, STATION))?.stale).toBe(false);
  expect(errors).toEqual([]);
  await broker.restart();
});

test('a TLS profile with the CA loaded from a file verifies the broker; the password is never shown back', async ({ page }, testInfo) => {
  const certificates = broker.certificates;
  const tlsUrl = broker.tlsUrl;
  if (!certificates || !tlsUrl) throw new Error('mosquitto started without TLS');
  await page.goto(host.url);
  await openDialog(page);
  await page.getByTestId('profile-new').click();
  await page.getByTestId('profile-name').fill('TLS (e2e)');
  await page.getByTestId('profile-urls').fill(tlsUrl);
  await page.getByTestId('profile-username').fill('twin');
  await page.getByTestId('profile-password').fill('s3cret-e2e');
  await page.getByTestId('profile-ca-file').setInputFiles(certificates.caFile);
  await expect(page.getByTestId('profile-ca-status')).toContainText(String(certificates.ca.length));
  // A file that is not PEM is refused in the form, before the TLS handshake could fail on it.
  await page.getByTestId('profile-cert-file').setInputFiles({ name: 'client.der', mimeType: 'application/octet-stream', buffer: Buffer.from([0x30, 0x82, 0x01]) });
  await expect(page.getByTestId('field-error')).toBeVisible();
  await page.getByTestId('profile-verify').uncheck();
  await page.screenshot({ path: testInfo.outputPath('profile-editor.png') });
  await page.getByTestId('profile-verify').check();
  await page.getByTestId('profile-save').click();

  const row = page.locator('[data-testid="profile-row"][data-name="TLS (e2e)"]');
  await row.getByTestId('profile-edit').click();
  await expect(page.getByTestId('profile-password')).toHaveValue('');
  await expect(page.getByTestId('profile-password')).toHaveAttribute('placeholder', /stored|已保存/);
  await expect(page.getByTestId('profile-ca-status')).toContainText(String(certificates.ca.length));
  expect(await page.content()).not.toContain('s3cret-e2e');
  await page.getByTestId('profile-cancel').click();

  await row.getByTestId('profile-connect').click();
  await expect(page.getByTestId('connections-state')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('connection')).toContainText(tlsUrl);
  await page.getByTestId('connections-demo').click();
  await expect(page.getByTestId('connections-state')).toContainText(/Demo|演示/);
});
