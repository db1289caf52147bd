/**
 * The demo's co-borrowers (api.md "Co-borrowers"): Anna Huber's leasing
 * contract names her husband Markus Huber, a demo customer without a contract
 * of his own, who can register and accept her invitation; Sophie Wagner's
 * balloon contract names Lukas Gruber, himself a customer with a contract.
 * The README's demo table lists them with their dates of birth.
 */
import { ibanFromBban } from '../../shared/iban.ts'
import type { NewCustomerRecord } from '../db/repositories/customers-repository.ts'
import type { ServiceContext } from '../services/context.ts'

/** The co-borrower who is a demo customer only for that (no contract of his own). */
export const DEMO_CO_BORROWER_CUSTOMER: NewCustomerRecord = {
  customerNumber: '100482125',
  salutation: 'mr',
  firstName: 'Markus',
  lastName: 'Huber',
  dateOfBirth: '1982-06-03',
  street: 'Getreidegasse',
  houseNumber: '9',
  postalCode: '5020',
  city: 'Salzburg',
  country: 'AT',
  phone: null,
  email: 'markus.huber@demo.mini.at',
  locale: 'de',
  iban: ibanFromBban('AT', '2040400012345686'),
  accountHolder: 'Markus Huber',
}

/** Which demo contract names which co-borrower. */
export const DEMO_CO_BORROWERS: readonly {
  contractNumber: string
  firstName: string
  lastName: string
  dateOfBirth: string
}[] = [
  {
    contractNumber: 'LS-2026-048212',
    firstName: 'Markus',
    lastName: 'Huber',
    dateOfBirth: '1982-06-03',
  },
  {
    contractNumber: 'BF-2025-060326',
    firstName: 'Lukas',
    lastName: 'Gruber',
    dateOfBirth: '1990-07-28',
  },
]

const CO_BORROWERS_SEEDED = 'demo_co_borrowers_seeded'

/**
 * Names the co-borrowers on their contracts, once; a demo database from before
 * co-borrowers also gets the co-borrower customer. Returns whether it wrote anything.
 */
export async function seedDemoCoBorrowers(ctx: ServiceContext): Promise<boolean> {
  if (await ctx.repos.settings.get(CO_BORROWERS_SEEDED)) return false
  const now = ctx.clock.now()
  return ctx.transaction(async (ctx) => {
    if (await ctx.repos.settings.get(CO_BORROWERS_SEEDED)) return false
    const customers = await ctx.repos.customers.all()
    const known = customers.some(
      (c) => c.customerNumber === DEMO_CO_BORROWER_CUSTOMER.customerNumber,
    )
    if (!known) await ctx.repos.customers.insert(DEMO_CO_BORROWER_CUSTOMER, now)
    for (const customer of customers) {
      for (const contract of await ctx.repos.contracts.listByCustomer(customer.id)) {
        const party = DEMO_CO_BORROWERS.find((p) => p.contractNumber === contract.number)
        if (!party) continue
        const { firstName, lastName, dateOfBirth } = party
        await ctx.repos.coBorrowers.insertParty({
          contractId: contract.id,
          firstName,
          lastName,
          dateOfBirth,
        })
      }
    }
    await ctx.repos.settings.set(CO_BORROWERS_SEEDED, now.toISOString())
    return true
  })
}
