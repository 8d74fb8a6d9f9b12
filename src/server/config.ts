import { z } from 'zod'

const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')

const integerSetting = (min: number, max: number, what: string) => {
  const message = `must be ${what} (a whole number from ${min} to ${max})`
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message)
}

const otlpProtocol = z.enum(['http/protobuf', 'http/json', 'grpc'], 'must be http/protobuf, http/json or grpc')

const SMTP_URL_FORMAT =
  'must be a URL such as smtp://user:password@mail.example.com:587 (a host name, a port from 1 to 65535, ' +
  'and any special characters in the user name or password percent-encoded)'

/**
 * The mailer (nodemailer) parses SMTP_URL only when the first email goes out; parsed here, a
 * malformed value stops the start instead of failing later with a TypeError. nodemailer takes any
 * URL the WHATWG parser accepts, so that parser, plus a host, is the test.
 */
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.hostname !== '' && url.port !== '0'
  } catch {
    return false
  }
}

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: integerSetting(0, 65535, 'a port number').default(3000),
  /** Public address used in email links; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** PostgreSQL connection string; when absent the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** PostgreSQL only: the app's pool size, and how long a connection, an idle connection and a statement may take. */
  DATABASE_POOL_MAX: integerSetting(1, 1000, 'a number of connections').default(10),
  DATABASE_CONNECT_TIMEOUT_SECONDS: integerSetting(1, 600, 'a number of seconds').default(5),
  DATABASE_IDLE_TIMEOUT_SECONDS: integerSetting(1, 24 * 60 * 60, 'a number of seconds').default(30),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: integerSetting(0, 24 * 60 * 60, 'a number of seconds (0: no limit)').default(30),
  DATA_DIR: z.string().min(1).default('./data'),
  /** The embedded database only: its page cache (PostgreSQL's shared_buffers), in MB. */
  EMBEDDED_DB_CACHE_MB: integerSetting(1, 4096, 'a number of megabytes').default(16),
  /** smtp:// or smtps:// URL; when absent mail is kept in the development outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .refine(isSmtpUrl, SMTP_URL_FORMAT)
    .optional(),
  MAIL_FROM: z.string().min(3).default('Tandem <tandem@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Marks the session cookie Secure; defaults to true in production. */
  COOKIE_SECURE: booleanFromEnv.optional(),
  /** Trust X-Forwarded-* from a proxy: 'true', a hop count, or comma-separated addresses/CIDRs. */
  TRUST_PROXY: z.string().min(1).optional(),
  SESSION_TTL_HOURS: integerSetting(1, 24 * 90, 'a number of hours').default(24 * 14),
  SIGN_IN_MAX_ATTEMPTS: integerSetting(1, 1000, 'a number of attempts').default(5),
  SIGN_IN_WINDOW_MINUTES: integerSetting(1, 24 * 60, 'a number of minutes').default(15),
  /** Whether this instance works background jobs (false: it only queues them for instances that do). */
  JOB_WORKERS: booleanFromEnv.default(true),
  /** redis:// or rediss:// URL; when set, rate limits are counted in Redis instead of the database. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
    .refine((value) => URL.canParse(value), 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prometheus metrics at /metrics (on by default). */
  METRICS_ENABLED: booleanFromEnv.default(true),
  /** When set, /metrics answers only a request with `Authorization: Bearer <token>`. */
  /** The key secrets are sealed with in the database (decision 047); unset: a key file in DATA_DIR. */
  SECRET_KEY: z
    .string()
    .regex(/^[\x21-\x7e]{32,}$/, 'must be at least 32 characters, without spaces (for example: openssl rand -hex 32)')
    .optional(),
  /** The key before the current one, while stored secrets are sealed again under SECRET_KEY. */
  SECRET_KEY_PREVIOUS: z
    .string()
    .regex(/^[\x21-\x7e]{32,}$/, 'must be at least 32 characters, without spaces')
    .optional(),
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 characters, without spaces (for example: openssl rand -hex 32)')
    .optional(),
  /** When set, /metrics is served on this port only (its own listener), and the main port answers 404 for it. */
  METRICS_PORT: integerSetting(0, 65535, 'a port number').optional(),
  /** The address the metrics listener binds (default: HOST). */
  METRICS_HOST: z.string().min(1).optional(),
  // OpenTelemetry traces (decision 038): the standard variables. Tracing is on when an OTLP endpoint
  // is set; the SDK reads the others it knows (headers, timeout, sampler, batch sizes) itself.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol.optional(),
  /** `none` turns tracing off; Tandem exports traces over OTLP only. */
  OTEL_TRACES_EXPORTER: z
    .enum(['otlp', 'none'], 'must be otlp or none (Tandem exports traces over OTLP only)')
    .optional(),
  OTEL_SDK_DISABLED: z
    .string()
    .transform((value) => value.trim().toLowerCase() === 'true')
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_RESOURCE_ATTRIBUTES: z.string().optional(),
  /**
   * Whether webhook endpoints may point at private, loopback or link-local addresses (decision 044).
   * Refused in production unless set (a server-side request forgery guard); allowed elsewhere.
   */
  WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: booleanFromEnv.optional(),
})

export interface DatabasePoolSettings {
  max: number
  connectTimeoutSeconds: number
  idleTimeoutSeconds: number
  /** 0: statements may run as long as they like. */
  statementTimeoutSeconds: number
}

