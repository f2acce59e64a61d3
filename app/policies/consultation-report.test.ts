import { describe, expect, test } from 'vitest';
import { ROLES, type DocumentStatus, type Role, type Tlp } from '../../db/schema.ts';
import { mayDecideConsultation, mayNamePeopleInReport, mayViewConsultationReport, type ReportDocumentContext } from './consultation-report.ts';
import type { Actor } from './permissions.ts';

type Relation = 'owner' | 'partner' | 'outsider';
const RELATIONS: Relation[] = ['owner', 'partner', 'outsider'];

function scenario(role: Role, relation: Relation, options: { tlp?: Tlp; status?: DocumentStatus; round?: number } = {}): { actor: Actor; doc: ReportDocumentContext } {
  return {
    actor: { id: 'me', role, institutionId: relation === 'outsider' ? 'elsewhere' : relation },
    doc: {
      status: options.status ?? 'consultation',
      consultationRound: options.round ?? 1,
      tlp: options.tlp ?? 'GREEN',
      ownerInstitutionId: 'owner',
      institutions: [{ institutionId: 'partner', access: 'comment' }],
      people: [],
    },
  };
}

const cells = ROLES.flatMap((role) => RELATIONS.map((relation) => ({ role, relation })));
const coordinator = (role: Role) => role === 'admin' || role === 'secretariat';

describe('the consultation report: role × relation (GREEN, in consultation)', () => {
  test.each(cells)('$role, $relation', ({ role, relation }) => {
    const { actor, doc } = scenario(role, relation);
    // Every reader of a GREEN document sees the report.
    expect(mayViewConsultationReport(actor, doc)).toBe(true);
    expect(mayDecideConsultation(actor, doc)).toBe(role !== 'observer' && (coordinator(role) || relation === 'owner'));
    expect(mayNamePeopleInReport(actor, doc)).toBe(coordinator(role));
  });

  test('nobody who may not read the document sees it: AMBER+STRICT keeps out the secretariat from outside', () => {
    for (const role of ROLES) {
      const { actor, doc } = scenario(role, 'outsider', { tlp: 'AMBER+STRICT' });
      expect(mayViewConsultationReport(actor, doc), role).toBe(false);
      expect(mayDecideConsultation(actor, doc), role).toBe(false);
      expect(mayNamePeopleInReport(actor, doc), role).toBe(false);
    }
    expect(mayViewConsultationReport(null, scenario('member', 'owner').doc)).toBe(false);
  });

  test('a document that never was in consultation has no report; an archived one takes no decisions', () => {
    const never = scenario('secretariat', 'owner', { status: 'draft', round: 0 });
    expect(mayViewConsultationReport(never.actor, never.doc)).toBe(false);
    const archived = scenario('secretariat', 'owner', { status: 'archived' });
    expect(mayViewConsultationReport(archived.actor, archived.doc)).toBe(true);
    expect(mayDecideConsultation(archived.actor, archived.doc)).toBe(false);
    const afterwards = scenario('member', 'owner', { status: 'published' });
    expect(mayDecideConsultation(afterwards.actor, afterwards.doc)).toBe(true);
  });
});
