/**
 * The co-borrower's invitation e-mail (api.md "Co-borrowers"), in the holder's
 * language: who invites, to which contract, the link and how long it works, and
 * that the date of birth on the contract is asked for.
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import { emailText } from './email-text.ts'
import type { EmailContent } from './templates.ts'

export interface InvitationEmail {
  /** The co-borrower as the contract names them. */
  name: string
  holderName: string
  contractNumber: string
  link: string
  validDays: number
}

/** Renders the invitation in `locale`. */
export function renderInvitationEmail(
  invitation: InvitationEmail,
  locale: Locale,
  support: SupportContacts,
): EmailContent {
  const de = locale === 'de'
  const { name, holderName, contractNumber, link, validDays } = invitation
  const lines = de
    ? [
        `${holderName} lädt Sie ein, den Vertrag ${contractNumber} in der App My MINI Finance als Mitantragsteller/in einzusehen.`,
        'Öffnen Sie dazu diesen Link, melden Sie sich an oder registrieren Sie sich, und bestätigen Sie Ihr Geburtsdatum:',
        link,
        `Der Link ist ${validDays} Tage gültig und kann einmal verwendet werden.`,
        'Falls Sie diese Einladung nicht erwartet haben, müssen Sie nichts tun.',
      ]
    : [
        `${holderName} invites you to view contract ${contractNumber} in the My MINI Finance app as a co-borrower.`,
        'To do so, open this link, sign in or register, and confirm your date of birth:',
        link,
        `The link is valid for ${validDays} days and can be used once.`,
        'If you did not expect this invitation, you do not need to do anything.',
      ]
  return {
    subject: de
      ? `Einladung zu Ihrem Vertrag ${contractNumber}`
      : `Invitation to your contract ${contractNumber}`,
    text: emailText(name, locale, support, lines),
    links: [link],
  }
}
