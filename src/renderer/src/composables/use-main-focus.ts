/**
 * The focus on the page's main content (the element with `ref="main"`): the skip
 * link moves it there, and so does moving to another page, as after a page load.
 */
import { nextTick, onUnmounted, useTemplateRef } from 'vue'
import { START_LOCATION, useRouter } from 'vue-router'

/** Returns `focusMain`, for the skip link. */
export function useMainFocus(): () => void {
  const main = useTemplateRef<HTMLElement>('main')
  const focusMain = (): void => main.value?.focus()
  const removeFocusHook = useRouter().afterEach((to, from, failure) => {
    if (failure || from === START_LOCATION || to.path === from.path) return
    void nextTick(focusMain)
  })
  onUnmounted(removeFocusHook)
  return focusMain
}
