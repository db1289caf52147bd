/**
 * The e-mails of registration and sign-in, in German and English. Links come
 * from configuration (the link base), never from a request's Host header.
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'

export interface EmailContent {
  subject: string
  text: string
  links: string[]
}

export type EmailTemplate =
  | { kind: 'confirm_registration'; name: string; link: string; validHours: number }
  | { kind: 'already_registered'; name: string; resetLink: string }
  | { kind: 'registration_unmatched'; name: string }
  | { kind: 'activation_letter_sent'; name: string }
  | { kind: 'account_locked'; name: string; resetLink: string }
  | { kind: 'password_reset'; name: string; link: string; validMinutes: number }
  | { kind: 'password_changed'; name: string }

/** Builds a link like myminifinance://confirm?token=… from the configured base. */
export function buildLink(base: string, action: string, token: string): string {
  // "myminifinance://" + "confirm?token=…"; an https base ("https://portal.example/#/") works the same.
  return `${base}${action}?token=${encodeURIComponent(token)}`
}

/** Renders one e-mail in the customer's language. */
export function renderEmail(
  template: EmailTemplate,
  locale: Locale,
  support: SupportContacts,
): EmailContent {
  const de = locale === 'de'
  const greeting = de ? `Guten Tag ${template.name},` : `Dear ${template.name},`
  const contact = de
    ? `Bei Fragen erreichen Sie unsere Kundenbetreuung unter ${support.phone} oder ${support.email}.`
    : `If you have any questions, please contact our customer service at ${support.phone} or ${support.email}.`
  const signature = de ? 'Ihr Team von My MINI Finance' : 'Your My MINI Finance team'
  const compose = (subject: string, lines: string[], links: string[] = []): EmailContent => ({
    subject,
    text: [greeting, '', ...lines, '', contact, '', signature].join('\n'),
    links,
  })
  switch (template.kind) {
    case 'confirm_registration':
      return compose(
        de ? 'Bitte bestätigen Sie Ihre E-Mail-Adresse' : 'Please confirm your e-mail address',
        de
          ? [
              'vielen Dank für Ihre Registrierung bei My MINI Finance.',
              'Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link:',
              template.link,
              `Der Link ist ${template.validHours} Stunden gültig. Danach werden Ihre Registrierungsdaten aus Sicherheitsgründen gelöscht, und Sie können sich erneut registrieren.`,
              'Falls Sie sich nicht registriert haben, müssen Sie nichts tun.',
            ]
          : [
              'thank you for registering with My MINI Finance.',
              'Please confirm your e-mail address with this link:',
              template.link,
              `The link is valid for ${template.validHours} hours. After that your registration data is deleted for security reasons, and you can register again.`,
              'If you did not register, you do not need to do anything.',
            ],
        [template.link],
      )
    case 'already_registered':
      return compose(
        de ? 'Sie sind bereits registriert' : 'You are already registered',
        de
          ? [
              'jemand hat versucht, sich mit dieser E-Mail-Adresse bei My MINI Finance zu registrieren. Für diese Adresse besteht bereits ein Konto.',
              'Wenn Sie Ihr Passwort vergessen haben, können Sie hier ein neues anfordern:',
              template.resetLink,
              'Falls Sie das nicht waren, müssen Sie nichts tun.',
            ]
          : [
              'someone tried to register with My MINI Finance using this e-mail address. An account for this address already exists.',
              'If you have forgotten your password, you can request a new one here:',
              template.resetLink,
              'If this was not you, you do not need to do anything.',
            ],
        [template.resetLink],
      )
    case 'registration_unmatched':
      return compose(
        de
          ? 'Ihre Registrierung: bitte kontaktieren Sie uns'
          : 'Your registration: please contact us',
        de
          ? [
              'Ihre E-Mail-Adresse ist bestätigt. Wir konnten Ihre Angaben (Kundennummer, Nachname und Geburtsdatum) jedoch keinem Finanzierungsvertrag zuordnen.',
              'Bitte rufen Sie unsere Kundenbetreuung an, damit wir Ihnen den Aktivierungscode zusenden können.',
            ]
          : [
              'Your e-mail address is confirmed. However, we could not match your details (customer number, last name and date of birth) to a financing agreement.',
              'Please call our customer service so that we can send you your activation code.',
            ],
      )
    case 'activation_letter_sent':
      return compose(
        de ? 'Ihr Aktivierungscode ist unterwegs' : 'Your activation code is on its way',
        de
          ? [
              'Ihre E-Mail-Adresse ist bestätigt. Zu Ihrer Sicherheit senden wir Ihnen Ihren Aktivierungscode per Post an die bei uns hinterlegte Adresse. Er kommt in wenigen Tagen.',
              'Sie können sich schon jetzt anmelden; Ihre Vertragsdaten sehen Sie, sobald Sie den Code eingegeben haben.',
            ]
          : [
              'Your e-mail address is confirmed. For your security we are sending your activation code by post to the address we have on file. It will arrive within a few days.',
              'You can already sign in; you will see your contract data once you have entered the code.',
            ],
      )
    case 'account_locked':
      return compose(
        de ? 'Ihr Konto wurde gesperrt' : 'Your account has been locked',
        de
          ? [
              'Ihr Passwort für My MINI Finance wurde dreimal hintereinander falsch eingegeben. Ihr Konto ist deshalb aus Sicherheitsgründen gesperrt.',
              'Bitte fordern Sie ein neues Passwort an, um das Konto zu entsperren:',
              template.resetLink,
              'Falls Sie das nicht waren, fordern Sie bitte ebenfalls ein neues Passwort an.',
            ]
          : [
              'The password for your My MINI Finance account was entered wrongly three times in a row. For security reasons your account is now locked.',
              'Please request a new password to unlock it:',
              template.resetLink,
              'If this was not you, please request a new password as well.',
            ],
        [template.resetLink],
      )
    case 'password_reset':
      return compose(
        de ? 'Ihr neues Passwort für My MINI Finance' : 'Your new password for My MINI Finance',
        de
          ? [
              'Sie haben ein neues Passwort angefordert. Mit diesem Link legen Sie es fest:',
              template.link,
              `Der Link ist ${template.validMinutes} Minuten gültig und kann nur einmal verwendet werden. Ein gesperrtes Konto wird damit entsperrt.`,
              'Falls Sie kein neues Passwort angefordert haben, müssen Sie nichts tun.',
            ]
          : [
              'You requested a new password. Set it with this link:',
              template.link,
              `The link is valid for ${template.validMinutes} minutes and works once. It also unlocks a locked account.`,
              'If you did not request a new password, you do not need to do anything.',
            ],
        [template.link],
      )
    case 'password_changed':
      return compose(
        de ? 'Ihr Passwort wurde geändert' : 'Your password has been changed',
        de
          ? [
              'das Passwort Ihres Kontos bei My MINI Finance wurde soeben geändert.',
              'Falls Sie das nicht waren, kontaktieren Sie bitte sofort unsere Kundenbetreuung.',
            ]
          : [
              'the password of your My MINI Finance account has just been changed.',
              'If this was not you, please contact our customer service immediately.',
            ],
      )
  }
}
