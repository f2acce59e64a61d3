import { createContext, useContext } from 'react';

/** Per-request values the server render needs outside loaders: the CSP nonce and the request id. */
export const RequestContext = createContext<{ requestId?: string; nonce?: string }>({});

export function useRequestContext() {
  return useContext(RequestContext);
}
