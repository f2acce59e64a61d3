import type { Tlp } from '../../db/schema.ts';

// FIRST TLP 2.0 colours, the label's colour on black (4.5:1 or more for each): the label text
// carries the meaning, the colour helps.
const STYLES: Record<Tlp, string> = {
  CLEAR: 'border-slate-400 bg-white text-slate-900',
  GREEN: 'border-black bg-black text-[#33ff00]',
  AMBER: 'border-black bg-black text-[#ffc000]',
  'AMBER+STRICT': 'border-black bg-black text-[#ffc000]',
  RED: 'border-black bg-black text-[#ff2b2b]',
};

export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 font-mono text-xs font-bold ${STYLES[tlp]}`}>TLP:{tlp}</span>;
}
