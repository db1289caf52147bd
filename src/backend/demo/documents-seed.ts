/**
 * The demo's correspondence history, written from the demo contracts: for each
 * contract a welcome letter, the contract copy and the instalment plan at its
 * start, quarterly and annual account statements for every period that has
 * ended; for Anna Huber (the ready login) also a payment reminder, the copy of
 * her activation letter and an address confirmation, the newest unread. One
 * customer, Katharina Steiner, has 10,000 documents, to show the postbox scales.
 *
 * Documents are filed with their inputs only; each PDF is generated the first
 * time it is needed and then kept (the seed stays fast).
 */
import { addDays, addMonths, viennaDay } from '../../shared/dates.ts'
import { buildPlan } from '../contracts/plan.ts'
import type { ContractRecord } from '../db/repositories/contracts-repository.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import type { DocumentParams } from '../documents/kinds.ts'
import type { ServiceContext } from '../services/context.ts'
import { insertDocument } from '../services/documents.ts'
import { maskIban } from '../../shared/iban.ts'
import { DEMO_CUSTOMERS, DEMO_LOGINS } from './seed.ts'
import { seedOnce } from './seed-once.ts'

const DOCUMENTS_SEEDED = 'demo_documents_seeded'
/** The customer whose postbox holds BULK_DOCUMENTS letters. */
export const BULK_CUSTOMER_NUMBER = '101046219'
export const BULK_DOCUMENTS = 10_000

interface Entry {
  contract: ContractRecord | null
  params: DocumentParams
  date: string
}

/** Seeds the correspondence once (also into a demo database from before documents). */
export function seedDemoDocuments(
  ctx: ServiceContext,
  options: { bulk?: boolean } = {},
): Promise<boolean> {
  return seedOnce(ctx, DOCUMENTS_SEEDED, async (ctx, now) => {
    const today = viennaDay(now)
    for (const customer of await ctx.repos.customers.all()) {
      if (!DEMO_CUSTOMERS.some((c) => c.customerNumber === customer.customerNumber)) continue
      const contracts = await ctx.repos.contracts.listByCustomer(customer.id)
      const entries = contracts.flatMap((contract) => contractHistory(customer, contract, today))
      if (DEMO_LOGINS[customer.customerNumber]) entries.push(...extras(customer, contracts, today))
      entries.sort((a, b) => a.date.localeCompare(b.date))
      const unreadFrom = Math.max(0, entries.length - 4)
      for (const [index, entry] of entries.entries()) {
        const filedAt = new Date(`${entry.date}T08:00:00.000Z`)
        // Several letters of one day: a second apart, in order.
        filedAt.setUTCSeconds(index % 60)
        await insertDocument(ctx, {
          customer,
          contract: entry.contract,
          params: entry.params,
          date: entry.date,
          filedAt,
          history: true,
          ...(index < unreadFrom ? { readAt: new Date(filedAt.getTime() + 86_400_000) } : {}),
        })
      }
      if (options.bulk !== false && customer.customerNumber === BULK_CUSTOMER_NUMBER)
        await fileBulk(ctx, customer, contracts, now)
    }
  })
}

/** Welcome letter, contract copy and plan at the start; statements for every ended period. */
function contractHistory(
  customer: CustomerRecord,
  contract: ContractRecord,
  today: string,
): Entry[] {
  const ibanMasked = customer.iban ? maskIban(customer.iban) : null
  const entries: Entry[] = [
    { contract, params: { kind: 'welcome_letter', ibanMasked }, date: contract.startDate },
    { contract, params: { kind: 'contract_copy', ibanMasked }, date: contract.startDate },
    { contract, params: { kind: 'instalment_plan', ibanMasked }, date: contract.startDate },
  ]
  const end = buildPlan(contract).at(-1)?.dueDate ?? contract.startDate
  const startYear = Number(contract.startDate.slice(0, 4))
  for (let year = startYear; year <= Number(today.slice(0, 4)); year++) {
    for (const quarter of [1, 2, 3, 4] as const) {
      const quarterStart = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`
      const next = addMonths(quarterStart, 3)
      const date = `${next.slice(0, 8)}05`
      if (next <= contract.startDate || quarterStart > end || date > today) continue
      entries.push({ contract, params: { kind: 'account_statement', year, quarter }, date })
    }
    const annual = `${year + 1}-01-15`
    if (annual <= today && `${year}-12-31` >= contract.startDate && `${year}-01-01` <= end)
      entries.push({ contract, params: { kind: 'annual_statement', year }, date: annual })
  }
  return entries
}

/** The ready login's letters besides the contracts' own. */
function extras(customer: CustomerRecord, contracts: ContractRecord[], today: string): Entry[] {
  const entries: Entry[] = []
  const loan = contracts.find((c) => c.product === 'loan')
  const fifth = loan ? buildPlan(loan)[4] : undefined
  if (loan && fifth && fifth.dueDate < today) {
    entries.push({
      contract: loan,
      params: {
        kind: 'payment_reminder',
        instalment: 5,
        dueDate: fifth.dueDate,
        amountCents: fifth.instalmentCents,
      },
      date: addDays(fifth.dueDate, 10),
    })
  }
  entries.push({
    contract: null,
    params: {
      kind: 'address_change',
      oldAddress: [
        `${customer.firstName} ${customer.lastName}`,
        'Linzer Gasse 12',
        '5020 Salzburg',
        'ÖSTERREICH',
      ],
      newAddress: [
        `${customer.firstName} ${customer.lastName}`,
        `${customer.street} ${customer.houseNumber}`,
        `${customer.postalCode} ${customer.city}`,
        'ÖSTERREICH',
      ],
    },
    date: addDays(today, -40),
  })
  entries.push({
    contract: null,
    params: { kind: 'activation_letter', validUntil: addDays(today, 20) },
    date: addDays(today, -10),
  })
  return entries
}

/** 10,000 account information letters, one every 2½ hours back from now. */
async function fileBulk(
  ctx: ServiceContext,
  customer: CustomerRecord,
  contracts: ContractRecord[],
  now: Date,
): Promise<void> {
  const byStart = [...contracts].sort((a, b) => a.startDate.localeCompare(b.startDate))
  const oldest = byStart[0]
  if (!oldest) return
  for (let k = 0; k < BULK_DOCUMENTS; k++) {
    const filedAt = new Date(now.getTime() - (k + 1) * 9_000_000)
    const date = viennaDay(filedAt)
    const running = byStart.filter((c) => c.startDate <= date)
    const contract = running[k % Math.max(running.length, 1)] ?? oldest
    await insertDocument(ctx, {
      customer,
      contract,
      params: { kind: 'account_information', number: BULK_DOCUMENTS - k, asOf: date },
      date,
      filedAt,
      history: true,
      ...(k >= 30 ? { readAt: new Date(filedAt.getTime() + 3_600_000) } : {}),
    })
  }
}
