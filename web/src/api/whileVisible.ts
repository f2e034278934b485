/**
 * A realtime subscription held only while someone can see the page. The server keeps one of its
 * JS VMs busy for every open realtime connection (docs/benchmarks.md, "Realtime: the VM pool and
 * the signals"), and a phone's tab left in the background, or a desk's in another window, would
 * hold one all day. So a page hidden for {@link hiddenGraceMs} lets its subscription go (the SDK
 * closes the connection once nothing is subscribed); when it is seen again it subscribes anew and
 * reports a `resync`, on which the page reads what it shows again — what changed meanwhile was not
 * heard.
 */

/** How long a page may stay hidden before its subscription is let go: a glance at another app keeps it. */
export const hiddenGraceMs = 60_000;

/** Reported when the subscription holds again after the page was hidden: read everything again. */
export interface Resync {
  action: 'resync';
}

/** Subscribes and returns how to unsubscribe (PocketBase's `pb.realtime.subscribe`, narrowly). */
export type Subscribe<T> = (onMessage: (message: T) => void) => Promise<() => Promise<void>>;

/**
 * Holds `subscribe` while the document is visible (and for {@link hiddenGraceMs} after it is
 * hidden), passing its messages to `onMessage`, and a {@link Resync} each time it holds again after
 * a gap. Resolves, once the first subscription holds (or at once, when the page starts hidden), to
 * the function that ends it all.
 */
export async function subscribeWhileVisible<T>(subscribe: Subscribe<T>, onMessage: (message: T | Resync) => void, graceMs = hiddenGraceMs): Promise<() => Promise<void>> {
  let unsubscribe: Promise<(() => Promise<void>) | undefined> = Promise.resolve(undefined);
  let held = false;
  let stopped = false;
  let letGo: ReturnType<typeof setTimeout> | undefined;

  const hold = (resync: boolean) => {
    held = true;
    unsubscribe = subscribe((m) => onMessage(m)).then(
      (stop) => {
        if (resync && !stopped) onMessage({ action: 'resync' });
        return stop;
      },
      () => undefined,
    );
    return unsubscribe;
  };
  const release = () => {
    held = false;
    const previous = unsubscribe;
    unsubscribe = Promise.resolve(undefined);
    return previous.then((stop) => stop?.()).catch(() => undefined);
  };
  const onVisibility = () => {
    clearTimeout(letGo);
    if (stopped) return;
    if (document.visibilityState === 'hidden') letGo = setTimeout(() => void release(), graceMs);
    else if (!held) void hold(true);
  };

  document.addEventListener('visibilitychange', onVisibility);
  if (document.visibilityState !== 'hidden') await hold(false);
  return async () => {
    stopped = true;
    clearTimeout(letGo);
    document.removeEventListener('visibilitychange', onVisibility);
    await release();
  };
}
