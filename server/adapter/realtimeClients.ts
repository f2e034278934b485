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
  /** Delivers a message made once by {@link topicMessage}. */
  send(message: TopicMessage): void;
}

/** A message under a topic, made once and sent to each of its recipients. */
export interface TopicMessage {
  readonly topicMessage: unknown;
}

/** A connected client, whoever it is and whatever it subscribed to: who it signed in as, and how to end it. */
export interface ConnectedClient {
  auth: ClientAuth | null;
  discard(): void;
}

declare const $app: { subscriptionsBroker(): { clients(): Record<string, RealtimeClient & { discard(): void }> } };
declare const SubscriptionMessage: new (fields: { name: string; data: string }) => unknown;

/** Who a broker client signed in as (`null`: a guest). */
const authOf = (client: RealtimeClient): ClientAuth | null => (client.get('auth') as ClientAuth | null | undefined) ?? null;

/** `data` as a message under `topic` (JSON), built once for all its recipients. */
export function topicMessage(topic: string, data: Record<string, unknown>): TopicMessage {
  return { topicMessage: new SubscriptionMessage({ name: topic, data: JSON.stringify(data) }) };
}

/** Every connected client now. */
export function connectedClients(): ConnectedClient[] {
  const clients = $app.subscriptionsBroker().clients();
  return Object.keys(clients).map((id) => {
    const client = clients[id]!;
    return { auth: authOf(client), discard: () => client.discard() };
  });
}

/** The clients subscribed to `topic` now. */
export function subscribersOf(topic: string): TopicSubscriber[] {
  const clients = $app.subscriptionsBroker().clients();
  const subscribers: TopicSubscriber[] = [];
  for (const id of Object.keys(clients)) {
    const client = clients[id]!;
    if (!client.hasSubscription(topic)) continue;
    subscribers.push({ auth: authOf(client), send: (message) => client.send(message.topicMessage) });
  }
  return subscribers;
}

/** The app's logger, narrowly: a signal's failure is logged, never thrown (its write has committed). */
export interface LoggingApp {
  logger(): { error(message: string, ...attributes: unknown[]): void };
}
