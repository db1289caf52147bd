/**
 * The e-mails of notifications, in German and English: new documents in the
 * postbox (one e-mail for the letters of 15 minutes) and, when the customer
 * wants them, instalment reminders. They say only that there is something new
 * or due: never a letter's title or content, never a link (the app is where
 * the customer reads it, after signing in).
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import { formatDate } from '../../shared/format.ts'
import { emailText } from './email-text.ts'
import type { EmailContent } from './templates.ts'

export type NotificationEmailTemplate =
  /** `count` new documents in the postbox (1 or more). */
  | { kind: 'documents_new'; name: string; count: number }
  /** The instalments of `contracts` contracts fall due on `dueDate` (YYYY-MM-DD). */
  | { kind: 'instalment_due'; name: string; dueDate: string; contracts: number }

/** Renders one notification e-mail in the customer's language; it carries no link. */
export function renderNotificationEmail(
  template: NotificationEmailTemplate,
  locale: Locale,
  support: SupportContacts,
): EmailContent {
  const de = locale === 'de'
  const body = (lines: string[]): string => emailText(template.name, locale, support, lines)
  switch (template.kind) {
    case 'documents_new': {
      const one = template.count === 1
      return {
        subject: de
          ? one
            ? 'Neues Dokument in Ihrem Postfach'
            : 'Neue Dokumente in Ihrem Postfach'
          : one
            ? 'New document in your postbox'
            : 'New documents in your postbox',
        text: body(
          de
            ? [
                one
                  ? 'in Ihrem Postfach in der App My MINI Finance liegt ein neues Dokument.'
                  : `in Ihrem Postfach in der App My MINI Finance liegen ${template.count} neue Dokumente.`,
                `Zu Ihrer Sicherheit senden wir den Inhalt nicht per E-Mail. Bitte melden Sie sich in der App an, um ${one ? 'es' : 'sie'} zu lesen.`,
              ]
            : [
                one
                  ? 'There is a new document in your postbox in the My MINI Finance app.'
                  : `There are ${template.count} new documents in your postbox in the My MINI Finance app.`,
                `For your security we do not send the content by e-mail. Please sign in to the app to read ${one ? 'it' : 'them'}.`,
              ],
        ),
        links: [],
      }
    }
    case 'instalment_due':
      return {
        subject:
          template.contracts === 1
            ? de
              ? 'Ihre nächste Rate ist bald fällig'
              : 'Your next instalment is due soon'
            : de
              ? 'Ihre nächsten Raten sind bald fällig'
              : 'Your next instalments are due soon',
        text: body(
          de
            ? [
                template.contracts === 1
                  ? `Ihre nächste Rate ist am ${formatDate(template.dueDate, locale)} fällig. Wir buchen sie wie vereinbart von Ihrem Abbuchungskonto ab.`
                  : `Am ${formatDate(template.dueDate, locale)} sind die Raten von ${template.contracts} Verträgen fällig. Wir buchen sie wie vereinbart von Ihrem Abbuchungskonto ab.`,
                'Die Beträge und Ihre Ratenpläne sehen Sie in der App My MINI Finance.',
                'Diese Erinnerungen können Sie in der App unter „Persönliche Daten“ abbestellen.',
              ]
            : [
                template.contracts === 1
                  ? `Your next instalment is due on ${formatDate(template.dueDate, locale)}. We will collect it from your debit account as agreed.`
                  : `The instalments of ${template.contracts} contracts are due on ${formatDate(template.dueDate, locale)}. We will collect them from your debit account as agreed.`,
                'You can see the amounts and your instalment plans in the My MINI Finance app.',
                'You can turn these reminders off under "Personal details" in the app.',
              ],
        ),
        links: [],
      }
  }
}
