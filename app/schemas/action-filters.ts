import { z } from 'zod';
import { ACTION_PRIORITIES, ACTION_STATUSES, FUNDING_SOURCES, SECTORS, type ActionStatus } from '../../db/schema.ts';

/**
 * The filters of the action-item views (/actions, the timeline, the exports).
 * They live in the URL so a view can be shared; anything malformed in a URL is
 * dropped rather than refused, because a stale bookmark should still open.
 * Definitions (overdue, due soon, stale): app/utils/action-dates.ts.
 */

const ACTION_SORTS = ['code', 'due', 'status', 'priority', 'progress', 'updated', 'owner'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];

/** The columns a reader may choose on /actions (code and title are always shown). */
export const ACTION_LIST_COLUMNS = ['owner', 'cbms', 'status', 'priority', 'due', 'progress', 'updated'] as const;
export type ActionListColumn = (typeof ACTION_LIST_COLUMNS)[number];
/** Everything but priority, which the filters cover; all of them still fit at 1280 px. */
export const DEFAULT_ACTION_LIST_COLUMNS: readonly ActionListColumn[] = ['owner', 'cbms', 'status', 'due', 'progress', 'updated'];


const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'on')
  .catch(false);

const id = z.string().trim().min(1).max(64).optional().catch(undefined);

/**
 * Where a page of /actions starts: the sort key and id of the row next to it,
 * and which way to read (docs/decisions/026-maintained-tracker-counts.md).
 * `o` is the position of the page's first row, only for "51–100 of 2,794".
 * In the URL it is base64url JSON; the model checks that the values fit the
 * sort, and a cursor that does not decode or fit opens the first page.
 */
const listCursorSchema = z.object({
  d: z.enum(['after', 'before']),
  /** The sort and direction the values are for: a cursor of one sort never reads another. */
  s: z.string().max(20),
  k: z.array(z.union([z.string().max(300), z.number().finite(), z.null()])).min(2).max(4),
  o: z.number().int().min(0).max(100_000_000),
});
export type ListCursor = z.output<typeof listCursorSchema>;

// btoa and atob, not Buffer: the page's links are also built in the browser.
export function encodeListCursor(cursor: ListCursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify(cursor));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The cursor in a URL, or undefined for anything that is not one (a forged or cut-off link opens the first page). */
function decodeListCursor(text: string): ListCursor | undefined {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed = listCursorSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const actionFilterSchema = z.object({
  cbm: z.coerce.number().int().min(1).max(16).optional().catch(undefined),
  pillar: z.string().trim().min(1).max(16).optional().catch(undefined),
  owner: id,
  sector: z.enum(SECTORS).optional().catch(undefined),
  status: z
    .array(z.string())
    .optional()
    .transform((values) => [...new Set((values ?? []).filter((v): v is ActionStatus => (ACTION_STATUSES as readonly string[]).includes(v)))])
    .catch([]),
  priority: z.enum(ACTION_PRIORITIES).optional().catch(undefined),
  overdue: flag,
  dueSoon: flag,
  stale: flag,
  funding: z.enum(FUNDING_SOURCES).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => (v ? v : undefined))
    .catch(undefined),
  tag: z.string().trim().min(1).max(100).optional().catch(undefined),
  plan: id,
  sort: z.enum(ACTION_SORTS).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  // Numbered pages are for /progress (app/schemas/public-progress-filters.ts); /actions pages by `cursor`.
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  cursor: z.string().max(2_000).optional().transform((v) => (v ? decodeListCursor(v) : undefined)).catch(undefined),
  // The chosen columns travel with the filters so sorting and paging keep them; empty means the defaults.
  cols: z
    .array(z.string())
    .optional()
    .transform((values) => ACTION_LIST_COLUMNS.filter((c) => (values ?? []).includes(c)))
    .catch([]),
});

export type ActionFilters = z.output<typeof actionFilterSchema>;

const EMPTY: ActionFilters = actionFilterSchema.parse({});

/** Filters from a URL's query string (status may repeat). */
export function parseActionFilters(params: URLSearchParams): ActionFilters {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(actionFilterSchema.shape)) {
    const values = params.getAll(key).filter((v) => v !== '');
    if (values.length === 0) continue;
    // `cols` comes as `owner,status` from a link and as repeated checkboxes from the form.
    raw[key] = key === 'status' ? values : key === 'cols' ? values.flatMap((v) => v.split(',')) : values[0];
  }
  return actionFilterSchema.parse(raw);
}

/** Builds filters from a partial object, e.g. `actionFilters({ cbm: 14 })`. */
export function actionFilters(partial: Partial<ActionFilters> = {}): ActionFilters {
  return { ...EMPTY, ...partial };
}

/**
 * The query string for these filters, leaving out empty values so shared links
 * stay short. `changes` overrides some of them (e.g. another sort or page cursor).
 */
export function filtersToSearchParams(filters: ActionFilters, changes: Partial<ActionFilters> = {}): URLSearchParams {
  const merged = { ...filters, ...changes };
  const params = new URLSearchParams();
  for (const key of Object.keys(actionFilterSchema.shape) as (keyof ActionFilters)[]) {
    const value = merged[key];
    if (value === undefined || value === false) continue;
    if (key === 'cols' && Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else if (Array.isArray(value)) {
      for (const v of value) params.append(key, v);
    } else if (value === true) {
      params.set(key, '1');
    } else if (key === 'cursor' && typeof value === 'object') {
      params.set(key, encodeListCursor(value));
    } else if (!(key === 'page' && value === 1)) {
      params.set(key, String(value));
    }
  }
  return params;
}

/** `owner=mine` in a URL: the reader's own institution, so one link works for everyone. */
export const OWN_INSTITUTION = 'mine';

/**
 * The filters as the queries need them: `owner=mine` becomes the reader's
 * institution (none for someone without one, so the list is empty rather
 * than unfiltered), and the column choice, which is no filter, is dropped.
 */
export function filtersForQuery(filters: ActionFilters, institutionId: string | null | undefined): ActionFilters {
  const owner = filters.owner === OWN_INSTITUTION ? institutionId || OWN_INSTITUTION : filters.owner;
  return { ...filters, owner, cols: [] };
}
