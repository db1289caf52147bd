/**
 * WCAG 2.1 AA with axe-core on every screen and every dialog of the web preview,
 * signed out and signed in, before and after activation, on a kiosk terminal, in
 * German and in English: 0 violations of any impact (experimental rules included).
 * Error states count as screens too: a form with its field errors, the locked account.
 * The walk is tests/e2e/fixtures/screen-walk.ts (the layout spec takes it too).
 */
import { expectAccessible } from '../fixtures/axe.ts'
import { defineScreenWalk } from '../fixtures/screen-walk.ts'
import { test } from '../fixtures/test.ts'

test.describe('accessibility (axe-core, WCAG 2.1 AA and best practice)', () => {
  defineScreenWalk(expectAccessible)
})
