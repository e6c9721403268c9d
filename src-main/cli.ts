import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validateBrokerUrl, type ConnectionProfile } from './shared/connection-profile';
import { findElectronBinary } from './host/electron-runtime-path';
import { startHost } from './host/http-server';
import { Runtime } from './host/runtime';
import { loadPlantFile } from './core/plant/load-plant';
import { ProfileStore } from './core/profiles/profile-store';
import { MemorySecretStore } from './core/profiles/secret-store';
import { runSimulator } from './sim/sim-runner';

/** The app root: the CLI is built into `out/main/`. */
const APP_ROOT = resolve(__dirname, '..', '..');
const PLANTS_DIR = resolve(APP_ROOT, 'assets', 'plants');
const RENDERER_DIR = resolve(APP_ROOT, 'out', 'renderer');

const USAGE = `linetwin — digital-twin monitor for production lines

Usage:
  linetwin start                      desktop app in demo mode (falls back to the browser host without Electron)
  linetwin serve [options]            headless host: the UI in a browser, /api/health, /api/snapshot, /ws
      --port N                        port (default 5173; 0 picks a free one)
      --host ADDR                     bind address (default 127.0.0.1; any other needs --token)
      --token T                       access token for /api and /ws (Bearer header or ?token=)
      --plant FILE                    plant file (default: the built-in tire plant)
      --broker URL                    live broker (mqtt:// mqtts:// ws:// wss://); repeat for failover
      --mqtt-version 4|5              MQTT protocol version (default 4 = 3.1.1)
      --demo                          embedded broker and simulator (the default without --broker)
      --demo-broker-port N            embedded broker port (default 1883 or the next free one; 0 = any)
      --data-dir DIR                  where the alarm journal is kept (default: linetwin in the temp folder)
      --profiles FILE                 saved broker profiles (default ~/.config/linetwin/profiles.json;
                                      passwords are kept in memory only, never written)
  linetwin sim --broker URL [--plant FILE] [--seed N] [--speed X]
                                      publish a simulated plant to a broker
  linetwin help`;

function fail(message: string): never {
  process.stderr.write(`linetwin: ${message}\n`);
  process.exit(2);
}

const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  plant: { type: 'string' },
  broker: { type: 'string', multiple: true },
  'mqtt-version': { type: 'string' },
  demo: { type: 'boolean' },
  'demo-broker-port': { type: 'string' },
  'data-dir': { type: 'string' },
  profiles: { type: 'string' },
  seed: { type: 'string' },
  speed: { type: 'string' },
} as const;

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} must be a non-negative number, got ${value}`);
  return n;
}

function profileFrom(brokers: string[] | undefined, version: string | undefined, demo: boolean | undefined): ConnectionProfile | undefined {
  if (!brokers?.length || demo) return undefined;
  for (const url of brokers) {
    const problem = validateBrokerUrl(url);
    if (problem) fail(problem);
  }
  if (version !== undefined && version !== '4' && version !== '5') fail('--mqtt-version must be 4 or 5');
  return { urls: brokers, protocolVersion: version === '5' ? 5 : 4 };
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: SERVE_OPTIONS, strict: true });
  const runtime = await Runtime.start({
    plantsDir: PLANTS_DIR,
    plantFile: values.plant ? resolve(values.plant) : undefined,
    profile: profileFrom(values.broker, values['mqtt-version'], values.demo),
    demoBrokerPort: numberOption(values['demo-broker-port'], 'demo-broker-port', 1883),
    profiles: new ProfileStore(values.profiles ? resolve(values.profiles) : join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'linetwin', 'profiles.json'), new MemorySecretStore()),
    seed: numberOption(values.seed, 'seed', 1),
    simSpeed: numberOption(values.speed, 'speed', 1),
    dataDir: values['data-dir'] ? resolve(values['data-dir']) : undefined,
  });
  const host = await startHost({
    runtime,
    rendererDir: RENDERER_DIR,
    host: values.host,
    port: numberOption(values.port, 'port', 5173),
    token: values.token,
  });
  const tokenQuery = values.token ? `?token=${encodeURIComponent(values.token)}` : '';
  process.stdout.write(`LineTwin is serving ${runtime.engine.plant.name.en} at ${host.url}${tokenQuery}\n`);
  if (runtime.demoBrokerUrl) process.stdout.write(`Demo broker (MQTT 3.1.1): ${runtime.demoBrokerUrl}\n`);
  const shutdown = async (): Promise<void> => {
    await host.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

async function start(args: string[]): Promise<void> {
  const electron = findElectronBinary(APP_ROOT);
  if (!electron) {
    process.stdout.write('The Electron runtime is not installed here; serving the same UI in the browser instead.\n');
    return serve(['--demo', ...args]);
  }
  const child = spawn(electron, [APP_ROOT, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function sim(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { broker: { type: 'string' }, plant: { type: 'string' }, seed: { type: 'string' }, speed: { type: 'string' } }, strict: true });
  if (!values.broker) fail('sim needs --broker URL');
  const problem = validateBrokerUrl(values.broker);
  if (problem) fail(problem);
  const plant = await loadPlantFile(values.plant ? resolve(values.plant) : resolve(PLANTS_DIR, 'tire-plant.json'));
  const run = await runSimulator({ brokerUrl: values.broker, plant, seed: numberOption(values.seed, 'seed', 1), speed: numberOption(values.speed, 'speed', 1) });
  process.stdout.write(`Simulating ${plant.name.en} into ${values.broker}\n`);
  process.once('SIGINT', () => void run.stop().then(() => process.exit(0)));
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'start':
      return start(rest);
    case 'sim':
      return sim(rest);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      fail(`unknown command ${command}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((err: Error) => fail(err.message));
