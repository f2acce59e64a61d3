import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable, type ActionFunctionArgs, type AppLoadContext, type EntryContext, type HandleErrorFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { createInstance, type i18n as I18n } from 'i18next';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { i18nConfig } from './i18n.ts';
import { i18nServer } from './locales/i18n.server.ts';
import { rememberChosenLanguage } from './utils/request-language.server.ts';
import { RequestContext } from './utils/request-context.ts';

const ABORT_DELAY = 5_000;

// One initialised i18next instance per language, shared by every request: the
// server never changes an instance's language, and setting one up per request
// was a measurable share of each page (docs/performance.md).
const translators = new Map<string, Promise<I18n>>();

function translatorFor(lng: string): Promise<I18n> {
  let translator = translators.get(lng);
  if (!translator) {
    const instance = createInstance();
    translator = instance
      .use(initReactI18next)
      .init({ ...i18nConfig, lng })
      .then(() => instance);
    translators.set(lng, translator);
  }
  return translator;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const [instance, remembered] = await Promise.all([i18nServer.getLocale(request).then(translatorFor), rememberChosenLanguage(request)]);
  if (remembered) responseHeaders.append('Set-Cookie', remembered);
  const callbackName = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady';
  const nonce = loadContext.cspNonce;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RequestContext.Provider value={{ requestId: loadContext.requestId, nonce }}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </RequestContext.Provider>,
      {
        nonce,
        [callbackName]: () => {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) loadContext.services.logger.error({ err: error, requestId: loadContext.requestId }, 'render error');
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** A language link followed by client-side navigation is remembered too. */
export async function handleDataRequest(response: Response, { request }: LoaderFunctionArgs | ActionFunctionArgs): Promise<Response> {
  const remembered = await rememberChosenLanguage(request);
  if (remembered) response.headers.append('Set-Cookie', remembered);
  return response;
}

/** Unexpected errors are logged with the request id; the user sees only the id. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // Aborted requests and 4xx responses (a 404 for /favicon.ico) are not failures of ours.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  context.services.logger.error({ err: error, requestId: context.requestId, url: request.url }, 'unhandled error');
};
