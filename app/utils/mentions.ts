/**
 * Mentions in a comment body are stored as `@[Name](user:<id>)`: the id says
 * whom to notify, the name is what readers see. Pure, for server and browser.
 */

const MENTION = /@\[([^\]\n]{1,120})\]\(user:([A-Za-z0-9_-]{1,64})\)/g;

export type BodyPart = { text: string } | { mention: { id: string; name: string } };

/** The token the comment form inserts for a person. */
export function mentionToken(person: { id: string; name: string }): string {
  return `@[${person.name.replace(/[[\]\n]/g, ' ').trim()}](user:${person.id})`;
}

/** The distinct ids mentioned in a body, in order of first mention. */
export function mentionedIds(body: string): string[] {
  return [...new Set(Array.from(body.matchAll(MENTION), (match) => match[2]))];
}

/** A body split into plain text and mentions, for rendering. */
export function splitMentions(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: body.slice(last, index) });
    parts.push({ mention: { name: match[1], id: match[2] } });
    last = index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}

/** The word being typed after an `@` at the caret, or null: what the suggestion list filters by. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@[\]()]{0,40})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}
