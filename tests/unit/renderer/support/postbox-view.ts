/**
 * Set-up shared by the postbox view's tests: Anna signed in, and a PdfViewer
 * stub for tests that look at the preview's controls rather than at the pages.
 */
import { defineComponent, h } from 'vue'
import { ANNA, type FakeApi } from './fake-api.ts'

/** Mount stubs: the preview's PdfViewer as an empty element with data-testid="pdf-stub". */
export const stubs = {
  PdfViewer: defineComponent({
    props: { data: { type: Object, required: true }, title: { type: String, required: true } },
    setup: () => () => h('div', { 'data-testid': 'pdf-stub' }),
  }),
}

/** The gateway's /session: Anna (activated) is signed in. */
export function annaSignedIn(api: FakeApi): void {
  api.on('GET', '/session', {
    status: 200,
    body: { signedIn: true, customer: { ...ANNA, activated: true } },
  })
}
