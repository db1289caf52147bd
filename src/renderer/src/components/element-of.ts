/**
 * The element a component renders (an AppButton's <button>), for a dialog's first
 * focus; undefined before it is mounted.
 */
export function elementOf(instance: { $el: unknown } | null): HTMLElement | undefined {
  const element = instance?.$el
  return element instanceof HTMLElement ? element : undefined
}
