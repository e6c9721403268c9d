import type { ProfileInput, ProfileList, ProfileSummary } from './connection-profile';
import type { PlantFile } from './plant-schema';
import type { Frame, Health, Snapshot, SourceInfo } from './views';

export interface PlantListEntry {
  id: string;
  name: { zh: string; en: string };
}

/** Every request the renderer can make, with its parameters and result. */
export interface BridgeMethods {
  getPlant: { params: void; result: PlantFile };
  listPlants: { params: void; result: PlantListEntry[] };
  selectPlant: { params: { id: string }; result: PlantFile };
  getSnapshot: { params: void; result: Snapshot };
  getHealth: { params: void; result: Health };
  listProfiles: { params: void; result: ProfileList };
  saveProfile: { params: ProfileInput; result: ProfileSummary };
  /** A saved broker profile, or the demo (embedded broker and simulator). */
  connect: { params: { profileId: string } | { demo: true }; result: SourceInfo };
  disconnect: { params: void; result: SourceInfo };
}

export type BridgeMethod = keyof BridgeMethods;

/** The names a renderer may call; the Electron shell and the host check requests against it. */
export const BRIDGE_METHODS: readonly BridgeMethod[] = ['getPlant', 'listPlants', 'selectPlant', 'getSnapshot', 'getHealth', 'listProfiles', 'saveProfile', 'connect', 'disconnect'];

export function isBridgeMethod(name: unknown): name is BridgeMethod {
  return typeof name === 'string' && (BRIDGE_METHODS as readonly string[]).includes(name);
}

export interface BridgeStreams {
  frame: Frame;
  plant: PlantFile;
}

export type BridgeStream = keyof BridgeStreams;

/** The one interface the renderer talks to, implemented over Electron IPC and over a WebSocket. */
export interface TwinBridge {
  readonly transport: 'electron' | 'websocket';
  request<M extends BridgeMethod>(method: M, params: BridgeMethods[M]['params']): Promise<BridgeMethods[M]['result']>;
  on<S extends BridgeStream>(stream: S, listener: (value: BridgeStreams[S]) => void): () => void;
}

/** Wire messages of the WebSocket transport (`/ws`). */
export type WireRequest = { type: 'req'; id: number; method: string; params?: unknown };
export type WireMessage =
  | { type: 'res'; id: number; ok: true; result: unknown }
  | { type: 'res'; id: number; ok: false; error: string }
  | { type: 'stream'; stream: BridgeStream; value: unknown };

/** IPC channel names of the Electron transport. */
export const IPC_REQUEST_CHANNEL = 'twin:request';
export const IPC_PORT_CHANNEL = 'twin:port';
