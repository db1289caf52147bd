/**
 * The submit of a profile edit dialog: one request at a time, the fields
 * checked first (the focus on the first one to correct), and a rejection
 * sorted by changeFailure: at its fields, as "changed elsewhere" (412, the
 * form filled again with the current state), or as the form's error. The
 * dialog's ProfileDialog is the one with `ref="dialog"`.
 */
import { computed, reactive, ref, useTemplateRef } from 'vue'
import type { UserError } from '../../api/errors.ts'
import { useErrorText } from '../../composables/use-error-text.ts'
import { focusFirstInvalid } from '../../composables/use-form.ts'
import { changeFailure, type ProfileField, type ProfileForm } from '../../forms/profile-form.ts'

export interface ProfileDialogOptions<F extends ProfileField> {
  /** Fills the form with what is on file; after a 412 it is called again. Without it a 412 shows nothing. */
  fill?: () => void
  /** The API's field names mapped to the form's (`address.city` → `city`). */
  paths?: Record<string, F>
  /** The field a wrong password lands on. */
  passwordField?: F
  /** The field a wrong second-factor code lands on. */
  codeField?: F
  /** The dialog's own words for 429 (a limit of its change); the general "try again" otherwise. */
  rateLimitedText?: (error: UserError) => string
}

/** The state of a profile dialog's end (ProfileFormFooter's props). */
export interface ProfileDialogFooter {
  pending: boolean
  invalid: boolean
  stale: boolean
  error: string | null
}

export function useProfileDialog<F extends ProfileField>(
  fields: ProfileForm<F>,
  { fill, paths = {}, passwordField, codeField, rateLimitedText }: ProfileDialogOptions<F> = {},
) {
  const errorText = useErrorText()
  const dialog = useTemplateRef<{ form: HTMLFormElement | null }>('dialog')
  const focusFirstError = () => focusFirstInvalid(dialog.value?.form ?? null)
  const pending = ref(false)
  const stale = ref(false)
  const error = ref<UserError | null>(null)

  /**
   * Checks the fields and runs `save`; `save` null means a check beyond the
   * fields failed (the fields then say which).
   */
  async function submit(save: (() => Promise<void>) | null): Promise<void> {
    if (pending.value) return
    error.value = null
    stale.value = false
    if (!fields.validate() || !save) {
      await focusFirstError()
      return
    }
    pending.value = true
    try {
      await save()
    } catch (caught) {
      const failure = changeFailure(caught, fields, paths, passwordField, codeField)
      error.value = failure.error
      if (failure.stale && fill) {
        stale.value = true
        fill()
        fields.reset()
      }
      await focusFirstError()
    } finally {
      pending.value = false
    }
  }

  /** The props of the dialog's ProfileFormFooter. */
  const footer: ProfileDialogFooter = reactive({
    pending,
    invalid: computed(() => fields.form.state.invalid),
    stale,
    error: computed(() => {
      const current = error.value
      if (!current) return null
      return current.code === 'rate_limited' && rateLimitedText
        ? rateLimitedText(current)
        : errorText(current)
    }),
  })

  return { submit, footer }
}
