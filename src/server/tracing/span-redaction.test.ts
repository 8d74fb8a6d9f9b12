import { expect, test } from 'vitest'
import { redactEmails, redactedAttributes, redactPath, redactQuery } from './span-redaction.ts'

test('a query string keeps its names, never its values', () => {
  expect(redactQuery('token=abc&email=ana%40example.com&flag')).toBe('token=REDACTED&email=REDACTED&flag')
  expect(redactQuery('')).toBe('')
  expect(redactPath('/api/people?search=Ana', undefined)).toBe('/api/people?search=REDACTED')
  expect(redactPath('/api/people', undefined)).toBe('/api/people')
})

test("a path becomes its route's template once the route is known, so a token in it is not kept", () => {
  expect(redactPath('/api/unsubscribe/s3cret?x=1', '/api/unsubscribe/:token')).toBe(
    '/api/unsubscribe/:token?x=REDACTED',
  )
  expect(
    redactedAttributes({
      'http.route': '/api/invitations/:token',
      'url.path': '/api/invitations/s3cret',
      'http.target': '/api/invitations/s3cret?email=a@b.test',
      'url.full': 'http://user:pw@tandem.test:3000/api/invitations/s3cret?email=a@b.test#top',
      'url.query': 'email=a@b.test',
      'http.request.method': 'GET',
    }),
  ).toEqual({
    'url.path': '/api/invitations/:token',
    'http.target': '/api/invitations/:token?email=REDACTED',
    'url.full': 'http://tandem.test:3000/api/invitations/:token?email=REDACTED',
    'url.query': 'email=REDACTED',
  })
})

test('an outgoing call keeps its address without the query values; nothing to change gives no change', () => {
  expect(redactedAttributes({ 'url.full': 'https://idp.example/token?code=abc&state=xyz' })).toEqual({
    'url.full': 'https://idp.example/token?code=REDACTED&state=REDACTED',
  })
  expect(redactedAttributes({ 'url.full': 'https://idp.example/.well-known/openid-configuration' })).toEqual({})
  expect(redactedAttributes({ 'db.query.text': 'select 1 where a = $1' })).toEqual({})
})

test('email addresses are taken out of any text a span holds', () => {
  expect(redactEmails('550 5.1.1 <ana.lopez+x@mail.example.org>: mailbox unavailable')).toBe(
    '550 5.1.1 <[email]>: mailbox unavailable',
  )
  expect(redactedAttributes({ 'messaging.destination.name': 'email', note: 'to ben@x.test' })).toEqual({
    note: 'to [email]',
  })
})
