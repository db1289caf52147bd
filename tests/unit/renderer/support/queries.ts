/**
 * Finding elements the way a user (and the e2e tests' getByLabel / getByRole)
 * does: by their label or visible name, never by class or test id.
 */
import { flushPromises, type DOMWrapper } from '@vue/test-utils'

/** Anything to search in: the mounted app or one of its elements (from get or find). */
interface Root {
  findAll(selector: string): DOMWrapper<Element>[]
  get<T extends Element>(selector: string): Omit<DOMWrapper<T>, 'exists'>
}

const normalise = (text: string | null | undefined): string =>
  (text ?? '').replace(/\s+/g, ' ').trim()

/** The form control whose <label> reads exactly `label`. */
export function field<T extends HTMLElement = HTMLInputElement>(
  root: Root,
  label: string,
): DOMWrapper<T> {
  const labels = root.findAll('label').filter((l) => normalise(l.text()) === label)
  if (labels.length !== 1) throw new Error(`${labels.length} labels read "${label}"`)
  const id = labels[0]?.attributes('for')
  if (!id) throw new Error(`the label "${label}" names no control`)
  return root.get<T>(`[id="${id}"]`) as DOMWrapper<T>
}

/** The button whose name (its text) is exactly `name`. */
export function button(root: Root, name: string): DOMWrapper<HTMLButtonElement> {
  const found = root.findAll('button').filter((b) => normalise(b.text()) === name)
  if (found.length !== 1) throw new Error(`${found.length} buttons read "${name}"`)
  return found[0] as DOMWrapper<HTMLButtonElement>
}

/** Whether a button named exactly `name` is there. */
export function hasButton(root: Root, name: string): boolean {
  return root.findAll('button').some((b) => normalise(b.text()) === name)
}

/** The link whose text is exactly `name`. */
export function link(root: Root, name: string): DOMWrapper<HTMLAnchorElement> {
  const found = root.findAll('a').filter((a) => normalise(a.text()) === name)
  if (found.length !== 1) throw new Error(`${found.length} links read "${name}"`)
  return found[0] as DOMWrapper<HTMLAnchorElement>
}

/** The texts a control is described by (aria-describedby): its hint, its error. */
export function description(control: DOMWrapper<HTMLElement>): string {
  const ids = (control.attributes('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
  return ids.map((id) => normalise(document.getElementById(id)?.textContent)).join(' ')
}

/** The error message announced for a control ('' when it has none). */
export function errorOf(control: DOMWrapper<HTMLElement>): string {
  if (control.attributes('aria-invalid') !== 'true') return ''
  const ids = (control.attributes('aria-describedby') ?? '').split(/\s+/)
  const errorId = ids.find((id) => id.endsWith('-error'))
  return normalise(errorId ? document.getElementById(errorId)?.textContent : '')
}

/** Types into a control and leaves it, as a user would. */
export async function fill(control: DOMWrapper<HTMLElement>, value: string): Promise<void> {
  await control.setValue(value)
  await control.trigger('blur')
}

/** The announcements on the page (role=alert and role=status), as text. */
export function announcements(root: Root): string[] {
  return root
    .findAll('[role="alert"], [role="status"]')
    .map((element) => normalise(element.text()))
    .filter((text) => text !== '')
}

/** Submits the form the button belongs to by clicking it, and lets the app settle. */
export async function click(element: DOMWrapper<HTMLElement>): Promise<void> {
  await element.trigger('click')
  await flushPromises()
}
