/**
 * A PocketBase realtime subscription read over plain `fetch` (server-sent events), as a browser's
 * SDK client receives it: connect, subscribe with the user's token, collect the messages.
 */

/** A live subscription. */
export interface Subscription {
  /** The messages received so far, parsed (`{ action, record }`). */
  messages: { action: string; record: Record<string, unknown> }[];
  /** Everything received so far, as sent. */
  raw(): string;
  /** Resolves once `count` messages have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Subscribes to `topics` as the holder of `token`. */
export async function subscribe(url: string, token: string, topics: string[]): Promise<Subscription> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/realtime`, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let buffered = '';
  const messages: Subscription['messages'] = [];
  let clientId: ((id: string) => void) | undefined;
  const connected = new Promise<string>((resolve) => (clientId = resolve));
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const chunk = decoder.decode(value, { stream: true });
        text += chunk;
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const event = /^event:(.*)$/m.exec(block)?.[1]?.trim();
          const data = /^data:(.*)$/m.exec(block)?.[1];
          if (!data) continue;
          if (event === 'PB_CONNECT') clientId?.((JSON.parse(data) as { clientId: string }).clientId);
          else messages.push(JSON.parse(data) as Subscription['messages'][number]);
        }
      }
    } catch {
      // closed
    }
  })();
  const id = await connected;
  const sub = await fetch(`${url}/api/realtime`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ clientId: id, subscriptions: topics }) });
  if (!sub.ok) throw new Error(`subscription refused: ${sub.status} ${await sub.text()}`);
  return {
    messages,
    raw: () => text,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} realtime messages, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => abort.abort(),
  };
}
