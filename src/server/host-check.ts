/**
 * DNS-rebinding protection: a page on another site that resolves its own name
 * to 127.0.0.1 still sends its own Host header. Only the names this server
 * answers to are accepted.
 */
import { isIP } from 'node:net'

/** The Host header values a server listening on host:port accepts. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set<string>()
  const add = (name: string): void => {
    names.add(`${name}:${port}`)
    if (port === 80) names.add(name)
  }
  if (host === '127.0.0.1' || host === 'localhost' || host === '0.0.0.0' || host === '::') {
    add('127.0.0.1')
    add('localhost')
    add('[::1]')
  } else if (host === '::1') {
    add('[::1]')
    add('localhost')
  } else {
    add(isIP(host) === 6 ? `[${host}]` : host)
  }
  return names
}

/** Whether a request's Host header names this server. */
export function isAllowedHost(
  allowed: ReadonlySet<string>,
  hostHeader: string | undefined,
): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase())
}
