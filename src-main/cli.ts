import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validateBrokerUrl, type ConnectionProfile } from './shared/connection-profile';
import { defaultDataDir } from './host/data-dir';
import { browserHostArgs } from './host/desktop-switches';
import { findElectronBinary } from './host/electron-runtime-path';
import { ingestWorkerFile } from './host/ingest-worker-file';
import { startHost } from './host/http-server';
import { loadTokens, TOKENS_ENV, type LoadedTokens } from './host/tokens';
import { Runtime } from './host/runtime';
import type { RecordingOptions } from './host/session-recorder';
import { loadPlantFile } from './core/plant/load-plant';
import { ProfileStore } from './core/profiles/profile-store';
import { MemorySecretStore } from './core/profiles/secret-store';
import { runSimulator } from './sim/sim-runner';
import { recordSimulation } from './sim/sim-recording';
import { loadZstd } from './core/record/chunk-compression';
import { isScenario, SCENARIOS } from './sim/scenarios';

/** The app root: the CLI is built into `out/main/`. */
const APP_ROOT = resolve(__dirname, '..', '..');
const PLANTS_DIR = resolve(APP_ROOT, 'assets', 'plants');
const RENDERER_DIR = resolve(APP_ROOT, 'out', 'renderer');

const USAGE = `linetwin — digital-twin monitor for production lines

Usage:
  linetwin start                      desktop app in demo mode (falls back to the browser host without Electron)
  linetwin serve [options]            headless host: the UI in a browser, /api/health, /api/snapshot, /ws
      --port N                        exactly this port (0 picks a free one); without it 5173 or the next free one
      --host ADDR                     bind address (default 127.0.0.1; any other needs access tokens)
      --tokens-file FILE              access tokens, lines "TOKEN viewer|operator NAME" or JSON
                                      [{token, role, name}]; or set LINETWIN_TOKENS (same format,
                                      entries separated by commas). Open the UI once with ?token=TOKEN;
                                      API clients send "Authorization: Bearer TOKEN"
      --allow-host NAME               a name the host also answers to (its DNS name); repeatable
      --allow-origin URL              another origin whose pages may use /api and /ws; repeatable
      --plant FILE                    plant file (default: the built-in tire plant)
      --broker URL                    live broker (mqtt:// mqtts:// ws:// wss://); repeat for failover
      --mqtt-version 4|5              MQTT protocol version (default 4 = 3.1.1)
      --demo                          embedded broker and simulator (the default without --broker)
      --demo-broker-port N            embedded broker port (default 1883 or the next free one; 0 = any)
      --data-dir DIR                  data folder, one alarm journal per plant in it
                                      (default $XDG_DATA_HOME/linetwin or ~/.local/share/linetwin)
      --profiles FILE                 saved broker profiles (default ~/.config/linetwin/profiles.json;
                                      passwords are kept in memory only, never written)
      --record-dir DIR                flight recordings folder (default <data-dir>/recordings); every
                                      live and demo session is recorded there as MCAP segments
      --segment-minutes N             minutes per recording segment (default 5)
      --retention-days N              delete recording segments older than this (default 7)
      --retention-gb N                keep at most this much of recordings, oldest deleted first (default 20)
      --no-record                     do not record
      --no-demo-night-shift           in the demo, do not record last night's shift from the simulator
                                      (made once per plant in the background, so replay can be shown at once)
      --replay PATH                   start replaying a recording (an .mcap file or a session folder)
      --trace-db postgres://…         keep genealogy on a PostgreSQL server (default: <data-dir>/<plant>/trace/)
      --trace-retention-days N        genealogy kept this long (default 90)
  linetwin sim --broker URL [options]  publish a simulated plant to a broker
  linetwin sim --record DIR [options]  write a recording (MCAP segments in DIR) straight from the simulator,
                                      no broker, as fast as the CPU goes (--duration default 3600)
      --plant FILE                    plant file (default: the built-in tire plant)
      --format uns|sparkplug          UNS JSON (default) or Sparkplug B (one edge node per line)
      --seed N                        same seed and --start, same messages (default 1)
      --speed X|max                   simulated seconds per second, or as fast as the broker takes them
      --duration S                    simulated seconds to run, then exit (default: until Ctrl-C)
      --start ISO|MS                  simulated start time (default: now)
      --scenario NAME                 ${SCENARIOS.join(' | ')}
  linetwin help`;

function fail(message: string): never {
  process.stderr.write(`linetwin: ${message}\n`);
  process.exit(2);
}

