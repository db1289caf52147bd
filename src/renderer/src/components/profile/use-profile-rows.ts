/**
 * The rows of the profile page's sections, in words: what GET /me holds about
 * the person, the contact, the address, the bank details and the settings. The
 * phone number only once the account is activated (before, it cannot be set).
 */
import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ProfileCustomer } from '../../../../shared/api/profile.ts'
// The numbering plans come with this lazy chunk, never with the app's first load.
import { formatPhoneNumber } from '../../../../shared/phone.ts'
import { useFormat } from '../../composables/use-format.ts'
import { countryName } from '../../forms/profile-checks.ts'
import { useAppStore } from '../../stores/app.ts'
import {
  notificationPreferencesOf,
  type NotificationPreferences,
} from '../../forms/notification-preferences.ts'
import type { ProfileRow } from './ProfileFieldList.vue'

/** The sections' rows of `customer`; empty while there is none. */
export function useProfileRows(customer: Ref<ProfileCustomer | null>, activated: Ref<boolean>) {
  const { t } = useI18n()
  const app = useAppStore()
  const format = useFormat()

  const yesNo = (value: boolean) => (value ? t('profile.yes') : t('profile.no'))
  const notSet = computed(() => t('profile.notSet'))

  const personRows = computed<ProfileRow[]>(() => {
    const c = customer.value
    if (!c) return []
    return [
      {
        key: 'salutation',
        label: t('profile.fields.salutation'),
        value: t(`profile.salutation.${c.salutation}`),
      },
      {
        key: 'name',
        label: t('profile.fields.name'),
        value: `${c.firstName} ${c.lastName}`.trim(),
      },
      {
        key: 'dateOfBirth',
        label: t('profile.fields.dateOfBirth'),
        value: format.date(c.dateOfBirth),
      },
      { key: 'customerNumber', label: t('profile.fields.customerNumber'), value: c.customerNumber },
    ]
  })

  const contactRows = computed<ProfileRow[]>(() => {
    const c = customer.value
    if (!c) return []
    const rows: ProfileRow[] = [
      { key: 'email', label: t('profile.fields.email'), value: c.email, edit: 'email' },
    ]
    if (activated.value) {
      rows.push({
        key: 'phone',
        label: t('profile.fields.phone'),
        value: c.phone ? formatPhoneNumber(c.phone) : notSet.value,
        edit: 'phone',
      })
    }
    return rows
  })

  const addressRows = computed<ProfileRow[]>(() => {
    const a = customer.value?.address
    if (!a) return []
    return [
      {
        key: 'street',
        label: t('profile.fields.streetAndNumber'),
        value: `${a.street} ${a.houseNumber}`.trim(),
      },
      {
        key: 'postalCodeCity',
        label: t('profile.fields.postalCodeAndCity'),
        value: `${a.postalCode} ${a.city}`.trim(),
      },
      {
        key: 'country',
        label: t('profile.fields.country'),
        value: countryName(a.country, app.locale),
      },
    ]
  })

  const bankRows = computed<ProfileRow[]>(() => {
    const b = customer.value?.bankAccount
    if (!b) return []
    return [
      { key: 'iban', label: t('profile.fields.iban'), value: b.ibanMasked },
      { key: 'accountHolder', label: t('profile.fields.accountHolder'), value: b.accountHolder },
    ]
  })

  const preferenceRows = computed<ProfileRow[]>(() => {
    const p = customer.value?.preferences
    if (!p) return []
    return [
      {
        key: 'locale',
        label: t('profile.fields.locale'),
        value: t(`language.${p.locale}`, {}, { locale: p.locale }),
      },
      { key: 'paperless', label: t('profile.fields.paperless'), value: yesNo(p.paperless) },
      {
        key: 'marketingConsent',
        label: t('profile.fields.marketingConsent'),
        value: yesNo(p.marketingConsent),
      },
      ...notificationRows(notificationPreferencesOf(p)),
    ]
  })

  /** The notification settings, where the backend has them (issue 16). */
  function notificationRows(notifications: NotificationPreferences | null): ProfileRow[] {
    if (!notifications) return []
    return [
      {
        key: 'emailReminders',
        label: t('profile.fields.emailReminders'),
        value: yesNo(notifications.emailReminders),
      },
      {
        key: 'desktopNotifications',
        label: t('profile.fields.desktopNotifications'),
        value: yesNo(notifications.desktop),
      },
    ]
  }

  return { personRows, contactRows, addressRows, bankRows, preferenceRows }
}
