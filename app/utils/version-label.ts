import type { TFunction } from 'i18next';
import type { VersionKind } from '../../db/schema.ts';

/** How a version is called in lists and headings: its name, or what saved it. */
export function versionLabel(t: TFunction, version: { kind: VersionKind; name: string | null }): string {
  switch (version.kind) {
    case 'named':
      return version.name ?? '';
    case 'auto':
      return t('versions.labels.auto');
    case 'workflow':
      return version.name ? t('versions.labels.workflowNamed', { name: version.name }) : t('versions.labels.workflow');
    case 'restore':
      return t('versions.labels.restore', { name: version.name ?? '' });
    case 'suggestion':
      return t('versions.labels.suggestion', { name: version.name ?? '' });
  }
}
