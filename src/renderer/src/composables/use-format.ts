/** Money, dates and numbers in the chosen language (de-AT: `€ 1.234,56`, `17.05.2026`). */
import { useAppStore } from '../stores/app.ts'
import { formatDate, formatInteger, formatMoney, formatPercent } from '../i18n/format.ts'

export function useFormat() {
  const app = useAppStore()
  return {
    money: (cents: number, currency = 'EUR') => formatMoney(cents, currency, app.locale),
    date: (isoDate: string) => formatDate(isoDate, app.locale),
    percent: (value: number) => formatPercent(value, app.locale),
    integer: (value: number) => formatInteger(value, app.locale),
  }
}
