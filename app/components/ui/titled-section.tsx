import type { ReactNode } from 'react';

/**
 * A page section with its heading (which also labels it for screen readers)
 * and the line shown instead of its content when it has nothing to list.
 */
export function TitledSection({ id, title, empty, children }: { id: string; title: string; empty?: string | null; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {empty ? <p className="text-sm text-slate-700">{empty}</p> : children}
    </section>
  );
}
