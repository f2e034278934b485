import { subscribeWhileVisible, type Resync } from '../../../../web/src/api/whileVisible.js';
import { assertEqual } from '../../support/assert.js';

/** A fake realtime subscription: how many are held, and a way to send a message to the holders. */
function fakeTopic() {
  const listeners = new Set<(m: string) => void>();
  let subscribed = 0;
  return {
    subscribe: async (heard: (m: string) => void) => {
      subscribed++;
      listeners.add(heard);
      return async () => { listeners.delete(heard); };
    },
    send: (m: string) => { for (const l of listeners) l(m); },
    held: () => listeners.size,
    subscribed: () => subscribed,
  };
}

let visibility: DocumentVisibilityState = 'visible';
/** Shows or hides the page as the browser would, with its event. */
function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const grace = 30;

describe('subscribeWhileVisible', () => {
  before(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  });
  after(() => {
    delete (document as unknown as { visibilityState?: unknown }).visibilityState;
  });
  beforeEach(() => { visibility = 'visible'; });

  it('holds the subscription on a page being seen, passes its messages on, and lets it go when stopped', async () => {
    const topic = fakeTopic();
    const heard: (string | Resync)[] = [];
    const stop = await subscribeWhileVisible(topic.subscribe, (m) => heard.push(m), grace);
    topic.send('a');
    assertEqual(heard, ['a']);
    await stop();
    assertEqual(topic.held(), 0);
  });

  it('lets the subscription go when the page stays hidden past the grace, and on its return subscribes anew and asks for a fresh read', async () => {
    const topic = fakeTopic();
    const heard: (string | Resync)[] = [];
    const stop = await subscribeWhileVisible(topic.subscribe, (m) => heard.push(m), grace);
    setVisibility('hidden');
    await wait(grace * 3);
    assertEqual(topic.held(), 0, 'hidden past the grace');
    topic.send('missed');
    setVisibility('visible');
    await wait(10);
    assertEqual(topic.held(), 1, 'seen again');
    assertEqual(heard, [{ action: 'resync' }]);
    await stop();
  });

  it('keeps the subscription through a glance away shorter than the grace', async () => {
    const topic = fakeTopic();
    const heard: (string | Resync)[] = [];
    const stop = await subscribeWhileVisible(topic.subscribe, (m) => heard.push(m), grace);
    setVisibility('hidden');
    await wait(grace / 3);
    setVisibility('visible');
    await wait(grace * 2);
    assertEqual([topic.held(), topic.subscribed()], [1, 1]);
    topic.send('b');
    assertEqual(heard, ['b']);
    await stop();
  });

  it('does not subscribe from a page opened hidden until it is seen', async () => {
    visibility = 'hidden';
    const topic = fakeTopic();
    const heard: (string | Resync)[] = [];
    const stop = await subscribeWhileVisible(topic.subscribe, (m) => heard.push(m), grace);
    assertEqual(topic.subscribed(), 0);
    setVisibility('visible');
    await wait(10);
    assertEqual(topic.held(), 1);
    assertEqual(heard, [{ action: 'resync' }]);
    await stop();
    assertEqual(topic.held(), 0);
  });
});
