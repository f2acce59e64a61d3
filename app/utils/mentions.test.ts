import { describe, expect, test } from 'vitest';
import { encodeMentions, mentionedIds, mentionsAsText, mentionsForEditing, mentionToken, splitMentions } from './mentions.ts';

const NIKOLA = { id: 'c558dd3e-1f2a-4b3c-9d4e-5f6a7b8c9d0e', name: 'Nikola Petrović' };
const ANA = { id: 'a1', name: 'Ana' };
const ANA_MARIC = { id: 'a2', name: 'Ana Marić' };

describe('mentions', () => {
  test('what the box shows becomes the stored token only for people picked, and back again', () => {
    const shown = 'Could @Nikola Petrović check this, and @Someone Else?';
    const stored = encodeMentions(shown, [NIKOLA]);
    expect(stored).toBe(`Could ${mentionToken(NIKOLA)} check this, and @Someone Else?`);
    expect(mentionedIds(stored)).toEqual([NIKOLA.id]);
    expect(mentionsForEditing(stored)).toEqual({ text: shown, people: [NIKOLA] });
    expect(encodeMentions(shown, [])).toBe(shown);
  });

  test('the longest name wins, and a name does not match the start of a longer word', () => {
    expect(encodeMentions('@Ana Marić and @Ana, not @Anastasia', [ANA, ANA_MARIC])).toBe(`${mentionToken(ANA_MARIC)} and ${mentionToken(ANA)}, not @Anastasia`);
    // A picked name edited afterwards is no mention any more.
    expect(mentionedIds(encodeMentions('@Nikola Petrovi, please', [NIKOLA]))).toEqual([]);
  });

  test('plain text and rendering show names, never the markup', () => {
    const body = `Hi ${mentionToken(NIKOLA)} and ${mentionToken(ANA)}.`;
    expect(mentionsAsText(body)).toBe('Hi @Nikola Petrović and @Ana.');
    expect(splitMentions(body)).toEqual([{ text: 'Hi ' }, { mention: NIKOLA }, { text: ' and ' }, { mention: ANA }, { text: '.' }]);
  });
});
