/**
 * The e-mails of service requests, in German and English. They never carry a
 * document's content: only that there is something new in the postbox.
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import { greeting } from '../../shared/greeting.ts'
import type { EmailContent } from './templates.ts'

export type ServiceEmailTemplate = {
  kind: 'service_document_filed'
  name: string
  /** The request's reference, e.g. SR-2026-000123. */
  reference: string
}

/** Renders one service e-mail in the customer's language. */
export function renderServiceEmail(
  template: ServiceEmailTemplate,
  locale: Locale,
  support: SupportContacts,
): EmailContent {
  const de = locale === 'de'
  const lines = de
    ? [
        `${greeting(template.name, locale)},`,
        '',
        `zu Ihrer Anfrage ${template.reference} liegt ein neues Dokument in Ihrem Postfach in My MINI Finance.`,
        'Zu Ihrer Sicherheit senden wir den Inhalt nicht per E-Mail. Bitte melden Sie sich in My MINI Finance an, um das Dokument zu lesen.',
        '',
        `Bei Fragen erreichen Sie unsere Kundenbetreuung unter ${support.phone} oder ${support.email}.`,
        '',
        'Ihr Team von My MINI Finance',
      ]
    : [
        `${greeting(template.name, locale)},`,
        '',
        `There is a new document about your request ${template.reference} in your postbox in My MINI Finance.`,
        'For your security we do not send its content by e-mail. Please sign in to My MINI Finance to read it.',
        '',
        `If you have any questions, please contact our customer service at ${support.phone} or ${support.email}.`,
        '',
        'Your My MINI Finance team',
      ]
  return {
    subject: de ? 'Neues Dokument in Ihrem Postfach' : 'New document in your postbox',
    text: lines.join('\n'),
    links: [],
  }
}
