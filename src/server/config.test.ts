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

test('the PostgreSQL pool has a size and connect, idle and statement timeouts, each configurable', () => {
  expect(loadConfig({}).databasePool).toEqual({
    max: 10,
    connectTimeoutSeconds: 5,
    idleTimeoutSeconds: 30,
    statementTimeoutSeconds: 30,
  })
  const tuned = loadConfig({
    DATABASE_POOL_MAX: '25',
    DATABASE_CONNECT_TIMEOUT_SECONDS: '2',
    DATABASE_IDLE_TIMEOUT_SECONDS: '60',
    DATABASE_STATEMENT_TIMEOUT_SECONDS: '0',
  })
  expect(tuned.databasePool).toEqual({
    max: 25,
    connectTimeoutSeconds: 2,
    idleTimeoutSeconds: 60,
    statementTimeoutSeconds: 0,
  })
  expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_SECONDS: '0' })).toThrow(
    'DATABASE_CONNECT_TIMEOUT_SECONDS: must be a number of seconds (a whole number from 1 to 600)',
  )
  expect(() => loadConfig({ DATABASE_POOL_MAX: 'many' })).toThrow('DATABASE_POOL_MAX: must be a number of connections')
  expect(() => loadConfig({ EMBEDDED_DB_CACHE_MB: '0' })).toThrow('EMBEDDED_DB_CACHE_MB')
  expect(loadConfig({ EMBEDDED_DB_CACHE_MB: '64' }).embeddedDbCacheMb).toBe(64)
  expect(loadConfig({}).embeddedDbCacheMb).toBe(16)
})

test('a malformed SMTP_URL fails at load, naming the variable and the expected form', () => {
  expect(() => loadConfig({ SMTP_URL: 'smtp://[bad' })).toThrow(
    /^Invalid configuration: SMTP_URL: must be a URL such as smtp:\/\//,
  )
  expect(() => loadConfig({ SMTP_URL: 'smtp://' })).toThrow(ConfigError)
  expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.com:99999' })).toThrow(ConfigError)
  expect(loadConfig({ SMTP_URL: 'smtps://user:secret@mail.example.com:465' }).smtpUrl).toBe(
    'smtps://user:secret@mail.example.com:465',
  )
})

test('metrics are on by default on the main port; a token and a port of their own are validated', () => {
  expect(loadConfig({}).metrics).toEqual({ isEnabled: true, token: undefined, listener: undefined })
  expect(loadConfig({ METRICS_ENABLED: 'false' }).metrics.isEnabled).toBe(false)
  const token = 'a'.repeat(32)
  const guarded = loadConfig({ HOST: '127.0.0.1', METRICS_TOKEN: token, METRICS_PORT: '9464' }).metrics
  expect(guarded).toEqual({ isEnabled: true, token, listener: { host: '127.0.0.1', port: 9464 } })
  expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics.listener).toEqual({
    host: '10.0.0.5',
    port: 9464,
  })
  expect(() => loadConfig({ METRICS_ENABLED: 'yes' })).toThrow(/METRICS_ENABLED/)
  expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN: must be at least 16 characters')
  expect(() => loadConfig({ METRICS_TOKEN: 'has a space in it somewhere' })).toThrow(/METRICS_TOKEN/)
  expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow('METRICS_PORT: must be a port number')
  expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow('METRICS_PORT: must differ from PORT (3000)')
})

test('traces are off unless an OTLP endpoint is set, and follow the standard OTEL_* variables', () => {
  const off = { isEnabled: false, protocol: 'http/protobuf', defaultServiceName: 'tandem' }
  expect(loadConfig({}).tracing).toEqual(off)
  const endpoint = 'http://collector:4318'
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }).tracing).toEqual({ ...off, isEnabled: true })
  expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces` }).tracing.isEnabled).toBe(true)
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_EXPORTER: 'none' }).tracing.isEnabled).toBe(
    false,
  )
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: 'TRUE' }).tracing.isEnabled).toBe(false)
  expect(
    loadConfig({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    }).tracing.protocol,
  ).toBe('http/json')
  expect(loadConfig({ OTEL_SERVICE_NAME: 'tandem-eu' }).tracing.defaultServiceName).toBeUndefined()
  expect(
    loadConfig({ OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,service.name=coaching' }).tracing
      .defaultServiceName,
  ).toBeUndefined()
  expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/)
  expect(() => loadConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http' })).toThrow(
    'OTEL_EXPORTER_OTLP_PROTOCOL: must be http/protobuf, http/json or grpc',
  )
  expect(() => loadConfig({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow('OTEL_TRACES_EXPORTER: must be otlp or none')
})
