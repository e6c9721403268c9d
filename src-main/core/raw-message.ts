/** One MQTT message as a source delivers it, before decoding. */
export interface RawMessage {
  topic: string;
  payload: Uint8Array;
  /** Clock time (ms) the message was received. */
  receivedAt: number;
  retain: boolean;
  qos: 0 | 1 | 2;
}
