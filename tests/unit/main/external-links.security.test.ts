import { describe, expect, it } from 'vitest'
import { checkExternalUrl } from '../../../src/main/external-links.ts'
import { parseDeepLink } from '../../../src/shared/deep-links.ts'

describe('the safe opener', () => {
  it.each([
    ['https://www.mini.at/de_AT/home.html', 'https://www.mini.at/de_AT/home.html'],
    ['mailto:ksc@mini.at', 'mailto:ksc@mini.at'],
    ['tel:+43 662 2191 4920', 'tel:+4366221914920'],
  ])('opens %s', (url, normalised) => {
    expect(checkExternalUrl(url)).toBe(normalised)
  })

  it.each([
    'http://www.mini.at/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'app://mmf/index.html',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'myminifinance://confirm?token=x',
    'https://user:pass@evil.example/',
    'mailto:ksc@mini.at?body=click%20here',
    'mailto:a@b.at,c@d.at',
    'tel:+43 1 234;ext=calc.exe',
    'https://mini.at/\nSet-Cookie: x',
    `https://mini.at/${'a'.repeat(2100)}`,
    '',
  ])('refuses %s', (url) => {
    expect(checkExternalUrl(url)).toBeNull()
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
