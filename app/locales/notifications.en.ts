/** English strings of the notification centre (merged into en.ts under `notifications`). */
const notificationsEn = {
  title: 'Notifications',
  lead: 'Mentions, replies, workflow moves on documents you take part in, and reminders about your institution’s action items.',
  unread_one: '{{count}} unread',
  unread_few: '{{count}} unread',
  unread_other: '{{count}} unread',
  navLabel: 'Notifications',
  navUnread: 'Notifications, {{count}} unread',
  none: 'You have no notifications.',
  showAll: 'All',
  showUnread: 'Unread only',
  markAllRead: 'Mark all as read',
  unreadMarker: 'Unread',
  open: 'Open',
  older: 'Older notifications',
  newer: 'Newer notifications',
  mailFooter: 'You receive this e-mail because you take part in {{group}}. Your notifications are also in the portal.',
  kinds: {
    mention: '{{actor}} mentioned you in “{{document}}”',
    comment_reply: '{{actor}} replied to a comment thread in “{{document}}”',
    workflow_move: '{{actor}} moved “{{document}}” to {{status}}',
    publication: '{{actor}} published edition {{edition}} of “{{document}}”',
    reminder_due_soon: 'Action {{code}} “{{item}}” is due on {{due}}',
    reminder_overdue: 'Action {{code}} “{{item}}” is overdue since {{due}}',
    reminder_stale: 'Action {{code}} “{{item}}” has had no update for {{days}} days',
  },
} as const;

export default notificationsEn;
