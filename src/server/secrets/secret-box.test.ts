import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { createSecretBox, deriveKey, loadSecretBox, SecretKeyMismatchError } from './secret-box.ts'

const key = deriveKey('a-secret-key-of-at-least-32-characters')
const other = deriveKey('another-secret-key-of-32-characters!!')

describe('the secret box (decision 047)', () => {
  test('seals and opens; each seal differs; the sealed text holds nothing of the secret', () => {
    const box = createSecretBox(key)
    const first = box.seal('JBSWY3DPEHPK3PXP', 'totp:p1')
    const second = box.seal('JBSWY3DPEHPK3PXP', 'totp:p1')
    expect(first).not.toBe(second)
    expect(first).not.toContain('JBSWY3DP')
    expect(first.startsWith(`tsk1.${box.keyId}.`)).toBe(true)
    expect(box.open(first, 'totp:p1')).toBe('JBSWY3DPEHPK3PXP')
    expect(box.open(second, 'totp:p1')).toBe('JBSWY3DPEHPK3PXP')
    expect(box.needsSealing(first)).toBe(false)
  })

  test('a value does not open for another row, when altered, or under another key', () => {
    const box = createSecretBox(key)
    const sealed = box.seal('client-secret', 'oidc-client-secret:org-a')
    expect(() => box.open(sealed, 'oidc-client-secret:org-b')).toThrow()
    const parts = sealed.split('.')
    const flipped = Buffer.from(parts[4], 'base64url')
    flipped[0] ^= 1
    expect(() =>
      box.open([...parts.slice(0, 4), flipped.toString('base64url')].join('.'), 'oidc-client-secret:org-a'),
    ).toThrow()
    expect(() => createSecretBox(other).open(sealed, 'oidc-client-secret:org-a')).toThrow(SecretKeyMismatchError)
  })

  test('while rotating, the previous key still opens and its values need sealing again', () => {
    const old = createSecretBox(key)
    const sealed = old.seal('s3cret', 'totp:p1')
    const rotated = createSecretBox(other, [key])
    expect(rotated.open(sealed, 'totp:p1')).toBe('s3cret')
    expect(rotated.needsSealing(sealed)).toBe(true)
    expect(rotated.needsSealing(rotated.seal('s3cret', 'totp:p1'))).toBe(false)
  })

  test('a value stored before sealing opens as it is and needs sealing', () => {
    const box = createSecretBox(key)
    expect(box.open('JBSWY3DPEHPK3PXP', 'totp:p1')).toBe('JBSWY3DPEHPK3PXP')
    expect(box.needsSealing('JBSWY3DPEHPK3PXP')).toBe(true)
  })

  test('without SECRET_KEY, a key file is made in the data directory (owner only) and used again', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-secret-'))
    try {
      const first = loadSecretBox({ secretKey: null, previousSecretKey: null, dataDir })
      const file = path.join(dataDir, 'secret-key')
      expect(first.source).toBe(file)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(readFileSync(file, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const sealed = first.box.seal('value', 'ctx')
      const again = loadSecretBox({ secretKey: null, previousSecretKey: null, dataDir })
      expect(again.box.keyId).toBe(first.box.keyId)
      expect(again.box.open(sealed, 'ctx')).toBe('value')
      const set = loadSecretBox({ secretKey: 'x'.repeat(40), previousSecretKey: null, dataDir })
      expect(set.source).toBe('SECRET_KEY')
      expect(set.box.keyId).not.toBe(first.box.keyId)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
