/**
 * The one safe opener's rule: which links may leave the app for the system's
 * browser, mail or phone program. Everything else is refused. Main checks every
 * link with it before the shell opens it; the renderer checks with it before it
 * asks main (desktop app) or the browser (web preview), so both refuse the same.
 */
const MAX_URL_LENGTH = 2048
const TEL_PATTERN = /^\+?[0-9][0-9 ()/-]{2,30}$/
// Checked after decoding: an encoded "?", "#", "&" or "%" would reopen a query in the result.
const EMAIL_PATTERN = /^[^\s@,;<>"?#&%]+@[^\s@,;<>"?#&%]+\.[^\s@,;<>"?#&%]+$/
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

/** Returns the normalised URL when it may be opened externally, otherwise null. */
export function checkExternalUrl(raw: string): string | null {
  if (raw.length === 0 || raw.length > MAX_URL_LENGTH) return null
  // Control characters could split a command line or header of the receiving program.
  if (CONTROL_CHARACTERS.test(raw)) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  switch (url.protocol) {
    case 'https:':
      if (!url.hostname || url.username || url.password) return null
      return url.href
    case 'mailto:': {
      const address = decoded(url.pathname)
      // Only a plain address: no prefilled body, cc or attachments, no encoded control character.
      if (address === null || url.search || url.hash || !EMAIL_PATTERN.test(address)) return null
      if (CONTROL_CHARACTERS.test(address)) return null
      return `mailto:${address}`
    }
    case 'tel:': {
      const number = decoded(url.pathname)
      if (number === null || url.search || url.hash || !TEL_PATTERN.test(number)) return null
      return `tel:${number.replace(/[^0-9+]/g, '')}`
    }
    default:
      return null
  }
}

/** Percent-decodes, or null for a malformed escape ("%E0%A4%A"): such a link is refused, not a crash. */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part)
  } catch {
    return null
  }
}
