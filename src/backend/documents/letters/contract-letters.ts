/**
 * The letters about a contract: its copy, its instalment plan, the welcome
 * letter, the statements, the account information and the payment reminder.
 * The figures come from the contract's fixed terms (the plan is computed).
 */
import { addDays, addMonths } from '../../../shared/dates.ts'
import { formatInteger, formatPercent } from '../../../shared/format.ts'
import {
  buildPlan,
  effectiveRatePct,
  regularInstalment,
  type PlanRow,
} from '../../contracts/plan.ts'
import type { ContractRecord } from '../../contracts/contract-record.ts'
import type { Block } from '../pdf-letter.ts'
import {
  facts,
  monthlyOn,
  p,
  PRODUCT,
  vehicleName,
  withContract,
  type BlocksTable,
  type ContractBlocksWriter,
  type Fmt,
} from './layout.ts'

type ContractLetterKind =
  | 'contract_copy'
  | 'instalment_plan'
  | 'welcome_letter'
  | 'annual_statement'
  | 'account_statement'
  | 'account_information'
  | 'payment_reminder'

const contractCopy: ContractBlocksWriter<'contract_copy'> = (params, c, f) => {
  const { de } = f
  return [
    p(
      de
        ? 'anbei erhalten Sie die Abschrift Ihres Vertrags mit allen vereinbarten Konditionen.'
        : 'please find below a copy of your contract with all agreed terms.',
    ),
    facts(contractFacts(c, params.ibanMasked, f)),
    p(
      de
        ? 'Die Raten werden per SEPA-Lastschrift vom angegebenen Konto eingezogen. Den vollständigen Ratenplan finden Sie in Ihrem Postfach in My MINI Finance.'
        : 'The instalments are collected by SEPA direct debit from the account above. The full instalment plan is in your postbox in My MINI Finance.',
    ),
  ]
}

const instalmentPlan: ContractBlocksWriter<'instalment_plan'> = (_params, c, f) => {
  const { de } = f
  const plan = buildPlan(c)
  return [
    p(
      de
        ? `hier ist der Ratenplan Ihres Vertrags über ${f.money(c.financedAmountCents)} (${PRODUCT[c.product].de}, ${c.termMonths} Monate, Sollzinssatz ${formatPercent(c.nominalRateBp / 100, 'de')} p. a.).`
        : `here is the instalment plan of your contract over ${f.money(c.financedAmountCents)} (${PRODUCT[c.product].en}, ${c.termMonths} months, borrowing rate ${formatPercent(c.nominalRateBp / 100, 'en')} p.a.).`,
    ),
    planTable(plan, f),
    ...(c.product === 'leasing'
      ? [
          p(
            de
              ? `Am Vertragsende bleibt der Restwert von ${f.money(c.finalAmountCents)} offen; er wird mit der Rückgabe oder dem Kauf des Fahrzeugs beglichen.`
              : `At the end of the contract the residual value of ${f.money(c.finalAmountCents)} remains; it is settled by returning or buying the vehicle.`,
          ),
        ]
      : []),
  ]
}

const welcomeLetter: ContractBlocksWriter<'welcome_letter'> = (_params, c, f) => {
  const { de } = f
  return [
    p(
      de
        ? `herzlich willkommen bei MINI Financial Services und viel Freude mit Ihrem ${vehicleName(c, 'de')}! Ihr Vertrag ${c.number} beginnt am ${f.date(c.startDate)}.`
        : `welcome to MINI Financial Services, and enjoy your ${vehicleName(c, 'en')}! Your contract ${c.number} starts on ${f.date(c.startDate)}.`,
    ),
    facts([
      [de ? 'Monatliche Rate' : 'Monthly instalment', f.money(regularInstalment(c))],
      [
        de ? 'Erste Abbuchung' : 'First direct debit',
        f.date(buildPlan(c)[0]?.dueDate ?? c.startDate),
      ],
      [de ? 'Laufzeit' : 'Term', de ? `${c.termMonths} Monate` : `${c.termMonths} months`],
    ]),
    p(
      de
        ? 'In My MINI Finance sehen Sie Ihren Vertrag, Ihren Ratenplan und alle Dokumente zu Ihrem Vertrag jederzeit online.'
        : 'In My MINI Finance you can see your contract, your instalment plan and every document about it online at any time.',
    ),
  ]
}

