/**
 * The reverse proxies in front of the server (`--trust-proxy`, MMF_TRUST_PROXY): only
 * a connection from one of them may say through X-Forwarded-For who the client is
 * (the address the rate limits count) and bring its own X-Request-Id. From anywhere
 * else those headers are ignored, so that nobody dodges a limit by sending them.
 */
import { BlockList, isIP } from 'node:net'

/** Whether an address (a connection's, or one named in X-Forwarded-For) is a trusted proxy. */
export type ProxyTrust = (address: string) => boolean

/** Parses "10.0.0.5, 10.1.0.0/16, ::1"; throws an Error naming the entry that is neither. */
export function parseProxyList(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  compileProxyTrust(entries)
  return entries
}

/** The trust test for a list of addresses and CIDR ranges (IPv4 and IPv6). */
export function compileProxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = prefix === undefined ? null : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN
    const max = family === 6 ? 128 : 32
    if (family === 0 || extra !== undefined || Number.isNaN(bits) || (bits ?? 0) > max) {
      throw new Error(
        `Trusted proxy "${entry}" is neither an IP address nor a range like 10.0.0.0/8.`,
      )
    }
    const type = family === 6 ? 'ipv6' : 'ipv4'
    if (bits === null) list.addAddress(address, type)
    else list.addSubnet(address, bits, type)
  }
  if (entries.length === 0) return () => false
  return (address) => {
    const family = isIP(address)
    // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; BlockList matches it.
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4')
  }
}
