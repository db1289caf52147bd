// @vitest-environment jsdom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import AppButton from '../../../src/renderer/src/components/AppButton.vue'

describe('AppButton', () => {
  it('is a plain secondary button that never submits the form around it', async () => {
    const wrapper = mount(AppButton, { slots: { default: 'Erneut versuchen' } })
    const button = wrapper.get('button')
    expect(button.attributes('type')).toBe('button')
    expect(button.classes()).toEqual(['button', 'button--secondary'])
    expect(button.attributes('aria-disabled')).toBeUndefined()
    await button.trigger('click')
    expect(wrapper.emitted('click')).toHaveLength(1)
  })

  it('takes the primary look, the small size and attributes of its own', () => {
    const wrapper = mount(AppButton, {
      props: { variant: 'primary', small: true },
      attrs: { class: 'extra', 'data-testid': 'x', 'aria-controls': 'list' },
      slots: { default: 'Öffnen' },
    })
    const button = wrapper.get('button')
    expect(button.classes()).toEqual(
      expect.arrayContaining(['button', 'button--primary', 'button--small', 'extra']),
    )
    expect(button.attributes('data-testid')).toBe('x')
    expect(button.attributes('aria-controls')).toBe('list')
  })

  it('while busy keeps its focus and name, shows progress and ignores clicks', async () => {
    const wrapper = mount(AppButton, { props: { busy: true }, slots: { default: 'Abmelden' } })
    const button = wrapper.get('button')
    expect(button.attributes('disabled')).toBeUndefined()
    expect(button.attributes('aria-disabled')).toBe('true')
    expect(button.text()).toBe('Abmelden')
    expect(button.find('.spinner').exists()).toBe(true)
    await button.trigger('click')
    expect(wrapper.emitted('click')).toBeUndefined()
    await wrapper.setProps({ busy: false })
    await button.trigger('click')
    expect(wrapper.emitted('click')).toHaveLength(1)
  })

  it('when blocked says so to assistive technology but still reports the click', async () => {
    const wrapper = mount(AppButton, { props: { blocked: true }, slots: { default: 'Weiter' } })
    const button = wrapper.get('button')
    expect(button.attributes('aria-disabled')).toBe('true')
    expect(button.find('.spinner').exists()).toBe(false)
    await button.trigger('click')
    expect(wrapper.emitted('click')).toHaveLength(1)
  })
})