const statement: ContractBlocksWriter<'annual_statement' | 'account_statement'> = (
  params,
  c,
  f,
) => {
  const from =
    params.kind === 'annual_statement'
      ? `${params.year}-01-01`
      : quarterStart(params.year, params.quarter)
  const to = params.kind === 'annual_statement' ? `${params.year + 1}-01-01` : addMonths(from, 3)
  return statementBlocks(c, from, to, f)
}

const accountInformation: ContractBlocksWriter<'account_information'> = (params, c, f) => {
  const { de } = f
  const plan = buildPlan(c)
  const paid = plan.filter((row) => row.dueDate < params.asOf)
  const balance = paid.at(-1)?.balanceAfterCents ?? c.financedAmountCents
  return [
    p(
      de
        ? `zum Stichtag ${f.date(params.asOf)} informieren wir Sie über den Stand Ihres Vertrags.`
        : `we inform you of the state of your contract as of ${f.date(params.asOf)}.`,
    ),
    facts([
      [de ? 'Bezahlte Raten' : 'Instalments paid', `${paid.length} / ${plan.length}`],
      [de ? 'Offener Betrag' : 'Outstanding balance', f.money(balance)],
    ]),
  ]
}

const paymentReminder: ContractBlocksWriter<'payment_reminder'> = (params, c, f) => {
  const { de } = f
  return [
    p(
      de
        ? `leider konnten wir die ${params.instalment}. Rate Ihres Vertrags ${c.number} am ${f.date(params.dueDate)} nicht abbuchen. Bitte überweisen Sie ${f.money(params.amountCents)} innerhalb von 14 Tagen oder sorgen Sie für Deckung; wir versuchen die Abbuchung dann erneut.`
        : `unfortunately we could not collect instalment ${params.instalment} of your contract ${c.number} on ${f.date(params.dueDate)}. Please transfer ${f.money(params.amountCents)} within 14 days or make sure the account is covered; we will then try again.`,
    ),
    p(
      de
        ? 'Haben Sie die Rate inzwischen bezahlt, betrachten Sie diesen Brief bitte als gegenstandslos.'
        : 'If you have paid meanwhile, please disregard this letter.',
    ),
  ]
}

function quarterStart(year: number, quarter: 1 | 2 | 3 | 4): string {
  return `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`
}

function contractFacts(c: ContractRecord, ibanMasked: string | null, f: Fmt): [string, string][] {
  const { de } = f
  const plan = buildPlan(c)
  const rows: [string, string][] = [
    [de ? 'Vertragsnummer' : 'Contract number', c.number],
    [de ? 'Produkt' : 'Product', PRODUCT[c.product][f.locale]],
    [de ? 'Fahrzeug' : 'Vehicle', vehicleName(c, f.locale)],
    [de ? 'Kennzeichen' : 'Registration plate', c.vehicle.registrationPlate],
    [de ? 'Fahrgestellnummer' : 'VIN', c.vehicle.vin],
    [de ? 'Vertragsbeginn' : 'Start of contract', f.date(c.startDate)],
    [de ? 'Vertragsende' : 'End of contract', f.date(plan.at(-1)?.dueDate ?? c.startDate)],
    [de ? 'Laufzeit' : 'Term', de ? `${c.termMonths} Monate` : `${c.termMonths} months`],
    [de ? 'Finanzierungsbetrag' : 'Amount financed', f.money(c.financedAmountCents)],
    [de ? 'Anzahlung' : 'Down payment', f.money(c.downPaymentCents)],
    [
      de ? 'Sollzinssatz p. a.' : 'Borrowing rate p.a.',
      formatPercent(c.nominalRateBp / 100, f.locale),
    ],
    [de ? 'Effektivzinssatz p. a.' : 'APR', formatPercent(effectiveRatePct(c, plan), f.locale)],
    [de ? 'Monatliche Rate' : 'Monthly instalment', f.money(regularInstalment(c))],
  ]
  if (c.product === 'balloon')
    rows.push([de ? 'Schlussrate' : 'Final instalment', f.money(plan.at(-1)?.instalmentCents ?? 0)])
  if (c.product === 'leasing') {
    rows.push([de ? 'Restwert' : 'Residual value', f.money(c.finalAmountCents)])
    if (c.mileagePerYearKm !== null)
      rows.push([
        de ? 'Kilometerleistung pro Jahr' : 'Mileage per year',
        `${formatInteger(c.mileagePerYearKm, f.locale)} km`,
      ])
  }
  rows.push([de ? 'Abbuchungstag' : 'Payment day', monthlyOn(c.paymentDay, de)])
  rows.push([
    de ? 'Abbuchungskonto' : 'Debit account',
    ibanMasked ?? (de ? 'nicht hinterlegt' : 'none on file'),
  ])
  return rows
}

