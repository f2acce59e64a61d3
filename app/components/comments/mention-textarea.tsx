import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { encodeMentions, mentionLabel, mentionQuery, mentionsForEditing } from '../../utils/mentions.ts';

export interface Mentionable {
  id: string;
  name: string;
  institutionName: string;
}

export interface MentionTextareaProps {
  name: string;
  label: string;
  people: Mentionable[];
  error?: string;
  /** Take the focus when shown: for a form the person has just opened. */
  focusOnMount?: boolean;
  /** A stored body (with mention tokens), when editing a comment. */
  defaultValue?: string;
}

const MAX_SUGGESTIONS = 6;

/** Set once the page has hydrated: boxes rendered after that never showed the server's raw body. */
let pageHydrated = false;

/**
 * A comment box where `@` followed by part of a name offers the people who may
 * read the document (the keys of the combobox pattern: arrows move, Enter or
 * Tab picks, Escape closes; a textarea may not take the combobox role, so it
 * stays a textbox with aria-autocomplete and aria-activedescendant). Picking
 * shows `@Name` in the box; a hidden field carries the body with
 * `@[Name](user:id)`, which is how the server knows whom to notify. Without
 * JavaScript the box is a plain textarea and posts itself.
 */
export function MentionTextarea({ name, label, people, error, focusOnMount, defaultValue }: MentionTextareaProps) {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-mentions`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const initial = useMemo(() => mentionsForEditing(defaultValue ?? ''), [defaultValue]);
  const [text, setText] = useState(initial.text);
  const [picked, setPicked] = useState(initial.people);
  // Until hydration the textarea posts the raw body itself (plain forms, no JavaScript);
  // a box mounted later (an Edit opened after the page loaded) starts hydrated.
  const [hydrated, setHydrated] = useState(pageHydrated);
  useEffect(() => {
    pageHydrated = true;
    setHydrated(true);
    // The server rendered the stored body; show names instead unless someone already typed.
    const element = textarea.current;
    if (element && element.value === (defaultValue ?? '')) element.value = initial.text;
    else if (element) setText(element.value);
    // Once, on hydration: later renders keep what the person typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (focusOnMount) textarea.current?.focus();
  }, [focusOnMount]);

  // A form reset (after posting) empties the box; the hidden field must follow.
  useEffect(() => {
    const form = textarea.current?.form;
    if (!form) return;
    const onReset = () => {
      // The event comes before the reset itself, which puts back the server's raw body.
      queueMicrotask(() => {
        if (textarea.current) textarea.current.value = initial.text;
        setText(initial.text);
        setPicked(initial.people);
      });
    };
    form.addEventListener('reset', onReset);
    return () => form.removeEventListener('reset', onReset);
  }, [initial]);

  const suggestions = useMemo(() => {
    if (!query) return [];
    const needle = query.query.toLocaleLowerCase();
    return people.filter((person) => person.name.toLocaleLowerCase().includes(needle)).slice(0, MAX_SUGGESTIONS);
  }, [people, query]);
  const open = suggestions.length > 0;

  const update = () => {
    const element = textarea.current;
    if (!element) return;
    setText(element.value);
    setQuery(mentionQuery(element.value, element.selectionStart ?? element.value.length));
    setActive(0);
  };

  const pick = (person: Mentionable) => {
    const element = textarea.current;
    if (!element || !query) return;
    const caret = element.selectionStart ?? element.value.length;
    const label = `${mentionLabel(person)} `;
    element.value = element.value.slice(0, query.start) + label + element.value.slice(caret);
    const next = query.start + label.length;
    element.setSelectionRange(next, next);
    element.focus();
    setText(element.value);
    setPicked((current) => (current.some((p) => p.id === person.id) ? current : [...current, { id: person.id, name: person.name }]));
    setQuery(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(suggestions[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    }
  };

  return (
    <div className="relative">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      <textarea
        ref={textarea}
        id={id}
        name={hydrated ? undefined : name}
        rows={3}
        required
        maxLength={5000}
        defaultValue={hydrated ? initial.text : defaultValue}
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        aria-describedby={`${helpId}${error ? ` ${errorId}` : ''}`}
        aria-invalid={error ? true : undefined}
        onInput={update}
        onClick={update}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm"
      />
      {hydrated ? <input type="hidden" name={name} value={encodeMentions(text, picked)} /> : null}
      <p id={helpId} className="mt-1 text-xs text-slate-600">
        {t('comments.mentionHelp')}
      </p>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
      <ul
        id={listId}
        role="listbox"
        aria-label={t('comments.mentionSuggestions')}
        hidden={!open}
        className="absolute z-30 mt-1 w-full overflow-hidden rounded border border-slate-300 bg-white text-sm shadow-lg"
      >
        {suggestions.map((person, index) => (
          <li
            key={person.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => {
              event.preventDefault();
              pick(person);
            }}
            className={`cursor-pointer px-2 py-1 ${index === active ? 'bg-brand-100' : ''}`}
          >
            {person.name} <span className="text-slate-600">— {person.institutionName}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
