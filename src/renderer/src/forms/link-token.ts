/** The token of a link from an e-mail, checked as the deep-link parser checks it. */
import { parseDeepLink, type DeepLinkAction } from '../../../shared/deep-links.ts'

/** The `token` query of a /confirm or /reset page, or null when missing or ill-formed. */
export function linkToken(query: unknown, action: DeepLinkAction): string | null {
  if (typeof query !== 'string' || query === '') return null
  const link = parseDeepLink(`myminifinance://${action}?token=${encodeURIComponent(query)}`)
  return link?.token ?? null
}