/** An instalment plan as a table with its totals (the plan letter, the deferral agreement). */
export function planTable(plan: readonly PlanRow[], f: Fmt): Block {
  const { de } = f
  return {
    type: 'table',
    columns: [
      { label: de ? 'Nr.' : 'No.', width: 6 },
      { label: de ? 'Fällig am' : 'Due on', width: 14 },
      { label: de ? 'Rate' : 'Instalment', width: 16, align: 'right' },
      { label: de ? 'Zinsen' : 'Interest', width: 14, align: 'right' },
      { label: de ? 'Tilgung' : 'Principal', width: 16, align: 'right' },
      { label: de ? 'Offen danach' : 'Outstanding after', width: 18, align: 'right' },
    ],
    rows: plan.map((row) => [
      String(row.n),
      f.date(row.dueDate),
      f.money(row.instalmentCents),
      f.money(row.interestCents),
      f.money(row.principalCents),
      f.money(row.balanceAfterCents),
    ]),
    total: [
      '',
      de ? 'Summe' : 'Total',
      f.money(plan.reduce((s, r) => s + r.instalmentCents, 0)),
      f.money(plan.reduce((s, r) => s + r.interestCents, 0)),
      f.money(plan.reduce((s, r) => s + r.principalCents, 0)),
      '',
    ],
  }
}

/** Instalments collected in [from, to) and the balance before and after. */
function statementBlocks(c: ContractRecord, from: string, to: string, f: Fmt): Block[] {
  const { de } = f
  const plan = buildPlan(c)
  const inPeriod = plan.filter((row) => row.dueDate >= from && row.dueDate < to)
  const before =
    plan.filter((row) => row.dueDate < from).at(-1)?.balanceAfterCents ?? c.financedAmountCents
  const after = inPeriod.at(-1)?.balanceAfterCents ?? before
  const last = f.date(addDays(to, -1))
  return [
    p(
      de
        ? `für den Zeitraum ${f.date(from)} bis ${last} haben wir folgende Raten Ihres Vertrags ${c.number} eingezogen:`
        : `for the period ${f.date(from)} to ${last} we collected the following instalments of your contract ${c.number}:`,
    ),
    planTable(inPeriod, f),
    facts([
      [de ? 'Offener Betrag am Beginn' : 'Outstanding at the start', f.money(before)],
      [de ? 'Offener Betrag am Ende' : 'Outstanding at the end', f.money(after)],
      [
        de ? 'Bezahlte Raten gesamt' : 'Instalments paid in total',
        `${plan.filter((r) => r.dueDate < to).length} / ${plan.length}`,
      ],
    ]),
  ]
}

/** The blocks of each letter about a contract: one entry per kind. */
export const CONTRACT_LETTERS: BlocksTable<ContractLetterKind> = {
  contract_copy: withContract(contractCopy),
  instalment_plan: withContract(instalmentPlan),
  welcome_letter: withContract(welcomeLetter),
  annual_statement: withContract(statement),
  account_statement: withContract(statement),
  account_information: withContract(accountInformation),
  payment_reminder: withContract(paymentReminder),
}
