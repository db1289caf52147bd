/**
 * Links in e-mails open the app: myminifinance://confirm?token=…,
 * myminifinance://reset?token=…, myminifinance://invitation?token=… (a co-borrower's
 * invitation; and in the web preview /#/confirm?token=…).
 * One parser, used by main (before anything is opened) and by the renderer.
 */
export const DEEP_LINK_SCHEME = 'myminifinance'
export const DEEP_LINK_ACTIONS = ['confirm', 'reset', 'email-change', 'invitation'] as const
export type DeepLinkAction = (typeof DEEP_LINK_ACTIONS)[number]

export interface DeepLink {
  action: DeepLinkAction
  token: string
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,200}$/

/** true for text that can be a link's token (base64url, 16–200 characters). */
export function isLinkToken(token: string): boolean {
  return TOKEN_PATTERN.test(token)
}

/** Parses and validates a deep link; null for anything that is not exactly one of ours. */
export function parseDeepLink(raw: string): DeepLink | null {
  if (raw.length > 400) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.username || url.password || url.hash)
    return null
  // myminifinance://confirm?token=… parses with "confirm" as host; accept a bare path form too.
  const action = (url.host || url.pathname.replace(/^\/+/, '')).toLowerCase()
  if (url.host && url.pathname !== '' && url.pathname !== '/') return null
  if (!(DEEP_LINK_ACTIONS as readonly string[]).includes(action)) return null
  const keys = [...url.searchParams.keys()]
  const token = url.searchParams.get('token')
  if (keys.length !== 1 || !token || !isLinkToken(token)) return null
  return { action: action as DeepLinkAction, token }
}

/** The renderer route (hash path) a deep link opens. */
export function deepLinkRoute(link: DeepLink): string {
  return `/${link.action}?token=${encodeURIComponent(link.token)}`
}
