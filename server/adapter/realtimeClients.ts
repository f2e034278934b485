/**
 * PocketBase's realtime clients as the server's own signals (queueSignals.ts, inboxSignals.ts)
 * address them: the clients subscribed to a topic, each with the account it signed in as, and a
 * message sent to one. A signal decides its recipients in memory; PocketBase's record
 * subscriptions run a rule query per subscriber for every record written instead.
 */
import type { PbRecord } from './pocketbase.js';

/** A realtime client of PocketBase's subscription broker, narrowly. */
interface RealtimeClient {
  get(key: string): unknown;
  hasSubscription(topic: string): boolean;
  send(message: unknown): void;
}

/** The auth record a realtime client holds, narrowly. */
export interface ClientAuth extends PbRecord {
  isSuperuser(): boolean;
}

/** A client subscribed to a topic: who it signed in as (`null`: a guest), and how to reach it. */
export interface TopicSubscriber {
  auth: ClientAuth | null;
  send(data: Record<string, unknown>): void;
}

declare const $app: { subscriptionsBroker(): { clients(): Record<string, RealtimeClient> } };
declare const SubscriptionMessage: new (fields: { name: string; data: string }) => unknown;

/** The clients subscribed to `topic` now; each `send` delivers a message under that topic, as JSON. */
export function subscribersOf(topic: string): TopicSubscriber[] {
  const clients = $app.subscriptionsBroker().clients();
  const subscribers: TopicSubscriber[] = [];
  for (const id of Object.keys(clients)) {
    const client = clients[id]!;
    if (!client.hasSubscription(topic)) continue;
    subscribers.push({
      auth: (client.get('auth') as ClientAuth | null | undefined) ?? null,
      send: (data) => client.send(new SubscriptionMessage({ name: topic, data: JSON.stringify(data) })),
    });
  }
  return subscribers;
}

/** The app's logger, narrowly: a signal's failure is logged, never thrown (its write has committed). */
export interface LoggingApp {
  logger(): { error(message: string, ...attributes: unknown[]): void };
}
