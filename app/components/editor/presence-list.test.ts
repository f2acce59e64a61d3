import { describe, expect, it } from 'vitest';
import { readParticipants } from './presence-list.client.tsx';

describe('readParticipants', () => {
  it('lists named clients, yourself first, with the institution from either place', () => {
    const states = new Map<number, Record<string, unknown>>([
      [3, { name: 'Selma Begić', color: '#047857', awarenessData: { institution: 'University of Sarajevo' } }],
      [1, { name: 'Amra Hodžić', color: '#1d4ed8', awarenessData: { institution: 'Ministry' } }],
      [2, { name: 'Nikola Petrović', color: '#b91c1c', institution: 'BH Telecom', awarenessData: {} }],
      // Not yet initialised by the editor: no name, not listed.
      [4, {}],
    ]);
    expect(readParticipants(states, 1)).toEqual([
      { clientId: 1, name: 'Amra Hodžić', institution: 'Ministry', color: '#1d4ed8', isSelf: true },
      { clientId: 2, name: 'Nikola Petrović', institution: 'BH Telecom', color: '#b91c1c', isSelf: false },
      { clientId: 3, name: 'Selma Begić', institution: 'University of Sarajevo', color: '#047857', isSelf: false },
    ]);
  });

  it('lists a person with several tabs once, as yourself when one of them is this tab', () => {
    const states = new Map<number, Record<string, unknown>>([
      [7, { name: 'Amra Hodžić', color: '#1d4ed8', awarenessData: { institution: 'Ministry' } }],
      [8, { name: 'Amra Hodžić', color: '#1d4ed8', awarenessData: { institution: 'Ministry' } }],
    ]);
    expect(readParticipants(states, 8)).toEqual([
      { clientId: 8, name: 'Amra Hodžić', institution: 'Ministry', color: '#1d4ed8', isSelf: true },
    ]);
  });

  it('ignores fields of the wrong type and falls back to a neutral colour', () => {
    const states = new Map<number, Record<string, unknown>>([[5, { name: 'Ana Novak', color: 42, institution: ['x'], awarenessData: 'x' }]]);
    expect(readParticipants(states, 1)).toEqual([{ clientId: 5, name: 'Ana Novak', institution: '', color: '#64748b', isSelf: false }]);
  });
});
