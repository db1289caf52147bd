/**
 * The one safe opener (checkExternalUrl): only https pages, a plain mail address
 * and a phone number may leave the app, and what leaves is normalised. Also the
 * deep links the app accepts from the system.
 */
import { describe, expect, it } from 'vitest'
import { checkExternalUrl } from '../../../src/shared/external-links.ts'
import { parseDeepLink } from '../../../src/shared/deep-links.ts'

describe('the safe opener: what may open', () => {
  it.each([
    ['https://www.mini.at/de_AT/home.html', 'https://www.mini.at/de_AT/home.html'],
    ['https://www.mini.at/faq?topic=leasing#rates', 'https://www.mini.at/faq?topic=leasing#rates'],
    ['HTTPS://WWW.MINI.AT/Kontakt', 'https://www.mini.at/Kontakt'],
    ['https://www.mini.at/a b', 'https://www.mini.at/a%20b'],
    ['mailto:ksc@mini.at', 'mailto:ksc@mini.at'],
    ['MAILTO:ksc@mini.at', 'mailto:ksc@mini.at'],
    ['tel:+43 662 2191 4920', 'tel:+4366221914920'],
    ['tel:+43 (662) 2191-4920', 'tel:+4366221914920'],
    ['tel:0662/21914920', 'tel:066221914920'],
  ])('opens %s as %s', (url, normalised) => {
    expect(checkExternalUrl(url)).toBe(normalised)
  })
})

describe('the safe opener: what never opens', () => {
  it.each([
    'http://www.mini.at/',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'app://mmf/index.html',
    'smb://server/share',
    'ftp://ftp.example.at/x',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'myminifinance://confirm?token=x',
    'ws://www.mini.at/',
    'blob:https://www.mini.at/1234',
    'about:blank',
    'chrome://settings',
    'not a url',
    '//www.mini.at/',
    '',
  ])('refuses the scheme of %s', (url) => {
    expect(checkExternalUrl(url)).toBeNull()
  })

  it.each(['https://user:pass@evil.example/', 'https://user@evil.example/', 'https://:x@mini.at/'])(
    'refuses https with credentials: %s',
    (url) => {
      expect(checkExternalUrl(url)).toBeNull()
    },
  )

  it.each([
    'mailto:ksc@mini.at?body=click%20here',
    'mailto:ksc@mini.at?cc=evil@example.at',
    'mailto:ksc@mini.at?bcc=evil@example.at',
    'mailto:ksc@mini.at?attach=/etc/passwd',
    'mailto:?to=ksc@mini.at',
    'mailto:ksc@mini.at,evil@example.at',
    'mailto:ksc@mini.at;evil@example.at',
    'mailto:ksc@mini.at#x',
    'mailto:not-an-address',
    'mailto:',
  ])('refuses a mail link that is more than a plain address: %s', (url) => {
    expect(checkExternalUrl(url)).toBeNull()
  })

  it.each([
    // Encoded, these would come back decoded in the link handed to the mail program.
    'mailto:ksc@mini.at%3Fbody=Click%2520here',
    'mailto:x%3Fbody=hello@mini.at',
    'mailto:ksc@mini.at%23fragment',
    'mailto:ksc@mini.at%26cc=evil@example.at',
    'mailto:ksc@mini.at%2Cevil@example.at',
    'mailto:ksc%00@mini.at',
    'mailto:ksc%0d%0aBcc:%20evil@mini.at',
    'mailto:ksc%1b@mini.at',
    'mailto:ksc%7f@mini.at',
    'mailto:ksc%2500@mini.at',
  ])('refuses a mail link that smuggles something in encoded: %s', (url) => {
    const result = checkExternalUrl(url)
    expect(result).toBeNull()
  })

  it.each(['mailto:%E0%A4%A@mini.at', 'tel:%E0%A4%A', 'tel:+43%'])(
    'refuses a malformed escape without throwing: %s',
    (url) => {
      expect(() => checkExternalUrl(url)).not.toThrow()
      expect(checkExternalUrl(url)).toBeNull()
    },
  )

  it.each([
    'tel:+43 1 234;ext=calc.exe',
    'tel:+43 1 234?x=1',
    'tel:+43%0a1234',
    'tel:abc',
    'tel:12',
    `tel:+43${'1'.repeat(40)}`,
  ])('refuses a phone link that is not a plain number: %s', (url) => {
    expect(checkExternalUrl(url)).toBeNull()
  })

  it.each([
    ['a line feed', 'https://www.mini.at/\nSet-Cookie: x'],
    ['a carriage return', 'https://www.mini.at/\r'],
    ['a tab', 'https://www.mini.at/\tx'],
    ['a NUL', 'https://www.mini.at/\u0000'],
    ['an escape', 'https://www.mini.at/\u001b[2J'],
    ['a DEL', 'https://www.mini.at/\u007f'],
    ['a control character in a mail link', 'mailto:ksc@mini.at\n'],
    ['a control character in a phone link', 'tel:+43\u0000662'],
  ])('refuses a link with %s', (_, url) => {
    expect(checkExternalUrl(url)).toBeNull()
  })

  it('refuses a link longer than 2048 characters, and opens one of exactly 2048', () => {
    const exact = `https://www.mini.at/${'a'.repeat(2048 - 'https://www.mini.at/'.length)}`
    expect(exact).toHaveLength(2048)
    expect(checkExternalUrl(exact)).toBe(exact)
    expect(checkExternalUrl(`${exact}a`)).toBeNull()
    expect(checkExternalUrl(`https://www.mini.at/${'a'.repeat(100_000)}`)).toBeNull()
  })

  it('never hands on a control character, whatever the input (broad sweep)', () => {
    const templates = ['https://www.mini.at/X', 'mailto:kXsc@mini.at', 'tel:+43X662']
    for (let code = 0; code < 0x20; code++) {
      const raw = String.fromCharCode(code)
      const encoded = `%${code.toString(16).padStart(2, '0')}`
      for (const template of templates) {
        for (const candidate of [template.replace('X', raw), template.replace('X', encoded)]) {
          const result = checkExternalUrl(candidate)
          // eslint-disable-next-line no-control-regex -- looking for control characters
          if (result !== null) expect(result, candidate).not.toMatch(/[\u0000-\u001f\u007f]/)
        }
      }
    }
  })
})

describe('deep links', () => {
  const token = 'Sx5-Ac49NP1nGTYmhzk3Ld-JpkB-8cf_FEl2IdctpRc'
  it('accepts exactly confirm, reset and email-change with one token', () => {
    expect(parseDeepLink(`myminifinance://confirm?token=${token}`)).toEqual({
      action: 'confirm',
      token,
    })
    expect(parseDeepLink(`MyMiniFinance://reset?token=${token}`)).toEqual({
      action: 'reset',
      token,
    })
  })
  it.each([
    `myminifinance://admin?token=${token}`,
    `myminifinance://confirm?token=${token}&next=https://evil.example`,
    `myminifinance://confirm/../../etc?token=${token}`,
    `myminifinance://confirm?token=short`,
    `myminifinance://confirm?token=<script>alert(1)</script>aaaaaaaa`,
    `https://evil.example/confirm?token=${token}`,
    `myminifinance://user:pw@confirm?token=${token}`,
    `myminifinance://confirm?token=${token}#frag`,
    'not a url',
  ])('refuses %s', (url) => {
    expect(parseDeepLink(url)).toBeNull()
  })
})
