import type notificationsEn from './notifications.en.ts';
import type { Widen } from './widen.ts';

/** Serbian (Latin) strings of the notification centre; the type keeps the keys equal to English. */
const notificationsSrLatn: Widen<typeof notificationsEn> = {
  title: 'Obavještenja',
  lead: 'Pominjanja, odgovori, promjene statusa dokumenata u kojima učestvujete i podsjetnici o aktivnostima vaše institucije.',
  unread_one: '{{count}} nepročitano',
  unread_few: '{{count}} nepročitana',
  unread_other: '{{count}} nepročitanih',
  navLabel: 'Obavještenja',
  navUnread: 'Obavještenja, nepročitanih: {{count}}',
  none: 'Nemate obavještenja.',
  showAll: 'Sva',
  showUnread: 'Samo nepročitana',
  markAllRead: 'Označi sve kao pročitano',
  unreadMarker: 'Nepročitano',
  open: 'Otvori',
  older: 'Starija obavještenja',
  newer: 'Novija obavještenja',
  mailFooter: 'Ovu poruku dobijate jer učestvujete u radu grupe {{group}}. Vaša obavještenja su i na portalu.',
  kinds: {
    mention: '{{actor}} vas je pomenuo/la u dokumentu „{{document}}“',
    comment_reply: '{{actor}} je odgovorio/la u niti komentara u dokumentu „{{document}}“',
    workflow_move: '{{actor}} je premjestio/la „{{document}}“ u fazu: {{status}}',
    publication: '{{actor}} je objavio/la izdanje {{edition}} dokumenta „{{document}}“',
    reminder_due_soon: 'Rok za aktivnost {{code}} „{{item}}“ je {{due}}',
    reminder_overdue: 'Aktivnost {{code}} „{{item}}“ kasni od {{due}}',
    reminder_stale: 'Aktivnost {{code}} „{{item}}“ nije ažurirana {{days}} dana',
  },
};

export default notificationsSrLatn;
