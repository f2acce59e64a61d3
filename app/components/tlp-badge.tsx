import type { Tlp } from '../../db/schema.ts';

// FIRST TLP 2.0 colours: the label text carries the meaning, the colour helps.
const STYLES: Record<Tlp, string> = {
  CLEAR: 'border-slate-400 bg-white text-slate-900',
  GREEN: 'border-green-700 bg-green-700 text-white',
  AMBER: 'border-amber-500 bg-amber-400 text-black',
  'AMBER+STRICT': 'border-amber-600 bg-amber-400 text-black',
  RED: 'border-red-700 bg-red-700 text-white',
};

export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 font-mono text-xs font-bold ${STYLES[tlp]}`}>TLP:{tlp}</span>;
}
