/**
 * Asking again and again while something holds (the unread count while signed
 * in, the demo mailbox while the app is the demo): one timer, started and
 * stopped as the condition changes, and stopped with the component.
 */
import { onBeforeUnmount, watch } from 'vue'

/** What a poll does: at each start, at each tick, and when the condition no longer holds. */
export interface PollingSteps {
  /** Runs when the condition starts to hold (at once too): the first load. */
  start: () => void
  /** Runs every interval while the condition holds. */
  tick: () => void
  /** Runs when the condition does not hold (at once too): forget what was asked. */
  idle?: () => void
}

/**
 * Runs `steps.tick` every `intervalMs` while `active()` is true, `steps.start`
 * whenever it becomes true and `steps.idle` whenever it is false (both also at
 * once); the timer ends with the component that calls it.
 */
export function usePolling(active: () => boolean, intervalMs: number, steps: PollingSteps): void {
  let timer: ReturnType<typeof setInterval> | null = null
  const stop = (): void => {
    if (timer !== null) clearInterval(timer)
    timer = null
  }
  watch(
    active,
    (holds) => {
      stop()
      if (!holds) {
        steps.idle?.()
        return
      }
      steps.start()
      timer = setInterval(steps.tick, intervalMs)
    },
    { immediate: true },
  )
  onBeforeUnmount(stop)
}
