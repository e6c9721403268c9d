type Done = (error?: Error) => void;

/** The one method of an aedes broker this wraps, as aedes calls it: from a client's PUBLISH, or with no client. */
export interface PublishingBroker {
  publish(packet: { retain?: boolean }, client: unknown, done?: Done): void;
}

interface Waiting {
  packet: { retain?: boolean };
  client: unknown;
  done: Done | undefined;
}

/**
 * aedes numbers each packet as it starts publishing it and hands a subscriber only packets
 * numbered above the last one it got (its dedupe of overlapping subscriptions). A retained
 * packet waits for its store while the packets after it go straight out, so it arrives
 * numbered below them and is dropped: a station's FAULT, published just before its count,
 * never reached the twin (moscajs/aedes#955). Publishes are therefore started in order behind
 * a retained one until it has gone out; without one in flight they pass untouched. The queue
 * holds at most one socket read per client: aedes reads a client's next chunk only when the
 * publishes of the last one are done.
 */
export function keepPublishOrder(broker: PublishingBroker): void {
  const publish = broker.publish.bind(broker);
  const waiting: Waiting[] = [];
  let retainedInFlight = false;

  const start = (item: Waiting): void => {
    if (!item.packet.retain) {
      publish(item.packet, item.client, item.done);
      return;
    }
    retainedInFlight = true;
    publish(item.packet, item.client, (error) => {
      retainedInFlight = false;
      item.done?.(error);
      drain();
    });
  };

  const drain = (): void => {
    while (!retainedInFlight) {
      const next = waiting.shift();
      if (!next) return;
      start(next);
    }
  };

  broker.publish = (packet, client, done) => {
    // aedes.publish(packet, done) leaves the client out.
    const item = typeof client === 'function' ? { packet, client: null, done: client as Done } : { packet, client, done };
    if (retainedInFlight) waiting.push(item);
    else start(item);
  };
}
