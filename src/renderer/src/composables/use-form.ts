/**
 * A form's field errors: checked when a field loses focus and on submit, kept up
 * to date while the customer corrects a field, and filled from the server's
 * `fields` of a 400 validation_failed. Errors are i18n keys.
 */
import { computed, nextTick, reactive, ref, watch } from 'vue'
import { fieldMessageKey, type FieldProblem } from '../api/errors.ts'

export interface FieldSpec {
  /** The value to watch: a change re-checks a field that already shows an error. */
  value: () => unknown
  /** The field's problem, or null when it is fine. */
  check: () => FieldProblem | null
}

export interface FormErrors<F extends string> {
  /** i18n key of each field's message, or null. */
  readonly errors: Record<F, string | null>
  /** `invalid`: the form was submitted and a field still needs attention (the error summary). */
  readonly state: { readonly invalid: boolean }
  /** Checks one field (on blur). */
  touch(field: F): void
  /** Checks every field; true when all are fine. */
  validate(): boolean
  /** Shows the server's field messages (toUserError's `fields`); true when one was for this form. */
  applyServerErrors(fields: Readonly<Record<string, string>>, aliases?: Record<string, F>): boolean
  /** Sets one field's problem from elsewhere (e.g. 403 on the current password). */
  setProblem(field: F, problem: FieldProblem): void
  /** Forgets one field's error and visit (before clearing it on purpose, e.g. after 401). */
  forget(field: F): void
  /** Forgets every error and which fields were visited (after the form was cleared). */
  reset(): void
}

/*
 * A blur check that inserts a message moves everything below it. When the blur
 * comes from pressing a button or a checkbox below the field, that control would
 * move away between mousedown and mouseup and the click would be lost. So a blur
 * during a pointer press is checked once the press is over (after its click).
 */
let pointerPressed = false
let afterPress: (() => void)[] = []

function releasePointer(): void {
  pointerPressed = false
  const pending = afterPress
  afterPress = []
  // After the click that belongs to this press has been dispatched.
  if (pending.length > 0) setTimeout(() => pending.forEach((run) => run()), 0)
}

if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', () => (pointerPressed = true), true)
  window.addEventListener('pointerup', releasePointer, true)
  window.addEventListener('pointercancel', releasePointer, true)
}

/** Runs `check` now, or after the pointer press in progress. */
function whenPointerReleased(check: () => void): void {
  if (pointerPressed) afterPress.push(check)
  else check()
}

/** Creates the error state of a form whose field names are `F`. */
export function useFormErrors<F extends string>(
  fields: Record<F, FieldSpec>,
  messageField: (field: F) => string = (field) => field,
): FormErrors<F> {
  const names = Object.keys(fields) as F[]
  const errors = reactive(Object.fromEntries(names.map((name) => [name, null]))) as Record<
    F,
    string | null
  >
  const touched = new Set<F>()
  const submitted = ref(false)
  const state = reactive({
    invalid: computed(() => submitted.value && names.some((name) => errors[name] !== null)),
  })

  function check(field: F): void {
    const problem = fields[field].check()
    errors[field] = problem ? fieldMessageKey(problem, messageField(field)) : null
  }

  for (const name of names) {
    watch(fields[name].value, () => {
      if (touched.has(name) || errors[name] !== null) check(name)
    })
  }

  return {
    errors,
    state,
    touch(field) {
      whenPointerReleased(() => {
        touched.add(field)
        check(field)
      })
    },
    validate() {
      submitted.value = true
      for (const name of names) {
        touched.add(name)
        check(name)
      }
      return names.every((name) => errors[name] === null)
    },
    applyServerErrors(serverFields, aliases = {}) {
      let applied = false
      for (const [path, key] of Object.entries(serverFields)) {
        const field = (aliases[path] ?? path) as F
        if (names.includes(field)) {
          errors[field] = key
          applied = true
        }
      }
      if (applied) submitted.value = true
      return applied
    },
    setProblem(field, problem) {
      errors[field] = fieldMessageKey(problem, messageField(field))
    },
    forget(field) {
      touched.delete(field)
      errors[field] = null
    },
    reset() {
      submitted.value = false
      touched.clear()
      for (const name of names) errors[name] = null
    },
  }
}

/** Moves the focus to the first field marked invalid in the form (after the DOM updated). */
export async function focusFirstInvalid(form: HTMLFormElement | null): Promise<void> {
  await nextTick()
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
}
