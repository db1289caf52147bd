/** Customer-service contacts from GET /api/v1/support, shown in the footer and the help page. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SupportContacts } from '../../../shared/api/support.ts'
import { getSupport } from '../api/support.ts'
import { toUserError, type UserError } from '../api/errors.ts'

export type SupportStatus = 'idle' | 'loading' | 'ready' | 'failed'

/** `tel:` URL of a phone number written for people: `+43 662 2191 4920` → `tel:+4366221914920`. */
export function phoneHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`
}

/** `mailto:` URL of an e-mail address. */
export function emailHref(email: string): string {
  return `mailto:${email.trim()}`
}

export const useSupportStore = defineStore('support', () => {
  const contacts = ref<SupportContacts | null>(null)
  const status = ref<SupportStatus>('idle')
  const error = ref<UserError | null>(null)

  const phoneLink = computed(() => (contacts.value ? phoneHref(contacts.value.phone) : null))
  const emailLink = computed(() => (contacts.value ? emailHref(contacts.value.email) : null))

  /** Loads the contacts once; `force` loads them again (e.g. after a failure). */
  async function load(force = false): Promise<void> {
    if (status.value === 'loading') return
    if (status.value === 'ready' && !force) return
    status.value = 'loading'
    error.value = null
    try {
      contacts.value = await getSupport()
      status.value = 'ready'
    } catch (caught) {
      error.value = toUserError(caught)
      status.value = 'failed'
    }
  }

  return { contacts, status, error, phoneLink, emailLink, load }
})
