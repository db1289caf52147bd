/**
 * The props every form field component shares with FieldWrapper, which draws
 * them: `defineProps<FieldProps & { … }>()` with `withDefaults(…, { ...FIELD_DEFAULTS, … })`.
 */
export interface FieldProps {
  /** The control's id; the hint's and the error's ids derive from it. */
  id: string
  label: string
  hint?: string
  /** The error text to show, or null. */
  error?: string | null
}

export const FIELD_DEFAULTS = { hint: '', error: null } as const
