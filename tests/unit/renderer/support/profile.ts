/** What the profile tests share: Anna's profile as GET /me answers it, and the page's queries. */
import { DOMWrapper } from '@vue/test-utils'
import type { ProfileCustomer } from '../../../../src/shared/api/profile.ts'

/** Anna Huber, activated, with phone, address and bank account; override what a test needs. */
export function annaProfile(overrides: Partial<ProfileCustomer> = {}): ProfileCustomer {
  return {
    salutation: 'ms',
    firstName: 'Anna',
    lastName: 'Huber',
    dateOfBirth: '1984-03-12',
    customerNumber: '100482117',
    email: 'anna.huber@example.at',
    phone: '+436641234567',
    address: {
      street: 'Getreidegasse',
      houseNumber: '9',
      postalCode: '5020',
      city: 'Salzburg',
      country: 'AT',
    },
    bankAccount: { ibanMasked: 'AT61 **** **** **** 3201', accountHolder: 'Anna Huber' },
    preferences: { locale: 'de', paperless: false, marketingConsent: false },
    activated: true,
    ...overrides,
  }
}

/** An "Ändern" button, by its accessible name (aria-label: "Ändern: Adresse"). */
export function changeButton(name: string): DOMWrapper<HTMLButtonElement> {
  const found = document.querySelectorAll<HTMLButtonElement>(`button[aria-label="${name}"]`)
  if (found.length !== 1) throw new Error(`${found.length} buttons are named "${name}"`)
  return new DOMWrapper(found[0] as HTMLButtonElement)
}

/** Text with its whitespace folded, as a reader sees it. */
export const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()
