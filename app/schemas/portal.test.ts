import { describe, expect, test } from 'vitest';
import { LEVELS, SECTORS } from '../../db/schema.ts';
import { parseForm } from './parse-form.ts';
import {
  AcceptInvitationSchema,
  ChangePasswordSchema,
  InstitutionSchema,
  InvitationSchema,
  SignInSchema,
} from './portal.ts';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** The first error key zod reports for a field, as the form would show it. */
function errorOn(schema: Parameters<typeof parseForm>[0], fields: Record<string, string>, field: string): string | undefined {
  const result = parseForm(schema, form(fields));
  return result.ok ? undefined : result.errors[field];
}

describe('SignInSchema', () => {
  test('accepts an e-mail and password, normalising the address', () => {
    const result = SignInSchema.safeParse({ email: '  Member@Demo.Example ', password: 'anything', redirectTo: '/institutions' });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ email: 'member@demo.example', password: 'anything', redirectTo: '/institutions' });
  });

  test('redirectTo is optional', () => {
    expect(SignInSchema.safeParse({ email: 'a@b.example', password: 'x' }).success).toBe(true);
  });

  test.each([
    [{ email: '', password: 'x' }, 'email', 'errors.required'],
    [{ email: 'not-an-address', password: 'x' }, 'email', 'errors.invalidEmail'],
    [{ email: `${'a'.repeat(250)}@b.example`, password: 'x' }, 'email', 'errors.tooLong'],
    [{ email: 'a@b.example', password: '' }, 'password', 'errors.required'],
    [{ email: 'a@b.example', password: 'x'.repeat(129) }, 'password', 'errors.passwordTooLong'],
  ])('%j → %s: %s', (fields, field, key) => {
    expect(errorOn(SignInSchema, fields, field)).toBe(key);
  });

  test('a missing field is reported as required', () => {
    expect(errorOn(SignInSchema, { email: 'a@b.example' }, 'password')).toBe('errors.required');
    expect(errorOn(SignInSchema, { password: 'x' }, 'email')).toBe('errors.required');
  });

  test('the password is not echoed back, the e-mail is', () => {
    const result = parseForm(SignInSchema, form({ email: 'bad', password: 'secret-password-1' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toEqual({ email: 'bad' });
  });
});

describe('InstitutionSchema', () => {
  const valid = {
    name: '  CERT of the Republic  ',
    localName: 'CERT Republike',
    acronym: 'CERT',
    sector: 'public',
    level: 'state',
    website: 'https://cert.example',
    contactEmail: 'Contact@CERT.example',
    description: 'Responds to incidents.',
  };

  test('accepts a complete institution, trimming and normalising', () => {
    const result = parseForm(InstitutionSchema, form(valid));
    expect(result).toEqual({
      ok: true,
      data: { ...valid, name: 'CERT of the Republic', contactEmail: 'contact@cert.example' },
    });
  });

  test('optional fields left blank become undefined', () => {
    const result = parseForm(
      InstitutionSchema,
      form({ name: 'Somewhere', sector: 'private', level: 'entity', localName: '', acronym: '  ', website: '', contactEmail: '', description: '' }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toEqual({
      name: 'Somewhere',
      sector: 'private',
      level: 'entity',
      localName: undefined,
      acronym: undefined,
      website: undefined,
      contactEmail: undefined,
      description: undefined,
    });
  });

  test.each(SECTORS)('sector %s is accepted', (sector) => {
    expect(InstitutionSchema.safeParse({ ...valid, sector }).success).toBe(true);
  });

  test.each(LEVELS)('level %s is accepted', (level) => {
    expect(InstitutionSchema.safeParse({ ...valid, level }).success).toBe(true);
  });

  test.each([
    ['name', '', 'errors.required'],
    ['name', '   ', 'errors.required'],
    ['name', 'x'.repeat(201), 'errors.tooLong'],
    ['acronym', 'x'.repeat(31), 'errors.tooLong'],
    ['sector', 'government', 'errors.invalidChoice'],
    ['sector', '', 'errors.invalidChoice'],
    ['level', 'galactic', 'errors.invalidChoice'],
    ['website', 'javascript:alert(1)', 'errors.invalidUrl'],
    ['website', 'ftp://files.example', 'errors.invalidUrl'],
    ['website', 'cert.example', 'errors.invalidUrl'],
    ['website', 'data:text/html,<script>alert(1)</script>', 'errors.invalidUrl'],
    ['contactEmail', 'not-an-address', 'errors.invalidEmail'],
  ])('%s = %j → %s', (field, value, key) => {
    expect(errorOn(InstitutionSchema, { ...valid, [field]: value }, field)).toBe(key);
  });

  test('a missing sector is an invalid choice, not a crash', () => {
    const { sector: _sector, ...rest } = valid;
    expect(errorOn(InstitutionSchema, rest, 'sector')).toBe('errors.invalidChoice');
  });

  test('errors land on their own fields and what was typed is kept', () => {
    const result = parseForm(InstitutionSchema, form({ ...valid, name: '', website: 'javascript:alert(1)', sector: 'nope' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ name: 'errors.required', website: 'errors.invalidUrl', sector: 'errors.invalidChoice' });
    expect(result.values.website).toBe('javascript:alert(1)');
    expect(result.values.acronym).toBe('CERT');
  });

  describe('the level of government (issue 13)', () => {
    test.each(SECTORS.filter((s) => s !== 'public'))('a %s institution may have no level, sent empty or not at all', (sector) => {
      const empty = parseForm(InstitutionSchema, form({ ...valid, sector, level: '' }));
      expect(empty.ok).toBe(true);
      if (empty.ok) expect(empty.data.level).toBeUndefined();
      const { level: _level, ...withoutLevel } = valid;
      expect(InstitutionSchema.safeParse({ ...withoutLevel, sector }).success).toBe(true);
    });

    test('a non-public institution may still name a level', () => {
      const result = InstitutionSchema.safeParse({ ...valid, sector: 'academic', level: 'entity' });
      expect(result.success && result.data.level).toBe('entity');
    });

    test('a public institution without a level is refused on the level field, sent empty or not at all', () => {
      expect(errorOn(InstitutionSchema, { ...valid, level: '' }, 'level')).toBe('institutions.levelRequiredPublic');
      const { level: _level, ...withoutLevel } = valid;
      expect(errorOn(InstitutionSchema, withoutLevel, 'level')).toBe('institutions.levelRequiredPublic');
    });

    test('the level rule is reported together with the other errors, in one submission', () => {
      const result = parseForm(InstitutionSchema, form({ ...valid, name: '', level: '' }));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toEqual({ name: 'errors.required', level: 'institutions.levelRequiredPublic' });
    });

    test('an unknown level is an invalid choice whatever the sector', () => {
      expect(errorOn(InstitutionSchema, { ...valid, sector: 'private', level: 'galactic' }, 'level')).toBe('errors.invalidChoice');
    });
  });
});

describe('InvitationSchema', () => {
  test('accepts an invitation, lower-casing the address', () => {
    const result = InvitationSchema.safeParse({ email: 'New.Person@Example.org', name: '', institutionId: 'inst-1', role: 'member' });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ email: 'new.person@example.org', name: undefined, institutionId: 'inst-1', role: 'member' });
  });

  test.each([
    [{ email: 'x', institutionId: 'i', role: 'member' }, 'email', 'errors.invalidEmail'],
    [{ email: 'a@b.example', institutionId: '', role: 'member' }, 'institutionId', 'errors.required'],
    [{ email: 'a@b.example', institutionId: 'i', role: 'superuser' }, 'role', 'errors.invalidChoice'],
    [{ email: 'a@b.example', institutionId: 'i' }, 'role', 'errors.invalidChoice'],
  ])('%j → %s: %s', (fields, field, key) => {
    expect(errorOn(InvitationSchema, fields, field)).toBe(key);
  });
});

describe('AcceptInvitationSchema', () => {
  const good = 'correct-horse-battery';

  test('accepts a name and a matching password of 12+ characters', () => {
    const result = parseForm(AcceptInvitationSchema, form({ name: ' Ana ', password: good, confirm: good }));
    expect(result).toEqual({ ok: true, data: { name: 'Ana', password: good, confirm: good } });
  });

  test('a password shorter than 12 characters is too short', () => {
    expect(errorOn(AcceptInvitationSchema, { name: 'Ana', password: 'short-pass1', confirm: 'short-pass1' }, 'password')).toBe(
      'errors.passwordTooShort',
    );
  });

  test('a password of exactly 12 characters is enough', () => {
    expect(AcceptInvitationSchema.safeParse({ name: 'Ana', password: '123456789012', confirm: '123456789012' }).success).toBe(true);
  });

  test('an empty password is required, not too short', () => {
    expect(errorOn(AcceptInvitationSchema, { name: 'Ana', password: '', confirm: '' }, 'password')).toBe('errors.required');
  });

  test('a password over 128 characters is too long', () => {
    const long = 'x'.repeat(129);
    expect(errorOn(AcceptInvitationSchema, { name: 'Ana', password: long, confirm: long }, 'password')).toBe('errors.passwordTooLong');
  });

  test('passwords that differ are reported on confirm', () => {
    const result = parseForm(AcceptInvitationSchema, form({ name: 'Ana', password: good, confirm: `${good}!` }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ confirm: 'errors.passwordsDiffer' });
  });

  test('a missing name is required', () => {
    expect(errorOn(AcceptInvitationSchema, { name: '', password: good, confirm: good }, 'name')).toBe('errors.required');
  });

  test('neither the password nor its repetition is echoed back', () => {
    const result = parseForm(AcceptInvitationSchema, form({ name: 'Ana', password: 'first-secret-value', confirm: 'second-secret-value' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values.name).toBe('Ana');
    expect(Object.values(result.values)).not.toContain('first-secret-value');
    expect(Object.values(result.values)).not.toContain('second-secret-value');
  });
});

describe('ChangePasswordSchema', () => {
  const next = 'a-brand-new-passphrase';

  test('accepts a current password and a matching new one', () => {
    expect(ChangePasswordSchema.safeParse({ currentPassword: 'old', newPassword: next, confirmPassword: next }).success).toBe(true);
  });

  test.each([
    [{ currentPassword: '', newPassword: next, confirmPassword: next }, 'currentPassword', 'errors.required'],
    [{ currentPassword: 'old', newPassword: 'too-short', confirmPassword: 'too-short' }, 'newPassword', 'errors.passwordTooShort'],
    [{ currentPassword: 'old', newPassword: next, confirmPassword: `${next}x` }, 'confirmPassword', 'errors.passwordsDiffer'],
    [{ currentPassword: 'old', newPassword: next, confirmPassword: '' }, 'confirmPassword', 'errors.required'],
  ])('%j → %s: %s', (fields, field, key) => {
    expect(errorOn(ChangePasswordSchema, fields, field)).toBe(key);
  });

  test('no password field is echoed back', () => {
    const result = parseForm(ChangePasswordSchema, form({ currentPassword: 'old-secret', newPassword: 'short', confirmPassword: 'other' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toEqual({});
  });
});

describe('parseForm', () => {
  test('a repeated field arrives as an array, which a string field rejects', () => {
    const data = form({ email: 'a@b.example', password: 'x' });
    data.append('email', 'c@d.example');
    const result = parseForm(SignInSchema, data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.email).toMatch(/^errors\./);
  });

  test('file uploads are ignored rather than parsed as text', () => {
    const data = form({ password: 'x' });
    data.append('email', new Blob(['a@b.example']), 'email.txt');
    const result = parseForm(SignInSchema, data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.email).toBe('errors.required');
  });
});
