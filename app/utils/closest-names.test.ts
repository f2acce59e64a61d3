import { describe, expect, test } from 'vitest';
import { foldName, nameIndex, similarity } from './closest-names.ts';

const institutions = [
  { id: '1', name: 'Ministry of Security of Bosnia and Herzegovina', acronym: 'MSB', localName: 'Ministarstvo sigurnosti BiH' },
  { id: '2', name: 'Personal Data Protection Agency of BiH', acronym: 'AZLP', localName: 'Agencija za zaštitu osobnih podataka BiH' },
  { id: '3', name: 'Ministry of Defence of Bosnia and Herzegovina', acronym: 'MO BiH', localName: null },
  { id: '4', name: 'BH Telecom', acronym: 'BHT', localName: 'JP BH Telecom' },
];

describe('institution names typed in a spreadsheet', () => {
  const index = nameIndex(institutions);

  test('case, diacritics, đ and punctuation do not matter', () => {
    expect(foldName('  Agencija za  ZAŠTITU osobnih podataka, BiH ')).toBe('agencija za zastitu osobnih podataka bih');
    expect(foldName('Đurđevdan')).toBe('durdevdan');
  });

  test('a name, a local name or an acronym finds the institution', () => {
    expect(index.find('ministry of security of bosnia and herzegovina')?.id).toBe('1');
    expect(index.find('Ministarstvo sigurnosti BiH')?.id).toBe('1');
    expect(index.find('azlp')?.id).toBe('2');
    expect(index.find('Agencija za zastitu osobnih podataka BiH')?.id).toBe('2');
    expect(index.find('mo bih')?.id).toBe('3');
    expect(index.find('Ministry of Security')).toBeUndefined();
  });

  test('an unknown name gets the closest names, best first, and nonsense gets none', () => {
    expect(index.closest('Ministry of Securty')[0]).toBe('Ministry of Security of Bosnia and Herzegovina');
    expect(index.closest('Ministry of Defense')[0]).toBe('Ministry of Defence of Bosnia and Herzegovina');
    expect(index.closest('BH Telekom')[0]).toBe('BH Telecom');
    expect(index.closest('Qwxyz Zzzt')).toEqual([]);
    expect(index.closest('')).toEqual([]);
  });

  test('similarity is 1 for equal texts and falls with the differences', () => {
    expect(similarity('telecom', 'telecom')).toBe(1);
    expect(similarity('telecom', 'telekom')).toBeGreaterThan(similarity('telecom', 'ministry'));
  });
});
