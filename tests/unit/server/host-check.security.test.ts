/**
 * DNS rebinding: a page on another site that resolves its own name to
 * 127.0.0.1 still sends its own Host header. Only the names this server answers
 * to, with its port, are accepted.
 */
import { describe, expect, it } from 'vitest'
import { allowedHosts, isAllowedHost } from '../../../src/server/host-check.ts'

describe('Host check for a server on 127.0.0.1:4810', () => {
  const allowed = allowedHosts('127.0.0.1', 4810)

  it.each(['127.0.0.1:4810', 'localhost:4810', '[::1]:4810', 'LOCALHOST:4810'])(
    'accepts %s',
    (host) => {
      expect(isAllowedHost(allowed, host)).toBe(true)
    },
  )

  it.each([
    ['another site', 'evil.example:4810'],
    ['another site without port', 'evil.example'],
    ['a look-alike name', '127.0.0.1.evil.example:4810'],
    ['a look-alike name', 'localhost.evil.example:4810'],
    ['a subdomain of localhost', 'evil.localhost:4810'],
    ['a trailing dot', 'localhost.:4810'],
    ['another port', '127.0.0.1:4811'],
    ['another port', 'localhost:80'],
    ['no port', '127.0.0.1'],
    ['no port', 'localhost'],
    ['a padded port', '127.0.0.1:04810'],
    ['userinfo', 'evil@127.0.0.1:4810'],
    ['another loopback address', '127.0.0.2:4810'],
    ['the unspecified address', '0.0.0.0:4810'],
    ['an empty header', ''],
    ['a missing header', undefined],
  ])('refuses %s: %s', (_, host) => {
    expect(isAllowedHost(allowed, host)).toBe(false)
  })
})

describe('Host names per listening address', () => {
  it('accepts the loopback names when listening on all addresses', () => {
    for (const host of ['0.0.0.0', '::']) {
      const allowed = allowedHosts(host, 4810)
      expect(isAllowedHost(allowed, '127.0.0.1:4810')).toBe(true)
      expect(isAllowedHost(allowed, 'localhost:4810')).toBe(true)
      expect(isAllowedHost(allowed, 'evil.example:4810')).toBe(false)
    }
  })

  it('accepts [::1] and localhost when listening on ::1', () => {
    const allowed = allowedHosts('::1', 4810)
    expect(isAllowedHost(allowed, '[::1]:4810')).toBe(true)
    expect(isAllowedHost(allowed, 'localhost:4810')).toBe(true)
    expect(isAllowedHost(allowed, '127.0.0.1:4810')).toBe(false)
  })

  it('accepts the configured name or address itself', () => {
    expect(isAllowedHost(allowedHosts('192.168.1.10', 4810), '192.168.1.10:4810')).toBe(true)
    expect(isAllowedHost(allowedHosts('fd00::1', 4810), '[fd00::1]:4810')).toBe(true)
    expect(isAllowedHost(allowedHosts('192.168.1.10', 4810), 'evil.example:4810')).toBe(false)
  })

  it('accepts a bare name only on port 80, where browsers leave the port out', () => {
    expect(isAllowedHost(allowedHosts('127.0.0.1', 80), 'localhost')).toBe(true)
    expect(isAllowedHost(allowedHosts('127.0.0.1', 80), 'localhost:80')).toBe(true)
    expect(isAllowedHost(allowedHosts('127.0.0.1', 8080), 'localhost')).toBe(false)
  })
})
