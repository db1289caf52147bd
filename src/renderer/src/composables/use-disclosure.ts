/**
 * A disclosure (a button that shows and hides a panel), not an ARIA menu: Tab moves
 * through it; Escape closes it and returns the focus to the button; a click
 * elsewhere, the focus leaving it or another page closes it. The component marks
 * the whole disclosure `ref="root"` and its button `ref="toggle"`, and binds
 * `onEscape` to keydown.esc and `onFocusOut` to focusout on the root.
 */
import { onBeforeUnmount, ref, useTemplateRef, watch, type Ref } from 'vue'
import { useRoute } from 'vue-router'

export interface Disclosure {
  open: Ref<boolean>
  /** Closes it; `returnFocus` puts the focus back on the button. */
  close(returnFocus?: boolean): void
  onEscape(event: KeyboardEvent): void
  onFocusOut(event: FocusEvent): void
}

export function useDisclosure(): Disclosure {
  const route = useRoute()
  const open = ref(false)
  const root = useTemplateRef<HTMLElement>('root')
  const toggle = useTemplateRef<HTMLButtonElement>('toggle')

  function close(returnFocus = false): void {
    if (!open.value) return
    open.value = false
    if (returnFocus) toggle.value?.focus()
  }

  function onPointerDown(event: PointerEvent): void {
    if (event.target instanceof Node && root.value?.contains(event.target)) return
    close()
  }

  /** Tab past the last item (or back before the button) closes it. */
  function onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget
    if (next instanceof Node && !root.value?.contains(next)) close()
  }

  function onEscape(event: KeyboardEvent): void {
    if (!open.value) return
    event.stopPropagation()
    close(true)
  }

  watch(open, (isOpen) => {
    if (isOpen) document.addEventListener('pointerdown', onPointerDown, true)
    else document.removeEventListener('pointerdown', onPointerDown, true)
  })
  onBeforeUnmount(() => document.removeEventListener('pointerdown', onPointerDown, true))

  // Another page: the disclosure has done its job.
  watch(
    () => route.fullPath,
    () => close(),
  )

  return { open, close, onEscape, onFocusOut }
}
