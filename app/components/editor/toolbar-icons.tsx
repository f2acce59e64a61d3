import type { ReactNode } from 'react';

/** Toolbar pictograms. Decorative: every button carries its own accessible name. */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 20 20"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const BulletListIcon = () => (
  <Icon>
    <circle cx="4" cy="5" r="1" fill="currentColor" />
    <circle cx="4" cy="10" r="1" fill="currentColor" />
    <circle cx="4" cy="15" r="1" fill="currentColor" />
    <path d="M8 5h9M8 10h9M8 15h9" />
  </Icon>
);

export const NumberedListIcon = () => (
  <Icon>
    <path d="M3 3.5l1.2-.8V7M2.8 7h2.6M2.8 12.2c.3-.7 2.6-.9 2.4.5-.1.8-2.4 1.7-2.4 2.8h2.6" strokeWidth="1.2" />
    <path d="M8 5h9M8 10h9M8 15h9" />
  </Icon>
);

export const IndentIcon = () => (
  <Icon>
    <path d="M3 4h14M9 8h8M9 12h8M3 16h14M3 7.5l3 2.5-3 2.5" />
  </Icon>
);

export const OutdentIcon = () => (
  <Icon>
    <path d="M3 4h14M9 8h8M9 12h8M3 16h14M6 7.5L3 10l3 2.5" />
  </Icon>
);

export const QuoteIcon = () => (
  <Icon>
    <path d="M4 12c0-3 1-5 4-6M11 12c0-3 1-5 4-6" />
    <circle cx="5.5" cy="13" r="1.8" fill="currentColor" />
    <circle cx="12.5" cy="13" r="1.8" fill="currentColor" />
  </Icon>
);

export const LinkIcon = () => (
  <Icon>
    <path d="M8.5 11.5a3 3 0 0 0 4.2 0l2.8-2.8a3 3 0 0 0-4.2-4.2l-1 1" />
    <path d="M11.5 8.5a3 3 0 0 0-4.2 0l-2.8 2.8a3 3 0 0 0 4.2 4.2l1-1" />
  </Icon>
);

export const TableIcon = () => (
  <Icon>
    <rect x="2.5" y="3.5" width="15" height="13" rx="1" />
    <path d="M2.5 7.8h15M2.5 12.2h15M7.5 3.5v13M12.5 3.5v13" />
  </Icon>
);

export const HorizontalRuleIcon = () => (
  <Icon>
    <path d="M2.5 10h15" strokeWidth="2" />
    <path d="M5 5h10M5 15h10" strokeWidth="1" opacity="0.5" />
  </Icon>
);

export const UndoIcon = () => (
  <Icon>
    <path d="M7 4L3 8l4 4" />
    <path d="M3 8h9a4.5 4.5 0 0 1 0 9H9" />
  </Icon>
);

export const RedoIcon = () => (
  <Icon>
    <path d="M13 4l4 4-4 4" />
    <path d="M17 8H8a4.5 4.5 0 0 0 0 9h3" />
  </Icon>
);