const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'tokens-file': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'allow-origin': { type: 'string', multiple: true },
  plant: { type: 'string' },
  broker: { type: 'string', multiple: true },
  'mqtt-version': { type: 'string' },
  demo: { type: 'boolean' },
  'demo-broker-port': { type: 'string' },
  'data-dir': { type: 'string' },
  profiles: { type: 'string' },
  seed: { type: 'string' },
  speed: { type: 'string' },
  'record-dir': { type: 'string' },
  'segment-minutes': { type: 'string' },
  'retention-days': { type: 'string' },
  'retention-gb': { type: 'string' },
  'no-record': { type: 'boolean' },
  'no-demo-night-shift': { type: 'boolean' },
  replay: { type: 'string' },
  'trace-db': { type: 'string' },
  'trace-retention-days': { type: 'string' },
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

/** Where the tokens come from, said without them. */
function accessLine(access: LoadedTokens): string {
  const count = (role: string): number => access.tokens.filter((t) => t.role === role).length;
  return `Access: ${access.tokens.length} token(s) from ${access.source} (${count('operator')} operator, ${count('viewer')} viewer); open the URL once with ?token=<your token>, the browser keeps it in a cookie\n`;
}

/** `linetwin <version>`: what the recordings say wrote them. */
function library(): string {
  try {
    return `linetwin ${(JSON.parse(readFileSync(resolve(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version}`;
  } catch {
    return 'linetwin';
  }
}

const positive = (value: string | undefined, name: string, fallback: number): number => {
  const n = numberOption(value, name, fallback);
  if (n === 0) fail(`--${name} must be above 0`);
  return n;
};

function recordingOptions(values: { 'record-dir'?: string; 'segment-minutes'?: string; 'retention-days'?: string; 'retention-gb'?: string; 'no-record'?: boolean }): RecordingOptions {
  return {
    off: values['no-record'] === true,
    dir: values['record-dir'] === undefined ? undefined : resolve(values['record-dir']),
    segmentMs: positive(values['segment-minutes'], 'segment-minutes', 5) * 60_000,
    retentionMs: positive(values['retention-days'], 'retention-days', 7) * 24 * 3_600_000,
    retentionBytes: positive(values['retention-gb'], 'retention-gb', 20) * 1024 ** 3,
    library: library(),
  };
}

function traceDbOption(url: string | undefined): string | undefined {
  if (url !== undefined && !/^postgres(ql)?:\/\//i.test(url)) fail('--trace-db takes a postgres:// URL');
  return url;
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: SERVE_OPTIONS, strict: true });
  if (values.token !== undefined) fail(`--token is no longer taken: every user of the machine sees the command line; put tokens in ${TOKENS_ENV} or a file given with --tokens-file`);
  const access = loadTokens(process.env, values['tokens-file'] === undefined ? undefined : resolve(values['tokens-file']));
  const runtime = await Runtime.start({
    plantsDir: PLANTS_DIR,
    ingestWorker: ingestWorkerFile(__dirname),
    plantFile: values.plant ? resolve(values.plant) : undefined,
    profile: profileFrom(values.broker, values['mqtt-version'], values.demo),
    demoBrokerPort: numberOption(values['demo-broker-port'], 'demo-broker-port', 1883),
    profiles: new ProfileStore(values.profiles ? resolve(values.profiles) : join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'linetwin', 'profiles.json'), new MemorySecretStore()),
    seed: numberOption(values.seed, 'seed', 1),
    simSpeed: numberOption(values.speed, 'speed', 1),
    dataDir: resolve(values['data-dir'] ?? defaultDataDir(process.env, homedir())),
    recording: recordingOptions(values),
    demoNightShift: !values['no-demo-night-shift'],
    replay: values.replay === undefined ? undefined : resolve(values.replay),
    traceDb: traceDbOption(values['trace-db']),
    traceRetentionDays: positive(values['trace-retention-days'], 'trace-retention-days', 90),
  });
  const host = await startHost({
    runtime,
    rendererDir: RENDERER_DIR,
    host: values.host,
    port: values.port === undefined ? undefined : numberOption(values.port, 'port', 0),
    tokens: access.tokens,
    hostNames: values['allow-host'],
    allowedOrigins: values['allow-origin'],
  });
  process.stdout.write(`LineTwin is serving ${runtime.engine.plant.name.en} at ${host.url}\n`);
  if (access.tokens.length > 0) process.stdout.write(accessLine(access));
  if (access.warning) process.stderr.write(`linetwin: warning: ${access.warning}\n`);
  if (runtime.demoBrokerUrl) process.stdout.write(`Demo broker (MQTT 3.1.1): ${runtime.demoBrokerUrl}\n`);
  const replay = runtime.replay;
  if (replay) process.stdout.write(`Replaying ${replay.path} (${new Date(replay.start).toISOString()} to ${new Date(replay.end).toISOString()})\n`);
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
    const fallback = browserHostArgs(args);
    if (fallback.desktopOnly.length > 0) {
      process.stdout.write(`${fallback.desktopOnly.join(' ')}: desktop app only, left out here (in a browser: chromium --kiosk <url> for a kiosk, <url>?view=kpi, ?view=alarms or ?view=line:<id> for a wall display).\n`);
    }
    return serve(['--demo', ...fallback.args]);
  }
  const child = spawn(electron, [APP_ROOT, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const SIM_OPTIONS = {
  broker: { type: 'string' },
  plant: { type: 'string' },
  format: { type: 'string' },
  seed: { type: 'string' },
  speed: { type: 'string' },
  duration: { type: 'string' },
  start: { type: 'string' },
  scenario: { type: 'string' },
  record: { type: 'string' },
  'segment-minutes': { type: 'string' },
} as const;

/** Simulated seconds `sim --record` writes without --duration: an hour. */
const DEFAULT_RECORD_SECONDS = 3600;

function startOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) fail(`--start must be an ISO 8601 time or epoch milliseconds, got ${value}`);
  return t;
}

