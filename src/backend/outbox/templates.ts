/**
 * The e-mails of registration, sign-in and profile changes, in German and English. Links come
 * from configuration (the link base), never from a request's Host header.
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import { greeting } from '../../shared/greeting.ts'

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
  | { kind: 'email_change_confirm'; name: string; link: string; validHours: number }
  | { kind: 'email_change_requested'; name: string; newEmail: string }
  | { kind: 'email_change_address_taken'; name: string }
  | { kind: 'email_changed'; name: string; newEmail: string }
  | { kind: 'bank_account_changed'; name: string; ibanMasked: string; accountHolder: string }
  /** The postal address changed: the new one, as its address block's lines. */
  | { kind: 'address_changed'; name: string; newAddress: string[] }
  /** A document of the postbox, sent as a PDF attachment at the customer's request. */
  | { kind: 'document_copy'; name: string; title: string; date: string }
  /** The customer deleted the portal account. */
  | { kind: 'account_deleted'; name: string }
  /** The second factor: turned on, turned off, a new set of recovery codes. */
  | { kind: 'mfa_enabled'; name: string }
  | { kind: 'mfa_disabled'; name: string }
  | { kind: 'mfa_recovery_codes_renewed'; name: string }

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
  // The screens greet the same way (docs/glossary.md).
  const opening = `${greeting(template.name, locale)},`
  const contact = de
    ? `Bei Fragen erreichen Sie unsere Kundenbetreuung unter ${support.phone} oder ${support.email}.`
    : `If you have any questions, please contact our customer service at ${support.phone} or ${support.email}.`
  const signature = de ? 'Ihr Team von My MINI Finance' : 'Your My MINI Finance team'
  const compose = (subject: string, lines: string[], links: string[] = []): EmailContent => ({
    subject,
    text: [opening, '', ...lines, '', contact, '', signature].join('\n'),
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
              'Thank you for registering with My MINI Finance.',
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
              'Someone tried to register with My MINI Finance using this e-mail address. An account for this address already exists.',
              'If you have forgotten your password, you can request a new one here:',
              template.resetLink,
              'If this was not you, you do not need to do anything.',
            ],
        [template.resetLink],
      )
    case 'registration_unmatched':
      return compose(
        de
          ? 'Ihre Registrierung: bitte prüfen Sie Ihre Angaben'
          : 'Your registration: please check your details',
        de
          ? [
              'Ihre E-Mail-Adresse ist bestätigt. Wir konnten Ihre Angaben (Kundennummer, Nachname und Geburtsdatum) jedoch keinem Vertrag zuordnen.',
              'Bitte melden Sie sich in My MINI Finance an: Dort können Sie Ihre Angaben korrigieren. Sobald sie passen, schicken wir Ihnen den Aktivierungscode per Post.',
              'Sind Sie noch nicht Kunde bei uns, können Sie Ihr Konto dort auch löschen.',
            ]
          : [
              'Your e-mail address is confirmed. However, we could not match your details (customer number, last name and date of birth) to a contract.',
              'Please sign in to My MINI Finance: there you can correct your details. As soon as they match, we will send you the activation code by post.',
              'If you are not a customer of ours yet, you can also delete your account there.',
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
              'The password of your My MINI Finance account has just been changed.',
              'If this was not you, please contact our customer service immediately.',
            ],
      )
    case 'email_change_confirm':
      return compose(
        de
          ? 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse'
          : 'Please confirm your new e-mail address',
        de
          ? [
              'Sie möchten Ihre E-Mail-Adresse für My MINI Finance auf diese Adresse ändern.',
              'Bitte bestätigen Sie die neue Adresse mit diesem Link:',
              template.link,
              `Der Link ist ${template.validHours} Stunden gültig und kann nur einmal verwendet werden. Bis dahin melden Sie sich weiter mit Ihrer bisherigen Adresse an.`,
              'Falls Sie das nicht waren, müssen Sie nichts tun: Ohne Bestätigung ändert sich nichts.',
            ]
          : [
              'You would like to change your e-mail address for My MINI Finance to this address.',
              'Please confirm the new address with this link:',
              template.link,
              `The link is valid for ${template.validHours} hours and works once. Until then, keep signing in with your current address.`,
              'If this was not you, you do not need to do anything: nothing changes without confirmation.',
            ],
        [template.link],
      )
    case 'email_change_requested':
      return compose(
        de
          ? 'Änderung Ihrer E-Mail-Adresse angefordert'
          : 'Change of your e-mail address requested',
        de
          ? [
              `für Ihr Konto bei My MINI Finance wurde soeben angefordert, die E-Mail-Adresse auf ${template.newEmail} zu ändern.`,
              'Die Änderung wird erst wirksam, wenn sie mit dem Link bestätigt wird, den wir an die neue Adresse geschickt haben. Bis dahin gilt diese Adresse.',
              'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an und ändern Sie Ihr Passwort.',
            ]
          : [
              `A change of the e-mail address of your My MINI Finance account to ${template.newEmail} has just been requested.`,
              'The change only takes effect once it is confirmed with the link we sent to the new address. Until then this address stays in use.',
              'Was this not you? Then please call our customer service at once and change your password.',
            ],
      )
    case 'email_change_address_taken':
      return compose(
        de
          ? 'Diese E-Mail-Adresse wird bereits verwendet'
          : 'This e-mail address is already in use',
        de
          ? [
              'jemand wollte die E-Mail-Adresse eines Kontos bei My MINI Finance auf diese Adresse ändern. Mit dieser Adresse besteht bereits ein Konto, deshalb wurde nichts geändert.',
              'Falls Sie das waren: Melden Sie sich einfach mit dieser Adresse an. Falls nicht, müssen Sie nichts tun.',
            ]
          : [
              'Someone wanted to change the e-mail address of a My MINI Finance account to this address. An account with this address already exists, so nothing was changed.',
              'If this was you: simply sign in with this address. If not, you do not need to do anything.',
            ],
      )
    case 'email_changed':
      return compose(
        de ? 'Ihre E-Mail-Adresse wurde geändert' : 'Your e-mail address has been changed',
        de
          ? [
              `Ihre E-Mail-Adresse für My MINI Finance lautet ab sofort ${template.newEmail}. Bitte melden Sie sich ab jetzt mit dieser Adresse an.`,
              'Zu Ihrer Sicherheit haben wir Sie auf allen Geräten abgemeldet. Eine Bestätigung finden Sie in Ihrem Postfach.',
              'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an.',
            ]
          : [
              `Your e-mail address for My MINI Finance is now ${template.newEmail}. Please sign in with this address from now on.`,
              'For your security we have signed you out on every device. You will find a confirmation in your postbox.',
              'Was this not you? Then please call our customer service at once.',
            ],
      )
    case 'document_copy':
      return compose(
        de ? `Ihr Dokument „${template.title}“` : `Your document “${template.title}”`,
        de
          ? [
              `wie gewünscht senden wir Ihnen das Dokument „${template.title}“ vom ${template.date} aus Ihrem Postfach in My MINI Finance. Sie finden es als PDF im Anhang.`,
              'Bitte bewahren Sie es sorgfältig auf: Es enthält persönliche Daten.',
              'Haben Sie das Dokument nicht angefordert? Dann rufen Sie bitte unsere Kundenbetreuung an.',
            ]
          : [
              `As requested, we are sending you the document “${template.title}” of ${template.date} from your postbox in My MINI Finance. You will find it attached as a PDF.`,
              'Please keep it safe: it contains personal data.',
              'Did you not ask for this document? Then please call our customer service.',
            ],
      )
    case 'address_changed':
      return compose(
        de ? 'Ihre Adresse wurde geändert' : 'Your address has been changed',
        de
          ? [
              'die Postadresse Ihres Kontos bei My MINI Finance wurde soeben geändert. Die neue Adresse:',
              '',
              ...template.newAddress.map((line) => `    ${line}`),
              '',
              'Zur Bestätigung senden wir je einen Brief an die bisherige und an die neue Adresse.',
              'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an und ändern Sie Ihr Passwort.',
            ]
          : [
              'The postal address of your My MINI Finance account has just been changed. The new address:',
              '',
              ...template.newAddress.map((line) => `    ${line}`),
              '',
              'To confirm it we are sending a letter to the previous and to the new address.',
              'Was this not you? Then please call our customer service at once and change your password.',
            ],
      )
    case 'account_deleted':
      return compose(
        de ? 'Ihr Konto wurde gelöscht' : 'Your account has been deleted',
        de
          ? [
              'Ihr Konto bei My MINI Finance ist gelöscht. Mit dieser E-Mail-Adresse können Sie sich nicht mehr anmelden.',
              'Ihre Verträge und Ihre Briefe bleiben bei uns gespeichert. Wenn Sie My MINI Finance wieder nutzen möchten, können Sie sich jederzeit neu registrieren.',
              'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an.',
            ]
          : [
              'your My MINI Finance account has been deleted. You can no longer sign in with this e-mail address.',
              'Your contracts and letters stay with us. If you want to use My MINI Finance again, you can register again at any time.',
              'Was this not you? Then please call our customer service at once.',
            ],
      )
    case 'mfa_enabled':
      return compose(
        de ? 'Zwei-Faktor-Anmeldung eingeschaltet' : 'Two-factor sign-in turned on',
        de
          ? [
              'für Ihr Konto bei My MINI Finance ist ab sofort die Zwei-Faktor-Anmeldung eingeschaltet. Bei jeder Anmeldung geben Sie nach dem Passwort einen Code aus Ihrer Authenticator-App ein.',
              'Bewahren Sie Ihre Wiederherstellungscodes sicher auf: Mit ihnen melden Sie sich an, wenn Sie keinen Zugriff auf Ihre App haben.',
              'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an und ändern Sie Ihr Passwort.',
            ]
          : [
              'Two-factor sign-in is now turned on for your My MINI Finance account. Each time you sign in, you enter a code from your authenticator app after your password.',
              'Keep your recovery codes safe: they let you sign in when you cannot use your app.',
              'Was this not you? Then please call our customer service at once and change your password.',
            ],
      )
    case 'mfa_disabled':
      return compose(
        de ? 'Zwei-Faktor-Anmeldung ausgeschaltet' : 'Two-factor sign-in turned off',
        de
          ? [
              'für Ihr Konto bei My MINI Finance ist die Zwei-Faktor-Anmeldung soeben ausgeschaltet worden. Ab sofort genügt zur Anmeldung Ihr Passwort. Ihre Wiederherstellungscodes gelten nicht mehr.',
              'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an und ändern Sie Ihr Passwort.',
            ]
          : [
              'Two-factor sign-in has just been turned off for your My MINI Finance account. From now on your password alone signs you in. Your recovery codes no longer work.',
              'Was this not you? Then please call our customer service at once and change your password.',
            ],
      )
    case 'mfa_recovery_codes_renewed':
      return compose(
        de ? 'Neue Wiederherstellungscodes' : 'New recovery codes',
        de
          ? [
              'für Ihr Konto bei My MINI Finance wurden soeben neue Wiederherstellungscodes erstellt. Die bisherigen Codes gelten nicht mehr.',
              'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an und ändern Sie Ihr Passwort.',
            ]
          : [
              'New recovery codes have just been created for your My MINI Finance account. Your previous codes no longer work.',
              'Was this not you? Then please call our customer service at once and change your password.',
            ],
      )
    case 'bank_account_changed':
      return compose(
        de ? 'Ihre Bankverbindung wurde geändert' : 'Your bank details have been changed',
        de
          ? [
              'Ihre Bankverbindung bei My MINI Finance wurde soeben geändert. Die nächste Rate und alle weiteren buchen wir von diesem Bankkonto ab:',
              `IBAN: ${template.ibanMasked}`,
              `Kontoinhaber/in: ${template.accountHolder}`,
              'Das SEPA-Lastschriftmandat finden Sie in Ihrem Postfach.',
              'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an.',
            ]
          : [
              'The bank details of your My MINI Finance account have just been changed. We collect the next instalment and all later ones from this bank account:',
              `IBAN: ${template.ibanMasked}`,
              `Account holder: ${template.accountHolder}`,
              'You will find the SEPA direct debit mandate in your postbox.',
              'Was this not you? Then please call our customer service at once.',
            ],
      )
  }
}
