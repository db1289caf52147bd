/**
 * The activation code as typed, its check (empty, characters that are never in a
 * code, too short) and the field's message, which names the foreign characters and,
 * after a wrong code, how many tries are left.
 */
import { computed, ref, type ComputedRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  ACTIVATION_CODE_LENGTH,
  foreignCodeCharacters,
  normaliseActivationCode,
} from '../../../../shared/activation-code.ts'
import type { FieldProblem } from '../../api/errors.ts'
import { useFieldText } from '../../composables/use-field-text.ts'
import { useFormErrors, type FormErrors } from '../../composables/use-form.ts'

export interface ActivationCode {
  code: Ref<string>
  fields: FormErrors<'code'>
  /** Tries left after the last wrong code, for the field's message. */
  attemptsLeft: Ref<number | null>
  /** The field's message, or null. */
  codeError: ComputedRef<string | null>
}

export function useActivationCode(): ActivationCode {
  const { t } = useI18n()
  const fieldText = useFieldText()
  const code = ref('')
  const foreign = computed(() => foreignCodeCharacters(code.value))
  const attemptsLeft = ref<number | null>(null)

  function checkCode(): FieldProblem | null {
    const normalised = normaliseActivationCode(code.value)
    if (normalised === '') return 'required'
    if (foreign.value.length > 0) return 'invalid_format'
    return normalised.length < ACTIVATION_CODE_LENGTH ? 'too_short' : null
  }
  const fields = useFormErrors({ code: { value: () => code.value, check: checkCode } })

  const codeError = computed(() => {
    const key = fields.errors.code
    if (key === 'fieldErrors.code.invalid_format')
      return t('fieldErrors.code.invalid_format', { chars: foreign.value.join(', ') })
    if (key === 'fieldErrors.code.invalid_value' && attemptsLeft.value !== null) {
      return t(attemptsLeft.value === 1 ? 'activation.wrongCodeOneLeft' : 'activation.wrongCode', {
        count: attemptsLeft.value,
      })
    }
    return fieldText(key)
  })

  return { code, fields, attemptsLeft, codeError }
}