async function sim(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: SIM_OPTIONS, strict: true });
  if (values.record !== undefined) return simRecord(values, values.record);
  if (!values.broker) fail('sim needs --broker URL or --record DIR');
  const problem = validateBrokerUrl(values.broker);
  if (problem) fail(problem);
  const format = values.format ?? 'uns';
  if (format !== 'uns' && format !== 'sparkplug') fail('--format must be uns or sparkplug');
  const scenario = values.scenario ?? 'normal';
  if (!isScenario(scenario)) fail(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  const plant = await loadPlantFile(values.plant ? resolve(values.plant) : resolve(PLANTS_DIR, 'tire-plant.json'));
  const speed = values.speed === 'max' ? 'max' : numberOption(values.speed, 'speed', 1);
  if (speed === 0) fail('--speed must be above 0 or max');
  const run = await runSimulator({
    brokerUrl: values.broker,
    plant,
    format,
    scenario,
    seed: numberOption(values.seed, 'seed', 1),
    speed,
    start: startOption(values.start),
    durationS: values.duration === undefined ? undefined : numberOption(values.duration, 'duration', 0),
  });
  process.stdout.write(`Simulating ${plant.name.en} (${scenario}, ${format}) into ${values.broker}\n`);
  const finish = async (): Promise<void> => {
    await run.stop();
    const s = run.stats();
    process.stdout.write(`Published ${s.published} messages up to ${new Date(s.simTime).toISOString()} (simulated); ${s.dropped} dropped, ${s.reconnects} reconnects\n`);
    process.exit(0);
  };
  process.once('SIGINT', () => void finish());
  if (values.duration !== undefined) await run.done.then(finish);
}

async function simRecord(values: { plant?: string; format?: string; seed?: string; duration?: string; start?: string; scenario?: string; 'segment-minutes'?: string }, dir: string): Promise<void> {
  const format = values.format ?? 'uns';
  if (format !== 'uns' && format !== 'sparkplug') fail('--format must be uns or sparkplug');
  const scenario = values.scenario ?? 'normal';
  if (!isScenario(scenario)) fail(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  const plant = await loadPlantFile(values.plant ? resolve(values.plant) : resolve(PLANTS_DIR, 'tire-plant.json'));
  const start = startOption(values.start) ?? Date.now();
  const seconds = positive(values.duration, 'duration', DEFAULT_RECORD_SECONDS);
  const r = await recordSimulation({
    plant,
    dir: resolve(dir),
    format,
    scenario,
    seed: numberOption(values.seed, 'seed', 1),
    start,
    durationMs: seconds * 1000,
    segmentMs: positive(values['segment-minutes'], 'segment-minutes', 5) * 60_000,
    library: library(),
    compression: await loadZstd(),
    keyframeOf: (engine) => engine.keyframe(),
  });
  if (r.recorder.error) fail(`recording failed: ${r.recorder.error}`);
  process.stdout.write(
    `Recorded ${r.messages} messages of ${plant.name.en} (${scenario}, ${format}) from ${new Date(r.from).toISOString()} to ${new Date(r.to).toISOString()} in ${(r.wallMs / 1000).toFixed(1)} s: ${r.recorder.segments} segments, ${r.recorder.bytes} bytes in ${resolve(dir)}\n`,
  );
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
