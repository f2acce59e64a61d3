import type { Extension } from '@hocuspocus/server';
import type { AutoVersioner } from '../services/document-versions.server.ts';

/** The transaction origin @hocuspocus/extension-redis gives updates relayed from another instance. */
const REDIS_ORIGIN = '__hocuspocus__redis__origin__';

/**
 * Automatic versions while a document is being edited. `onChange` runs after
 * Hocuspocus has applied an edit (and the persistence extension has stored
 * it), so the version includes that edit; the check itself runs in the
 * background and never delays the acknowledgement. With several instances,
 * the one whose client made the edit saves the version, not every instance
 * the edit is relayed to.
 */
export function versionExtension(versioner: AutoVersioner): Extension {
  return {
    extensionName: 'portal-auto-version',
    async onChange({ documentName, document, transactionOrigin }) {
      if (transactionOrigin === REDIS_ORIGIN) return;
      versioner.edited(documentName, document);
    },
  };
}
