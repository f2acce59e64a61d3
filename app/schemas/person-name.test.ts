import { describe, expect, test } from 'vitest';
import { AcceptInvitationSchema, InvitationSchema, MAX_PERSON_NAME, optionalPersonName, personName } from './portal.ts';

describe('the one rule for display names', () => {
  test('trimmed, at most 200 characters, no control or bidirectional characters', () => {
    expect(personName.parse('  Amra Hodžić  ')).toBe('Amra Hodžić');
    expect(personName.parse('Ž'.repeat(MAX_PERSON_NAME))).toHaveLength(200);
    const message = (value: string) => personName.safeParse(value).error?.issues[0]?.message;
    expect(message('x'.repeat(201))).toBe('errors.tooLong');
    expect(message('   ')).toBe('errors.required');
    for (const bad of ['a\u0000b', 'a\nb', 'a\tb', 'a\u007fb', 'a\u0085b', 'a\u202eb', 'a\u2066b', 'a\u2028b']) expect(message(bad), JSON.stringify(bad)).toBe('errors.controlCharacters');
    expect(optionalPersonName.parse('')).toBeUndefined();
    expect(optionalPersonName.safeParse('a\u0007b').success).toBe(false);
  });

  test('the invitation forms use it', () => {
    expect(InvitationSchema.safeParse({ email: 'a@example.org', name: 'x'.repeat(201), institutionId: 'i', role: 'member' }).success).toBe(false);
    const accept = { password: 'a-long-enough-password', confirm: 'a-long-enough-password' };
    expect(AcceptInvitationSchema.safeParse({ ...accept, name: 'Bidi \u202Eevil' }).success).toBe(false);
    expect(AcceptInvitationSchema.parse({ ...accept, name: ' Edin ' }).name).toBe('Edin');
  });
});
