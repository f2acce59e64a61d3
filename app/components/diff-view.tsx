import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffBlock, DiffPart, DiffSummary } from '../content/text-diff.server.ts';

// Underline and strike-through carry the meaning; the colours only help.
const INS = 'bg-emerald-100 text-emerald-950 underline decoration-2 underline-offset-2';
const DEL = 'bg-red-100 text-red-950 line-through decoration-2';

/**
 * A word-level diff (from diffHtml), readable without colour: insertions are
 * underlined <ins>, deletions struck-through <del>, and each carries a
 * visually hidden "Inserted:"/"Deleted:" for screen readers. All text goes
 * through React, so nothing in a diff is ever interpreted as markup.
 */

export function DiffSummaryLine({ summary }: { summary: DiffSummary }) {
  const { t } = useTranslation();
  const sections = t('versions.diff.sectionsChanged', { count: summary.sectionsChanged });
  const words = t('versions.diff.words', { count: summary.wordsAdded + summary.wordsRemoved, added: summary.wordsAdded, removed: summary.wordsRemoved });
  return <p className="font-semibold text-slate-900">{t('versions.diff.summary', { sections, words })}</p>;
}

export function DiffLegend() {
  const { t } = useTranslation();
  return (
    <div className="rounded border border-slate-200 bg-slate-50 px-4 py-2 text-sm">
      <h2 className="font-semibold">{t('versions.diff.legendTitle')}</h2>
      <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
        <li>
          <ins className={INS}>abc</ins> {t('versions.diff.legendInserted')}
        </li>
        <li>
          <del className={DEL}>abc</del> {t('versions.diff.legendDeleted')}
        </li>
      </ul>
    </div>
  );
}

function Part({ part }: { part: DiffPart }) {
  const { t } = useTranslation();
  if (part.added) {
    return (
      <ins className={INS}>
        <span className="sr-only">{t('versions.diff.inserted')} </span>
        {part.value}
      </ins>
    );
  }
  if (part.removed) {
    return (
      <del className={DEL}>
        <span className="sr-only">{t('versions.diff.deleted')} </span>
        {part.value}
      </del>
    );
  }
  return <>{part.value}</>;
}

const HEADING_TAGS = { 1: 'h2', 2: 'h3', 3: 'h4' } as const;

function Block({ block }: { block: DiffBlock }) {
  const { t } = useTranslation();
  const parts = block.parts.map((part, index) => <Part key={index} part={part} />);
  const marker: ReactNode =
    block.status === 'added' ? (
      <span className="sr-only">{t('versions.diff.blockAdded')}: </span>
    ) : block.status === 'removed' ? (
      <span className="sr-only">{t('versions.diff.blockRemoved')}: </span>
    ) : null;
  const frame =
    block.status === 'added' ? 'border-l-4 border-emerald-700 pl-3' : block.status === 'removed' ? 'border-l-4 border-dashed border-red-700 pl-3' : block.status === 'changed' ? 'border-l-4 border-amber-600 pl-3' : 'pl-4';
  switch (block.kind) {
    case 'heading': {
      const Tag = HEADING_TAGS[(block.level ?? 1) as 1 | 2 | 3] ?? 'h4';
      return (
        <Tag className={`mt-4 font-bold ${block.level === 1 ? 'text-xl' : 'text-lg'} ${frame}`}>
          {marker}
          {parts}
        </Tag>
      );
    }
    case 'quote':
      return (
        <blockquote className={`italic text-slate-700 ${frame}`}>
          {marker}
          {parts}
        </blockquote>
      );
    case 'listItem':
      return (
        <p className={frame} style={{ marginLeft: `${(block.level ?? 1) * 1.25}rem` }}>
          <span aria-hidden="true">• </span>
          {marker}
          {parts}
        </p>
      );
    case 'tableCell':
      return (
        <span className={`min-w-[8rem] flex-1 border border-slate-300 px-2 py-1 ${frame}`}>
          {marker}
          {parts}
        </span>
      );
    default:
      return (
        <p className={frame}>
          {marker}
          {parts}
        </p>
      );
  }
}

/** Consecutive cells of one table row are shown side by side; every other block stands alone. */
function groupRows(blocks: DiffBlock[]): DiffBlock[][] {
  const groups: DiffBlock[][] = [];
  for (const block of blocks) {
    const last = groups.at(-1);
    if (block.kind === 'tableCell' && last?.[0].kind === 'tableCell' && last[0].row === block.row) last.push(block);
    else groups.push([block]);
  }
  return groups;
}

export function DiffView({ blocks, summary }: { blocks: DiffBlock[]; summary: DiffSummary }) {
  const { t } = useTranslation();
  const changed = blocks.some((block) => block.status !== 'same');
  return (
    <div className="space-y-4">
      <DiffSummaryLine summary={summary} />
      <DiffLegend />
      {changed ? null : <p className="text-slate-700">{t('versions.diff.noChanges')}</p>}
      <div className="max-w-3xl space-y-2 leading-relaxed">
        {groupRows(blocks).map((group, index) =>
          group[0].kind === 'tableCell' ? (
            <div key={index} className="flex flex-wrap text-sm">
              <span className="sr-only">{t('versions.diff.tableRow')}: </span>
              {group.map((block, cell) => (
                <Fragment key={cell}>
                  {cell > 0 ? ' ' : null}
                  <Block block={block} />
                </Fragment>
              ))}
            </div>
          ) : (
            <Block key={index} block={group[0]} />
          ),
        )}
      </div>
    </div>
  );
}
