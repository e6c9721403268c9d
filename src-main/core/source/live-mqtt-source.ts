import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { ConnectionProfile } from '../../shared/connection-profile';
import type { ConnectionState } from '../../shared/views';
import { backoffDelay } from './backoff';

/**
 * mqtt.js writes some eight debug lines per received packet; even switched off they cost a
 * measurable share of live ingest, so they are skipped unless asked for (DEBUG=mqttjs*).
 */
const MQTT_DEBUG = /\*|mqttjs/.test(process.env.DEBUG ?? '');
const noLog = (): void => undefined;

export interface LiveSourceStatus {
  connection: ConnectionState;
  url: string;
  lastError?: string;
}

export interface LiveSourceHandlers {
  message(topic: string, payload: Buffer, retain: boolean, qos: 0 | 1 | 2): void;
  status(status: LiveSourceStatus): void;
}

/**
 * One subscription to a broker, kept alive: each failed or lost connection is retried after
 * an exponential delay with jitter, moving to the next URL of the profile (failover).
 */
export class LiveMqttSource {
  private client: MqttClient | undefined;
  private attempt = 0;
  private urlIndex = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private status: LiveSourceStatus;

  constructor(
    private readonly profile: ConnectionProfile,
    private readonly topics: string[],
    private readonly handlers: LiveSourceHandlers,
  ) {
    this.status = { connection: 'idle', url: profile.urls[0] ?? '' };
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.endAsync(true).catch(() => undefined);
    this.setStatus({ connection: 'offline', url: this.status.url });
  }

  /** Publishes one message (a Sparkplug rebirth request); false when not connected, nothing queued. */
  publish(topic: string, payload: Uint8Array): boolean {
    if (!this.client || this.status.connection !== 'connected') return false;
    this.client.publish(topic, Buffer.from(payload), { qos: 0, retain: false });
    return true;
  }

  private connect(): void {
    const url = this.profile.urls[this.urlIndex % this.profile.urls.length] ?? '';
    this.setStatus({ connection: this.attempt === 0 ? 'connecting' : 'reconnecting', url, lastError: this.status.lastError });
    const client = mqtt.connect(url, this.clientOptions());
    this.client = client;
    let failed = false;
    const fail = (reason: string): void => {
      if (failed || this.client !== client) return;
      failed = true;
      client.removeAllListeners('message');
      client.end(true);
      this.client = undefined;
      this.scheduleRetry(reason);
    };
    client.on('connect', () => {
      this.attempt = 0;
      // Connected means data can flow: until the broker acknowledges the subscriptions, a
      // publish from the plant would pass this client by.
      client.subscribe(this.topics, { qos: 1 }, (err) => {
        if (this.client !== client) return;
        this.setStatus({ connection: 'connected', url, lastError: err ? `subscribe failed: ${err.message}` : undefined });
      });
    });
    client.on('message', (topic, payload, packet) => this.handlers.message(topic, payload, packet.retain, packet.qos));
    client.on('error', (err) => fail(err.message));
    client.on('close', () => fail(this.status.connection === 'connected' ? 'connection closed' : 'connection refused or closed'));
  }

  private scheduleRetry(reason: string): void {
    if (this.stopped) return;
    this.attempt += 1;
    this.urlIndex += 1;
    this.setStatus({ connection: 'reconnecting', url: this.status.url, lastError: reason });
    this.retryTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt - 1));
  }

  private clientOptions(): IClientOptions {
    const p = this.profile;
    return {
      protocolVersion: p.protocolVersion,
      clientId: p.clientId ?? `linetwin-${Math.random().toString(16).slice(2, 10)}`,
      username: p.username,
      password: p.password,
      keepalive: p.keepaliveSeconds ?? 30,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      ca: p.tls?.ca,
      cert: p.tls?.cert,
      key: p.tls?.key,
      rejectUnauthorized: p.tls?.rejectUnauthorized ?? true,
      log: MQTT_DEBUG ? undefined : noLog,
    };
  }

  private setStatus(s: LiveSourceStatus): void {
    this.status = s;
    this.handlers.status(s);
  }
}
