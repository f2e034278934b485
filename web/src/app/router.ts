/**
 * Navigation with real URLs: resolves the address against the route table (routes.ts), follows
 * redirects, and moves with the History API — links inside the app navigate without a reload, the
 * back button works, and a reload or a shared link opens the same page.
 */
import UniversalRouter from 'universal-router/sync';
import { routes, type AppRouteContext, type RouteResult } from './routes.js';

/** A page to show, after redirects. */
export type ResolvedPage = Extract<RouteResult, { page: string }> & { path: string };

const router = new UniversalRouter<RouteResult, AppRouteContext>(routes, {
  errorHandler: (error) => {
    if (error.status === 404) return { page: 'not-found' };
    throw error;
  },
});

/** The page for `pathname` in `context`, following redirects (at most a few). */
export function resolvePage(pathname: string, context: AppRouteContext): ResolvedPage {
  let path = pathname;
  for (let hops = 0; hops < 5; hops++) {
    const result = router.resolve({ pathname: path, ...context }) ?? { page: 'not-found' as const };
    if (!('redirect' in result)) return { ...result, path };
    path = result.redirect;
  }
  return { page: 'not-found', path };
}

/** Event the shell listens for: the address changed inside the app. */
export const navigatedEvent = 'tb-navigated';

/** Goes to `path` inside the app (a new history entry, or replacing the current one). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(navigatedEvent));
}

/**
 * Turns clicks on same-origin links (also inside shadow roots) into in-app navigation; modified
 * clicks, downloads and links to other windows keep the browser's behaviour.
 */
export function interceptLinks(root: EventTarget): void {
  root.addEventListener('click', (event) => {
    const e = event as MouseEvent;
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const anchor = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
