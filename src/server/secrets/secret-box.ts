import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Secrets Tandem must read back (an OpenID Connect client secret, a person's TOTP secret) are
 * stored sealed with AES-256-GCM under the instance's secret key (decision 047), so a copy of the
 * database alone gives no working credential. A sealed value names the key that sealed it and is
 * bound to what it is (`context`, the authenticated data): a value copied into another column or
 * another person's row does not open. Values stored before sealing existed open as they are and
 * are sealed at the next start (`sealStoredSecrets`).
 */

const PREFIX = 'tsk1'
const KEY_BYTES = 32
const IV_BYTES = 12

export class SecretKeyMismatchError extends Error {
  constructor(keyId: string) {
    super(
      `A stored secret was sealed with key ${keyId}, which is neither SECRET_KEY nor SECRET_KEY_PREVIOUS: start with the key it was sealed with`,
    )
    this.name = 'SecretKeyMismatchError'
  }
}

export interface SecretBox {
  /** Seals `plain` for `context` (e.g. `totp:<personId>`) under the current key. */
  seal(plain: string, context: string): string
  /** Opens a sealed value (a value stored before sealing comes back as it is). */
  open(stored: string, context: string): string
  /** A stored value (in the clear, or under a previous key) sealed again under the current key. */
  reseal(stored: string, context: string): string
  /** Whether a stored value needs sealing again: stored in the clear, or under a previous key. */
  needsSealing(stored: string): boolean
  /** The current key's id (a digest, never the key). */
  keyId: string
}

const b64 = (buffer: Buffer) => buffer.toString('base64url')

/** The 32-byte key derived from an operator's secret (any string of at least 32 characters). */
export function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'tandem', 'secret-box v1', KEY_BYTES))
}

const idOf = (key: Buffer) => createHash('sha256').update(key).digest('base64url').slice(0, 10)

export function createSecretBox(current: Buffer, previous: Buffer[] = []): SecretBox {
  const keys = new Map([current, ...previous].map((key) => [idOf(key), key]))
  const keyId = idOf(current)
  function seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', current, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return [PREFIX, keyId, b64(iv), b64(cipher.getAuthTag()), b64(sealed)].join('.')
  }
  function open(stored: string, context: string): string {
    const parts = stored.split('.')
    if (parts[0] !== PREFIX || parts.length !== 5) return stored
    const [, id, iv, tag, sealed] = parts
    const key = keys.get(id)
    if (!key) throw new SecretKeyMismatchError(id)
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8')
  }
  return {
    keyId,
    seal,
    open,
    reseal: (stored, context) => seal(open(stored, context), context),
    needsSealing(stored) {
      const parts = stored.split('.')
      return !(parts[0] === PREFIX && parts.length === 5 && parts[1] === keyId)
    },
  }
}

/**
 * The instance's keys: SECRET_KEY (and SECRET_KEY_PREVIOUS while rotating) when set; otherwise a
 * random key kept in `<DATA_DIR>/secret-key` (made at the first start, readable by its owner only),
 * which suits one instance. Several instances on one PostgreSQL need the same SECRET_KEY.
 */
export function loadSecretBox(options: {
  secretKey: string | null
  previousSecretKey: string | null
  dataDir: string
}) {
  const previous = options.previousSecretKey ? [deriveKey(options.previousSecretKey)] : []
  if (options.secretKey) return { box: createSecretBox(deriveKey(options.secretKey), previous), source: 'SECRET_KEY' }
  const file = path.join(options.dataDir, 'secret-key')
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true })
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
  }
  chmodSync(file, 0o600)
  return { box: createSecretBox(deriveKey(readFileSync(file, 'utf8').trim()), previous), source: file }
}
