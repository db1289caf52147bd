/**
 * The attributes a form gives each of its field components, from one table: the
 * id, the label, the autocomplete token (off on a kiosk), an e-mail input's
 * type, and the field's error text and blur check from the form's error state.
 * A field is then one or two lines:
 *
 *   const field = useFieldBindings('address', { city: { label: 'profile.fields.city' } }, fields)
 *   <TextField v-model="form.city" v-bind="field('city')" />
 *
 * Attributes the table leaves out are not bound, so a field component with a
 * label of its own (DateOfBirthField) gets none.
 */
import { useI18n } from 'vue-i18n'
import { useAutocomplete } from '../composables/use-autocomplete.ts'
import { useFieldText } from '../composables/use-field-text.ts'
import type { FormErrors } from '../composables/use-form.ts'

export interface FieldEntry {
  /** The element id; `<prefix>-<field in kebab case>` when left out. */
  id?: string
  /** The label's i18n key. */
  label?: string
  /** The hint's i18n key. */
  hint?: string
  /** The autocomplete token. */
  autocomplete?: string
  /** An e-mail address: type and keyboard for e-mail, no spell check. */
  email?: boolean
}

/** A form's error state as the bindings read it: a profile form's, or useFormErrors'. */
export type FieldErrorSource<F extends string> =
  { text(field: F): string | null; touch(field: F): void } | Pick<FormErrors<F>, 'errors' | 'touch'>

/** What the entry `E` binds: the attributes it names, and always the id, error and blur. */
export type FieldBinding<E extends FieldEntry> = {
  id: string
  error: string | null
  onBlur: () => void
} & Binds<E, 'label', { label: string }> &
  Binds<E, 'hint', { hint: string }> &
  Binds<E, 'autocomplete', { autocomplete: string }> &
  Binds<E, 'email', { type: 'email'; inputmode: 'email'; spellcheck: false }>
type Binds<E, K extends keyof FieldEntry, A> = E extends Record<K, unknown> ? A : unknown

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/** Returns `field(name)`: the attributes of the field `name` of the table. */
export function useFieldBindings<const T extends Record<string, FieldEntry>>(
  prefix: string,
  table: T,
  source: FieldErrorSource<keyof T & string>,
): <F extends keyof T & string>(field: F) => FieldBinding<T[F]> {
  const { t } = useI18n()
  const autocomplete = useAutocomplete()
  const fieldText = useFieldText()
  const errorOf = (field: keyof T & string): string | null =>
    'text' in source ? source.text(field) : fieldText(source.errors[field])

  return <F extends keyof T & string>(field: F) => {
    const entry: T[F] = table[field]
    const binding = {
      id: entry.id ?? `${prefix}-${kebab(field)}`,
      ...(entry.label && { label: t(entry.label) }),
      ...(entry.hint && { hint: t(entry.hint) }),
      ...(entry.autocomplete && { autocomplete: autocomplete(entry.autocomplete) }),
      ...(entry.email && { type: 'email', inputmode: 'email', spellcheck: false }),
      error: errorOf(field),
      onBlur: () => source.touch(field),
    }
    return binding as FieldBinding<T[F]>
  }
}
