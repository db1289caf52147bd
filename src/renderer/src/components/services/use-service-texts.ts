/**
 * Service requests in words: a contract's name, the value of a details field,
 * a field's error message with its bounds, and the reason a service does not fit.
 */
import { useI18n } from 'vue-i18n'
import type { ContractSummary } from '../../../../shared/api/contracts.ts'
import {
  NOT_ELIGIBLE_REASONS,
  SERVICE_CATALOGUE,
  type NotEligibleReason,
  type ServiceType,
} from '../../../../shared/api/service-requests.ts'
import { useFormat } from '../../composables/use-format.ts'
import { useAppStore } from '../../stores/app.ts'
import {
  effectiveMin,
  optionsByName,
  parseEuros,
  type DetailsField,
  type FormValues,
} from './details-fields.ts'

export function isNotEligibleReason(value: unknown): value is NotEligibleReason {
  return typeof value === 'string' && (NOT_ELIGIBLE_REASONS as readonly string[]).includes(value)
}

/** "Cooper SE · S-MINI 42". */
export function contractName(contract: ContractSummary): string {
  return `${contract.vehicle.model} · ${contract.vehicle.registrationPlate}`
}

export function useServiceTexts() {
  const { t, te } = useI18n()
  const app = useAppStore()
  const format = useFormat()

  /** The service's title in the current language (from the shared catalogue, for the list). */
  function typeTitle(type: ServiceType): string {
    const entry = SERVICE_CATALOGUE.find((candidate) => candidate.type === type)
    return entry ? entry.title[app.locale] : type
  }

  /** Why a service does not fit a contract, in words (never the code). */
  function reasonText(reason: NotEligibleReason | null): string {
    return reason ? t(`services.reasons.${reason}`) : t('errors.not_eligible')
  }

  /** A value of the form (or of a filed request's details) in words. */
  function valueText(field: DetailsField, value: unknown): string {
    if (value === undefined || value === null || value === '') return t('services.review.none')
    switch (field.kind) {
      case 'date':
        return typeof value === 'string' ? format.date(value) : String(value)
      case 'choice':
        return (
          field.options.find((o) => o.value === String(value))?.label[app.locale] ?? String(value)
        )
      case 'multi': {
        if (!Array.isArray(value) || value.length === 0) return t('services.review.none')
        // In the order of the form's list: by name.
        const chosen = value.map(String)
        const known = optionsByName(field.options, app.locale).filter((o) =>
          chosen.includes(o.value),
        )
        const unknown = chosen.filter((v) => !field.options.some((o) => o.value === v))
        return [...known.map((o) => o.label[app.locale]), ...unknown].join(', ')
      }
      case 'money': {
        const cents = typeof value === 'number' ? value : parseEuros(String(value), app.locale)
        return cents === null ? String(value) : format.money(cents)
      }
      case 'number':
      case 'text':
        return String(value)
    }
  }

  function bound(field: DetailsField, value: string | number | null): string {
    if (value === null) return ''
    if (typeof value === 'string') return format.date(value)
    return field.kind === 'money' ? format.money(value) : format.integer(value)
  }

  /** A field's bounds in words ("Möglich vom 01.12.2026 bis 31.12.2026."), '' when it has none. */
  function boundsText(field: DetailsField, values: FormValues): string {
    const min = field.kind === 'date' ? effectiveMin(field, values) : field.min
    if (field.kind !== 'date' && field.kind !== 'money') return ''
    const params = { min: bound(field, min), max: bound(field, field.max) }
    if (min !== null && field.max !== null) return t('services.form.range', params)
    if (min !== null) return t('services.form.rangeMin', params)
    if (field.max !== null) return t('services.form.rangeMax', params)
    return ''
  }

  /**
   * The text of a field's error key (from useFormErrors or the server): the
   * service form's own message for the field's kind where there is one.
   */
  function errorText(field: DetailsField, key: string | null, values: FormValues): string | null {
    if (key === null) return null
    const reason = key.split('.').pop() ?? ''
    const min = field.kind === 'date' ? effectiveMin(field, values) : field.min
    let own = `services.fieldErrors.${field.kind}.${reason}`
    if (reason === 'out_of_range' && (min === null) !== (field.max === null))
      own = `${own}_${min === null ? 'max' : 'min'}`
    // A field with words of its own names what is missing ("mindestens ein Land").
    const named = `services.fieldErrors.fields.${field.name}.${reason}`
    if (te(named)) own = named
    const params = {
      min: field.kind === 'multi' ? String(field.minItems ?? 1) : bound(field, min),
      max:
        field.kind === 'multi'
          ? String(field.maxItems ?? '')
          : field.kind === 'text'
            ? String(field.maxLength ?? '')
            : bound(field, field.max),
    }
    return te(own) ? t(own, params) : t(key)
  }

  return { contractName, typeTitle, reasonText, valueText, boundsText, errorText }
}
