import type { ReactNode } from 'react';

/** One block of the home page: a titled card, its entries, and where to see more. */
export function HomeSection({
  id,
  title,
  count,
  lead,
  footer,
  children,
  className = '',
}: {
  id: string;
  title: string;
  count?: number;
  lead?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`card min-w-0 ${className}`} aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`} className="text-lg font-bold">
        {title}
        {count !== undefined ? <span className="ml-1 text-base font-normal text-slate-600">({count})</span> : null}
      </h2>
      {lead ? <p className="mt-1 text-sm text-slate-700">{lead}</p> : null}
      <div className="mt-2">{children}</div>
      {footer ? <p className="mt-3 text-sm">{footer}</p> : null}
    </section>
  );
}

/** The line a section shows when it has no entry. */
export function EmptyLine({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-600">{children}</p>;
}