export interface Config {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  publicUrl: string
  databaseUrl: string | undefined
  /** The PostgreSQL pool's limits (unused by the embedded database). */
  databasePool: DatabasePoolSettings
  dataDir: string
  /** SECRET_KEY and SECRET_KEY_PREVIOUS (decision 047): null when unset. */
  secretKey: string | null
  previousSecretKey: string | null
  /** The embedded database's page cache in MB (its shared_buffers; unused on PostgreSQL). */
  embeddedDbCacheMb: number
  smtpUrl: string | undefined
  mailFrom: string
  logLevel: string
  cookieSecure: boolean
  sessionTtlHours: number
  /** Fastify's trustProxy: false unless TRUST_PROXY says which proxies to believe. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean)
  signInMaxAttempts: number
  signInWindowMinutes: number
  /** This instance works background jobs (matching runs, email); every instance can queue them. */
  isJobWorker: boolean
  /** Where rate limits are counted when set (shared by every instance); the database otherwise. */
  redisUrl: string | undefined
  metrics: MetricsSettings
  tracing: TracingSettings
  webhooks: WebhookSettings
}

/** Outgoing webhooks (decision 044). */
export interface WebhookSettings {
  /** Endpoints may resolve to private, loopback or link-local addresses (development, tests). */
  allowPrivateAddresses: boolean
}

/** OpenTelemetry traces (decision 038); when off, nothing of the SDK is loaded. */
export interface TracingSettings {
  isEnabled: boolean
  /** How spans travel to the collector (OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL; the standard's default). */
  protocol: 'http/protobuf' | 'http/json' | 'grpc'
  /** `tandem` unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES names the service (then the SDK reads it). */
  defaultServiceName: string | undefined
}

export interface MetricsSettings {
  isEnabled: boolean
  /** The bearer token /metrics requires, when set. */
  token: string | undefined
  /** A listener of its own for /metrics (the main port then answers 404 for it); undefined: the main port. */
  listener: { host: string; port: number } | undefined
}

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    return (_address, hop) => hop < hops
  }
  return value
}

export class ConfigError extends Error {}

/** Parses the environment once; every other module receives the resulting Config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const parsed = ConfigSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`)
  }
  const value = parsed.data
  if (value.METRICS_PORT !== undefined && value.METRICS_PORT !== 0 && value.METRICS_PORT === value.PORT) {
    throw new ConfigError(
      `Invalid configuration: METRICS_PORT: must differ from PORT (${value.PORT}); leave it unset to serve /metrics on PORT`,
    )
  }
  return {
    env: value.NODE_ENV,
    host: value.HOST,
    port: value.PORT,
    publicUrl: (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/$/, ''),
    databaseUrl: value.DATABASE_URL,
    databasePool: {
      max: value.DATABASE_POOL_MAX,
      connectTimeoutSeconds: value.DATABASE_CONNECT_TIMEOUT_SECONDS,
      idleTimeoutSeconds: value.DATABASE_IDLE_TIMEOUT_SECONDS,
      statementTimeoutSeconds: value.DATABASE_STATEMENT_TIMEOUT_SECONDS,
    },
    dataDir: value.DATA_DIR,
    secretKey: value.SECRET_KEY ?? null,
    previousSecretKey: value.SECRET_KEY_PREVIOUS ?? null,
    embeddedDbCacheMb: value.EMBEDDED_DB_CACHE_MB,
    smtpUrl: value.SMTP_URL,
    mailFrom: value.MAIL_FROM,
    logLevel: value.LOG_LEVEL,
    cookieSecure: value.COOKIE_SECURE ?? value.NODE_ENV === 'production',
    sessionTtlHours: value.SESSION_TTL_HOURS,
    trustProxy: parseTrustProxy(value.TRUST_PROXY),
    signInMaxAttempts: value.SIGN_IN_MAX_ATTEMPTS,
    signInWindowMinutes: value.SIGN_IN_WINDOW_MINUTES,
    isJobWorker: value.JOB_WORKERS,
    redisUrl: value.REDIS_URL,
    metrics: {
      isEnabled: value.METRICS_ENABLED,
      token: value.METRICS_TOKEN,
      listener:
        value.METRICS_PORT === undefined
          ? undefined
          : { host: value.METRICS_HOST ?? value.HOST, port: value.METRICS_PORT },
    },
    tracing: {
      isEnabled:
        (value.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? value.OTEL_EXPORTER_OTLP_ENDPOINT) !== undefined &&
        value.OTEL_TRACES_EXPORTER !== 'none' &&
        value.OTEL_SDK_DISABLED !== true,
      protocol: value.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? value.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
      defaultServiceName:
        value.OTEL_SERVICE_NAME || /(^|,)\s*service\.name\s*=/.test(value.OTEL_RESOURCE_ATTRIBUTES ?? '')
          ? undefined
          : 'tandem',
    },
    webhooks: {
      allowPrivateAddresses: value.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES ?? value.NODE_ENV !== 'production',
    },
  }
}

/** Configuration for tests: embedded database in memory, mail to the outbox, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      SECRET_KEY: 'test-secret-key-of-tandem-0123456789',
    }),
    ...overrides,
  }
}
