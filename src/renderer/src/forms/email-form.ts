/**
 * A form of one field, an e-mail address (for a reset link, for the confirmation
 * e-mail again): its check and the field's attributes (`v-bind="field()"`).
 */
import type { Ref } from 'vue'
import { useFormErrors, type FormErrors } from '../composables/use-form.ts'
import { useFieldBindings, type FieldBinding } from './field-bindings.ts'
import { checkEmail } from './validators.ts'

export interface EmailForm {
  fields: FormErrors<'email'>
  field: () => FieldBinding<{ label: string; autocomplete: string; email: true }>
}

/** `prefix` names the field's id (`<prefix>-email`), `label` is its i18n key. */
export function useEmailForm(
  email: Ref<string>,
  { prefix, label }: { prefix: string; label: string },
): EmailForm {
  const fields = useFormErrors({
    email: { value: () => email.value, check: () => checkEmail(email.value) },
  })
  const field = useFieldBindings(
    prefix,
    { email: { label, autocomplete: 'email', email: true } },
    fields,
  )
  return { fields, field: () => field('email') }
}
