import { expect, test } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

test('defaults give the embedded database on port 3000', () => {
  const config = loadConfig({})
  expect(config.port).toBe(3000)
  expect(config.databaseUrl).toBeUndefined()
  expect(config.dataDir).toBe('./data')
  expect(config.publicUrl).toBe('http://localhost:3000')
  expect(config.cookieSecure).toBe(false)
})

test('production marks cookies Secure unless told otherwise', () => {
  expect(loadConfig({ NODE_ENV: 'production' }).cookieSecure).toBe(true)
  expect(loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false)
})

test('a bad value fails with a message naming the variable', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError)
  expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT: must be a port number (a whole number from 0 to 65535)')
  expect(() => loadConfig({ SESSION_TTL_HOURS: '1.5' })).toThrow('SESSION_TTL_HOURS: must be a number of hours')
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/)
})

test('REDIS_URL, when set, must be a redis:// or rediss:// URL', () => {
  expect(loadConfig({}).redisUrl).toBeUndefined()
  expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379')
  expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL: must be a redis:\/\//)
  expect(() => loadConfig({ REDIS_URL: 'redis://[bad' })).toThrow(/REDIS_URL: must be a redis:\/\//)
})
