/** The i18n key of an audit action's label (i18next reads dots as nesting, so the first one becomes "_"). */
export function auditActionKey(action: string): string {
  return `workflow.audit.actions.${action.replace('.', '_')}`;
}
