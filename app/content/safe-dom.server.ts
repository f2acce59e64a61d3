/**
 * A DOM for converting untrusted HTML on the server.
 *
 * `withDOM` from @lexical/headless/dom creates a happy-dom Window with default
 * settings, and with those settings happy-dom starts real HTTP requests for
 * <iframe src>, <link rel=stylesheet> and <link rel=preload> found in parsed
 * HTML (checked with happy-dom 20.14: DOMParser.parseFromString does it). For
 * imported documents that is a server-side request forgery, so we make the
 * window ourselves with every loader and navigation switched off and a fetch
 * interceptor that refuses whatever is left. Lexical code run inside `fn`
 * sees this window through the same globals `withDOM` would set (and
 * `withDOM` itself reuses an existing `globalThis.window`).
 */
import { type IOptionalBrowserSettings, Window } from 'happy-dom';

const SAFE_SETTINGS: IOptionalBrowserSettings = {
  disableJavaScriptEvaluation: true,
  enableJavaScriptEvaluation: false,
  disableJavaScriptFileLoading: true,
  disableCSSFileLoading: true,
  enableImageFileLoading: false,
  disableIframePageLoading: true,
  disableComputedStyleRendering: true,
  handleDisabledFileLoadingAsSuccess: true,
  navigation: {
    disableMainFrameNavigation: true,
    disableChildFrameNavigation: true,
    disableChildPageNavigation: true,
    disableFallbackToSetURL: true,
  },
  fetch: {
    interceptor: {
      beforeAsyncRequest: async ({ window }) => new window.Response('', { status: 403, statusText: 'Blocked' }),
    },
  },
};

const GLOBAL_KEYS = ['window', 'document', 'MutationObserver', 'DOMParser', 'getComputedStyle'] as const;

/**
 * Run a synchronous function with a locked-down happy-dom window installed as
 * the global window/document. Never pass an async function: the globals are
 * removed as soon as `fn` returns.
 */
export function withSafeDOM<T>(fn: (window: Window) => T): T {
  const g = globalThis as unknown as Record<string, unknown>;
  const previous = GLOBAL_KEYS.map((key) => [key, Object.getOwnPropertyDescriptor(g, key)] as const);
  const window = new Window({ settings: SAFE_SETTINGS });
  g.window = window;
  g.document = window.document;
  g.MutationObserver = window.MutationObserver;
  g.DOMParser = window.DOMParser;
  g.getComputedStyle = window.getComputedStyle.bind(window);
  try {
    return fn(window);
  } finally {
    for (const [key, descriptor] of previous) {
      if (descriptor) Object.defineProperty(g, key, descriptor);
      else delete g[key];
    }
    void window.happyDOM.close();
  }
}

/**
 * Parse an HTML fragment into an inert DocumentFragment (template content:
 * nothing in it is loaded, run or rendered). Call inside withSafeDOM.
 */
export function parseFragment(window: Window, html: string): DocumentFragment {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return template.content as unknown as DocumentFragment;
}
