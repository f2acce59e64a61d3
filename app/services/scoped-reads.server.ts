import type { Db } from '../../db/client.server.ts';
import * as actionQuery from '../models/action-query.server.ts';
import * as documents from '../models/document.server.ts';
import * as publicProgress from '../models/public-progress.server.ts';
import * as trackerData from '../models/tracker-data.server.ts';
import { itemReadScope, type ItemReadScope, type Viewer } from '../policies/action-item-access.ts';
import { documentReadScope } from '../policies/document-access.ts';
import type { Actor } from '../policies/permissions.ts';

/**
 * The lists and aggregates a person may see. The policy turns the viewer into
 * a read scope (who may read which TLP label), the model applies that scope in
 * SQL: the role decision is made in app/policies and nowhere else.
 */

type ForViewer<F, V> = F extends (db: Db, scope: infer _S, ...rest: infer R) => infer T ? (db: Db, viewer: V, ...rest: R) => T : never;

function itemsFor<F extends (db: Db, scope: ItemReadScope, ...rest: never[]) => unknown>(read: F): ForViewer<F, Viewer> {
  return ((db: Db, viewer: Viewer, ...rest: never[]) => read(db, itemReadScope(viewer), ...rest)) as ForViewer<F, Viewer>;
}

export const queryActionItems = itemsFor(actionQuery.queryActionItems);
export const queryActionItemPage = itemsFor(actionQuery.queryActionItemPage);
export const iterateActionItems = itemsFor(actionQuery.iterateActionItems);
export const cbmCoverage = itemsFor(actionQuery.cbmCoverage);
export const pillarCoverage = itemsFor(actionQuery.pillarCoverage);
export const trackerSummary = itemsFor(actionQuery.trackerSummary);
export const listInstitutionItems = itemsFor(actionQuery.listInstitutionItems);
export const countHiddenItems = itemsFor(actionQuery.countHiddenItems);
export const osceExport = itemsFor(trackerData.osceExport);
export const progressReport = itemsFor(trackerData.progressReport);

/**
 * The public progress pages (/progress, its items, CSV and feed): the same
 * reads with the public's scope, so the only labels that reach them are the
 * ones `itemReadScope('public')` allows (TLP:CLEAR).
 */
function forPublic<F extends (db: Db, scope: ItemReadScope, ...rest: never[]) => unknown>(read: F) {
  return ((db: Db, ...rest: never[]) => read(db, itemReadScope('public'), ...rest)) as F extends (db: Db, scope: ItemReadScope, ...rest: infer R) => infer T ? (db: Db, ...rest: R) => T : never;
}

export const listPublicProgress = forPublic(publicProgress.listPublicProgress);
export const listPublicOwners = forPublic(publicProgress.listPublicOwners);
export const getPublicItem = forPublic(publicProgress.getPublicItem);
/** How many items of the tracker are not public: /progress says so, so that its numbers add up. */
export const countNonPublicItems = forPublic(actionQuery.countHiddenItems);
export const listPublicItemUpdates = forPublic(publicProgress.listPublicItemUpdates);
export const listPublicUpdateFeed = forPublic(publicProgress.listPublicUpdateFeed);
export const listPublicItemPages = forPublic(publicProgress.listPublicItemPages);

/** The documents an actor may read, newest first, filtered and searched in SQL. */
export function listDocuments(db: Db, actor: Actor, filter?: documents.DocumentFilter) {
  return documents.listDocuments(db, documentReadScope(actor), filter);
}
