/**
 * The frame every e-mail's text shares, written once: the greeting the screens use
 * (docs/glossary.md), the message's own lines, how to reach customer service, and
 * the team's signature, in the customer's language.
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import { greeting } from '../../shared/greeting.ts'

/** The text of an e-mail to `name` in `locale` that says `lines`. */
export function emailText(
  name: string,
  locale: Locale,
  support: SupportContacts,
  lines: readonly string[],
): string {
  const de = locale === 'de'
  return [
    `${greeting(name, locale)},`,
    '',
    ...lines,
    '',
    de
      ? `Bei Fragen erreichen Sie unsere Kundenbetreuung unter ${support.phone} oder ${support.email}.`
      : `If you have any questions, please contact our customer service at ${support.phone} or ${support.email}.`,
    '',
    de ? 'Ihr Team von My MINI Finance' : 'Your My MINI Finance team',
  ].join('\n')
}
