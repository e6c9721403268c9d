/** Where the simulator's messages go: an MQTT client, or a test's array. */
export interface PublishTarget {
  publish(topic: string, payload: Uint8Array | string, opts: { retain: boolean; qos: 0 | 1 }): void;
}
