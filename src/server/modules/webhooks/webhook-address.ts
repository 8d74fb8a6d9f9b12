import { type LookupAddress, lookup } from 'node:dns'
import { BlockList, isIP } from 'node:net'

/**
 * Addresses a webhook must not reach in production (decision 044): loopback, private networks,
 * link-local (cloud metadata services live at 169.254.169.254), carrier-grade NAT, unspecified,
 * multicast and reserved ranges, in IPv4 and IPv6 (IPv4-mapped IPv6 is checked as IPv4).
 */
const privateRanges = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6')
}

/** True when the address (v4 or v6) is loopback, private, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped?.[1]) return privateRanges.check(mapped[1], 'ipv4')
  const family = isIP(address)
  if (family === 0) return true
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

export class PrivateAddressError extends Error {}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/**
 * A `lookup` for http.request that refuses a host resolving to a private address. It checks the
 * address the connection is actually made to, so a name that resolved to a public address when the
 * endpoint was saved and to an internal one now (DNS rebinding) is refused too.
 */
export function publicOnlyLookup(
  hostname: string,
  options: { all?: boolean; family?: number | string },
  callback: LookupCallback,
): void {
  lookup(hostname, { ...options, all: true } as { all: true }, (error, addresses) => {
    if (error) return callback(error, [])
    const refused = addresses.find((entry) => isPrivateAddress(entry.address))
    if (refused) {
      return callback(
        new PrivateAddressError(`${hostname} resolves to ${refused.address}, a private or loopback address`),
        [],
      )
    }
    if (options.all) return callback(null, addresses)
    const [first] = addresses
    if (!first) return callback(new PrivateAddressError(`${hostname} has no address`), [])
    callback(null, first.address, first.family)
  })
}

/** Why a URL's host may not receive webhooks, or null when it may (a literal address is checked as is, a name once resolved). */
export async function privateAddressReason(url: URL): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host) !== 0) return isPrivateAddress(host) ? `${host} is a private or loopback address` : null
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is this machine`
  return new Promise((resolve) => {
    publicOnlyLookup(host, { all: true }, (error) => {
      if (error instanceof PrivateAddressError) resolve(error.message)
      // An unknown name is not refused here: it may exist by the time an event is sent, and every
      // delivery checks the address again.
      else resolve(null)
    })
  })
}
