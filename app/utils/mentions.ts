/**
 * Mentions in a comment body are stored as `@[Name](user:<id>)`: the id says
 * whom to notify, the name is what readers see. Pure, for server and browser.
 */

const MENTION = /@\[([^\]\n]{1,120})\]\(user:([A-Za-z0-9_-]{1,64})\)/g;

export type BodyPart = { text: string } | { mention: { id: string; name: string } };

/** A name as a token can hold it (no brackets or line breaks). */
function tokenName(name: string): string {
  return name.replace(/[[\]\n]/g, ' ').trim();
}

/** The token the comment form inserts for a person. */
export function mentionToken(person: { id: string; name: string }): string {
  return `@[${tokenName(person.name)}](user:${person.id})`;
}

/** How a mention reads in the comment box while writing, and everywhere a body is shown. */
export function mentionLabel(person: { name: string }): string {
  return `@${tokenName(person.name)}`;
}

/** A body with each mention as `@Name`: for plain text such as e-mails, exports and reports. */
export function mentionsAsText(body: string): string {
  return body.replace(MENTION, (_token, name: string) => `@${name}`);
}

/** A body with each mention as `@…`: for the published consultation report, which names no one unless asked to. */
export function mentionsWithoutNames(body: string): string {
  return body.replace(MENTION, '@…');
}

/** A stored body as the comment box shows it, and the people it mentions (to edit a comment). */
export function mentionsForEditing(body: string): { text: string; people: { id: string; name: string }[] } {
  const people = new Map<string, { id: string; name: string }>();
  for (const match of body.matchAll(MENTION)) people.set(match[2], { id: match[2], name: match[1] });
  return { text: mentionsAsText(body), people: [...people.values()] };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The body to store from what the comment box shows: each `@Name` of a person
 * picked from the list becomes their token. A name that was edited after it
 * was picked no longer matches and stays plain text.
 */
export function encodeMentions(text: string, people: { id: string; name: string }[]): string {
  const byLabel = new Map(people.map((person) => [mentionLabel(person), person]));
  if (byLabel.size === 0) return text;
  // Longest first, so "@Ana Marić" wins over "@Ana"; a name must not run on into a longer word.
  const labels = [...byLabel.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(${labels.join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  return text.replace(pattern, (label: string) => mentionToken(byLabel.get(label)!));
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
