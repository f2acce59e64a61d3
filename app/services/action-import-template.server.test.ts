import { describe, expect, test } from 'vitest';
import { nextFreeCode, templateRow, type TemplateReference } from './action-import-template.server.ts';

const PILLARS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((code, index) => ({ code, position: index + 1 }));
const INSTITUTIONS = [
  { name: 'BH Telecom', acronym: 'BHT' },
  { name: 'Cyber Security Excellence Centre (CSEC) / CSEC CSIRT', acronym: 'CSEC' },
  { name: 'Ministry of Security of Bosnia and Herzegovina', acronym: 'MSB' },
];

describe('nextFreeCode', () => {
  test('is one above the highest code of the prefix, numerically', () => {
    expect(nextFreeCode('9', ['9.1', '9.2', '9.10', '2.3', '19.40'])).toBe('9.11');
  });

  test('starts at 1 when the prefix has no code yet', () => {
    expect(nextFreeCode('4', ['2.3', '9.1'])).toBe('4.1');
  });

  test('reads zero-padded numbers as numbers, and the prefix literally', () => {
    expect(nextFreeCode('9', ['9.01', '9.2'])).toBe('9.3');
    expect(nextFreeCode('1.2', ['1.2.1', '1x2.7'])).toBe('1.2.2');
  });
});

describe('templateRow', () => {
  const demo: TemplateReference = { takenCodes: ['2.3', '9.1', '9.8'], pillars: PILLARS, institutions: INSTITUTIONS };

  test("takes the next free code of the example's pillar, and owners that exist", () => {
    const row = templateRow(demo);
    expect(row).toMatchObject({ code: '9.9', pillar: 'I', owner: 'Ministry of Security of Bosnia and Herzegovina', supporters: 'BH Telecom;Cyber Security Excellence Centre (CSEC) / CSEC CSIRT' });
    expect(demo.takenCodes).not.toContain(row.code);
  });

  test('an installation without the demo gets its own first pillar and institution', () => {
    const row = templateRow({ takenCodes: [], pillars: [{ code: 'P1', position: 1 }], institutions: [{ name: 'Agency for Information Society', acronym: null }] });
    expect(row).toMatchObject({ code: '1.1', pillar: 'P1', owner: 'Agency for Information Society', supporters: '' });
  });

  test('without pillars the row names none', () => {
    const row = templateRow({ takenCodes: ['1.1'], pillars: [], institutions: INSTITUTIONS });
    expect(row).toMatchObject({ code: '1.2', pillar: '' });
  });
});
