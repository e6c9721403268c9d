import type { SimSink } from './plant-simulator';
import type { PublishTarget } from './publish-target';

export interface Will {
  topic: string;
  payload: Uint8Array;
  retain: boolean;
  qos: 0 | 1;
}

/**
 * Turns simulation records into MQTT messages for one or more broker sessions (one per
 * Sparkplug edge node, one for UNS JSON). The runner owns the connections; the encoder owns
 * what each session must say when it (re)connects.
 */
export interface SessionEncoder extends SimSink {
  readonly sessions: readonly string[];
  /** Messages lost because their session was offline. */
  readonly dropped: number;
  /** The Will to connect the session with; asked before every connection attempt. */
  will(session: string): Will | undefined;
  /** The session is connected: say what a newly joined host needs, then publish live. */
  online(session: string, target: PublishTarget): void;
  offline(session: string): void;
}
