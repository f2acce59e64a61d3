import type notificationsEn from './notifications.en.ts';
import type { Widen } from './widen.ts';

/** Croatian strings of the notification centre; the type keeps the keys equal to English. */
const notificationsHr: Widen<typeof notificationsEn> = {
  title: 'Obavijesti',
  lead: 'Spominjanja, odgovori, promjene statusa dokumenata u kojima sudjelujete i podsjetnici o aktivnostima vaše ustanove.',
  unread_one: '{{count}} nepročitana',
  unread_few: '{{count}} nepročitane',
  unread_other: '{{count}} nepročitanih',
  navLabel: 'Obavijesti',
  navUnread: 'Obavijesti, nepročitanih: {{count}}',
  none: 'Nemate obavijesti.',
  showAll: 'Sve',
  showUnread: 'Samo nepročitane',
  markAllRead: 'Označi sve kao pročitano',
  unreadMarker: 'Nepročitano',
  open: 'Otvori',
  older: 'Starije obavijesti',
  newer: 'Novije obavijesti',
  mailFooter: 'Ovu poruku primate jer sudjelujete u radu skupine {{group}}. Vaše su obavijesti i na portalu.',
  kinds: {
    mention: '{{actor}} vas je spomenuo/la u dokumentu „{{document}}”',
    comment_reply: '{{actor}} je odgovorio/la u niti komentara u dokumentu „{{document}}”',
    workflow_move: '{{actor}} je premjestio/la „{{document}}” u fazu: {{status}}',
    publication: '{{actor}} je objavio/la izdanje {{edition}} dokumenta „{{document}}”',
    reminder_due_soon: 'Rok za aktivnost {{code}} „{{item}}” je {{due}}',
    reminder_overdue: 'Aktivnost {{code}} „{{item}}” kasni od {{due}}',
    reminder_stale: 'Aktivnost {{code}} „{{item}}” nije ažurirana {{days}} dana',
  },
};

export default notificationsHr;
