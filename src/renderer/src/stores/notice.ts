/**
 * A short message for the next page ("Sie wurden abgemeldet."): shown on the page
 * it is meant for, gone once the customer moves on.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type NoticeTone = 'success' | 'info'

export interface Notice {
  /** i18n key of the text. */
  messageKey: string
  tone: NoticeTone
  /** The route that shows it. */
  routeName: string
}

export const useNoticeStore = defineStore('notice', () => {
  const current = ref<Notice | null>(null)

  /** Shows a message on the page `routeName` (set it before navigating there). */
  function show(messageKey: string, routeName: string, tone: NoticeTone = 'info'): void {
    current.value = { messageKey, tone, routeName }
  }

  /** Drops the message once another page is shown. */
  function leave(routeName: string | null): void {
    if (current.value && current.value.routeName !== routeName) current.value = null
  }

  function dismiss(): void {
    current.value = null
  }

  return { current, show, leave, dismiss }
})
