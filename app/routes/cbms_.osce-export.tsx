import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { formatDate } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { evidenceLink, type OsceCbm } from '../services/osce-export.server.ts';
import { requirePermission } from '../services/session.server.ts';
import { fileUrl, osceCbms } from '../downloads/tracker-downloads.server.tsx';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'trackerData.osce.title');

/** The per-CBM summary as an HTML preview; `?format=md|csv` goes to the file routes. */
export async function loader(args: LoaderFunctionArgs) {
  const file = fileUrl(args.request, ['md', 'csv']);
  if (file) throw redirect(file);
  const user = await requirePermission(args, 'tracker:report');
  return preview(await osceCbms(args, user), args.context.services.baseURL);
}

function preview(cbms: OsceCbm[], baseURL: string) {
  return {
    cbms: cbms.map((cbm) => ({
      ...cbm,
      items: cbm.items.map((item) => ({ ...item, evidence: item.evidence.map((e) => ({ id: e.id, ...evidenceLink(item, e, baseURL) })) })),
    })),
  };
}

export default function OsceExport() {
  const { t, i18n } = useTranslation();
  const { cbms } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader
        title={t('trackerData.osce.title')}
        lead={t('trackerData.osce.lead')}
        actions={
          <>
            <a href="/cbms/osce-export.md" className="btn-secondary" download>
              {t('trackerData.osce.downloadMd')}
            </a>
            <a href="/cbms/osce-export.csv" className="btn-secondary" download>
              {t('trackerData.osce.downloadCsv')}
            </a>
          </>
        }
      />
      <div className="space-y-6">
        {cbms.map((cbm) => (
          <section key={cbm.number} className="card" aria-labelledby={`cbm-${cbm.number}`}>
            <h2 id={`cbm-${cbm.number}`} className="text-lg font-semibold">
              <Link to={`/cbms/${cbm.number}`}>{t('trackerData.osce.cbmHeading', { number: cbm.number, title: cbm.title })}</Link>
            </h2>
            <p className="mb-2 text-sm text-slate-600">{t('trackerData.osce.items', { count: cbm.items.length })}</p>
            {cbm.items.length === 0 ? (
              <p className="text-sm text-slate-700">{t('trackerData.osce.noItems')}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="min-w-full text-left text-sm">
                  <caption className="sr-only">{t('trackerData.osce.caption', { number: cbm.number })}</caption>
                  <thead>
                    <tr className="border-b border-slate-300">
                      <th scope="col" className="py-1 pr-3">{t('trackerData.osce.item')}</th>
                      <th scope="col" className="py-1 pr-3">{t('trackerData.osce.status')}</th>
                      <th scope="col" className="py-1 pr-3">{t('trackerData.osce.owner')}</th>
                      <th scope="col" className="py-1 pr-3">{t('trackerData.osce.due')}</th>
                      <th scope="col" className="py-1 pr-3">{t('trackerData.osce.progress')}</th>
                      <th scope="col" className="py-1">{t('trackerData.osce.evidence')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cbm.items.map((item) => (
                      <tr key={item.id} className="border-b border-slate-100 align-top">
                        <th scope="row" className="py-1 pr-3 font-normal">
                          <Link to={`/actions/${item.id}`}>
                            {item.code} {item.title}
                          </Link>{' '}
                          {item.primary ? <span className="text-xs text-slate-600">({t('trackerData.osce.primary')})</span> : null} <TlpBadge tlp={item.tlp} />
                        </th>
                        <td className="py-1 pr-3">{t(`actions.statuses.${item.status}`)}</td>
                        <td className="py-1 pr-3">{item.ownerName}</td>
                        <td className="py-1 pr-3">{item.dueDate ? formatDate(item.dueDate, i18n.language) : '—'}</td>
                        <td className="py-1 pr-3">{item.progress} %</td>
                        <td className="py-1">
                          {item.evidence.length === 0 ? (
                            t('trackerData.osce.noEvidence')
                          ) : (
                            <ul>
                              {item.evidence.map((e) => (
                                <li key={e.id}>
                                  <a href={e.url} rel={e.kind === 'link' ? 'noopener noreferrer' : undefined}>
                                    {e.label}
                                  </a>
                                  {e.kind === 'file' ? ` (${t('trackerData.osce.file')})` : null}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
