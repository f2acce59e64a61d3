import type { Extension } from '@hocuspocus/server';
import type { AutoVersioner } from '../utils/document-versions.server.ts';

/**
 * Automatic versions while a document is being edited. `onChange` runs after
 * Hocuspocus has applied an edit (and the persistence extension has stored
 * it), so the version includes that edit; the check itself runs in the
 * background and never delays the acknowledgement.
 */
export function versionExtension(versioner: AutoVersioner): Extension {
  return {
    extensionName: 'portal-auto-version',
    async onChange({ documentName, document }) {
      versioner.edited(documentName, document);
    },
  };
}
