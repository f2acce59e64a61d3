import { actionFilters, filtersToSearchParams, parseActionFilters, type ActionFilters } from './action-filters.ts';

/**
 * The filters of the public /progress page, its CSV and its item links: the
 * members' action filters (app/schemas/action-filters.ts) cut down to what
 * the public is shown. Priority, funding, tags, plans and the overdue flags
 * of the members' list are dropped even when a URL carries them, so the
 * public page cannot be used to probe fields it does not show.
 */
export type PublicProgressFilters = Pick<ActionFilters, 'cbm' | 'pillar' | 'owner' | 'sector' | 'status' | 'q' | 'page'>;

/** The public filters of a URL's query string; anything malformed is dropped, as on /actions. */
export function parsePublicProgressFilters(params: URLSearchParams): PublicProgressFilters {
  const { cbm, pillar, owner, sector, status, q, page } = parseActionFilters(params);
  return { cbm, pillar, owner, sector, status, q, page };
}

/** The same filters as a full ActionFilters, for the shared list query and the filter form. */
export function asActionFilters(filters: PublicProgressFilters): ActionFilters {
  return actionFilters(filters);
}

/** Their query string (empty values left out); `changes` overrides some, e.g. `{ page: 2 }`. */
export function publicProgressSearchParams(filters: PublicProgressFilters, changes: Partial<PublicProgressFilters> = {}): URLSearchParams {
  return filtersToSearchParams(asActionFilters(filters), changes);
}

/** True when any filter (not the page) narrows the list. */
export function isFiltered(filters: PublicProgressFilters): boolean {
  return publicProgressSearchParams(filters, { page: undefined }).toString() !== '';
}
