import type { WebhookEventType } from '#contracts/webhooks.ts'

/** Each event type in words, in the order the dialog offers them. */
export const eventLabels: Record<WebhookEventType, string> = {
  'person.created': 'A person is added',
  'person.updated': "A person's profile changes",
  'person.deactivated': 'A person is deactivated',
  'enrollment.created': 'Someone enrolls in a program',
  'match.published': 'A match is published',
  'match.accepted': 'A member accepts a match',
  'match.declined': 'A member declines a match',
  'match.completed': 'A match is completed',
  'session.held': 'A session is marked held',
  'program.status_changed': "A program's status changes",
}

export const eventTypes = Object.keys(eventLabels) as WebhookEventType[]
