// @vitest-environment jsdom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { usePolling } from '../../../src/renderer/src/composables/use-polling.ts'

afterEach(() => {
  vi.useRealTimers()
})

/** Mounts a component that polls every second while `active` holds, and records each step. */
function poller(active: { value: boolean }) {
  const steps: string[] = []
  const wrapper = mount(
    defineComponent({
      setup() {
        usePolling(() => active.value, 1_000, {
          start: () => steps.push('start'),
          tick: () => steps.push('tick'),
          idle: () => steps.push('idle'),
        })
        return () => null
      },
    }),
  )
  return { steps, wrapper }
}

describe('polling while a condition holds', () => {
  it('starts at once, ticks every interval, and ends with the component', () => {
    vi.useFakeTimers()
    const { steps, wrapper } = poller(ref(true))
    vi.advanceTimersByTime(2_500)
    expect(steps).toEqual(['start', 'tick', 'tick'])
    wrapper.unmount()
    vi.advanceTimersByTime(5_000)
    expect(steps).toEqual(['start', 'tick', 'tick'])
  })

  it('waits while the condition does not hold, and starts and stops as it changes', async () => {
    vi.useFakeTimers()
    const active = ref(false)
    const { steps, wrapper } = poller(active)
    vi.advanceTimersByTime(3_000)
    expect(steps).toEqual(['idle'])
    active.value = true
    await nextTick()
    vi.advanceTimersByTime(1_000)
    expect(steps).toEqual(['idle', 'start', 'tick'])
    active.value = false
    await nextTick()
    vi.advanceTimersByTime(3_000)
    expect(steps).toEqual(['idle', 'start', 'tick', 'idle'])
    wrapper.unmount()
  })
})
