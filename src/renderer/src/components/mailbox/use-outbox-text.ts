/**
 * The demo mailbox's small helpers: which links in a message open the app, and
 * the texts of an instant and of an attachment ("PDF-Dokument · 12 KB").
 */
import { useI18n } from 'vue-i18n'
import { parseDeepLink, type DeepLink } from '../../../../shared/deep-links.ts'
import type { OutboxAttachment } from '../../api/dev.ts'
import { useFormat } from '../../composables/use-format.ts'
import { formatDateTime } from '../../i18n/format.ts'
import { useAppStore } from '../../stores/app.ts'

/**
 * The app link in a message: myminifinance://…, or an https link whose hash is
 * an app route (a web link base). null for anything else.
 */
export function appLinkOf(link: string): DeepLink | null {
  if (link.startsWith('myminifinance:')) return parseDeepLink(link)
  try {
    const url = new URL(link)
    if (url.protocol !== 'https:' || !url.hash.startsWith('#/')) return null
    return parseDeepLink(`myminifinance://${url.hash.slice(2)}`)
  } catch {
    return null // not a URL at all: shown as text, nothing to open
  }
}

export function isPdf(attachment: OutboxAttachment): boolean {
  return attachment.contentType.split(';')[0]?.trim().toLowerCase() === 'application/pdf'
}

/** Returns functions that put instants and attachments into words in the current language. */
export function useOutboxText() {
  const { t } = useI18n()
  const app = useAppStore()
  const format = useFormat()

  function instant(value: string): string {
    try {
      return formatDateTime(value, app.locale)
    } catch {
      return value // an odd timestamp is still worth showing as it is
    }
  }

  function typeLabel(attachment: OutboxAttachment): string {
    return isPdf(attachment) ? t('mailbox.attachments.pdf') : attachment.contentType
  }

  function attachmentMeta(attachment: OutboxAttachment): string {
    return `${typeLabel(attachment)} · ${format.fileSize(attachment.sizeBytes)}`
  }

  return { instant, attachmentMeta }
}
