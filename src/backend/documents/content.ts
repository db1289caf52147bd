/**
 * What each kind of document says, in German or English, from its snapshot
 * and the contract's fixed terms (the plan is computed, never typed in).
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import { addDays, addMonths } from '../../shared/dates.ts'
import { formatDate, formatInteger, formatMoney, formatPercent } from '../../shared/format.ts'
import { buildPlan, effectiveRatePct, regularInstalment, type PlanRow } from '../contracts/plan.ts'
import type { ContractRecord } from '../db/repositories/contracts-repository.ts'
import type { DocumentKind, DocumentParams, DocumentSpec } from './kinds.ts'
import type { Block, LetterContent } from './pdf-letter.ts'

type Words = Record<Locale, string>

const PRODUCT: Record<ContractRecord['product'], Words> = {
  loan: { de: 'Kredit', en: 'Loan' },
  leasing: { de: 'Leasing', en: 'Leasing' },
  balloon: { de: 'Ballonfinanzierung', en: 'Balloon financing' },
}

/** The document's title in the postbox (and the PDF's title). */
export function documentTitle(
  params: DocumentParams,
  locale: Locale,
  contract: Pick<ContractRecord, 'number'> | null,
): string {
  const de = locale === 'de'
  const number = contract ? ` ${contract.number}` : ''
  switch (params.kind) {
    case 'contract_copy':
      return de ? `Vertragsabschrift${number}` : `Copy of contract${number}`
    case 'instalment_plan':
      return de ? `Ratenplan${number}` : `Instalment plan${number}`
    case 'welcome_letter':
      return de
        ? `Willkommen bei MINI Financial Services${number}`
        : `Welcome to MINI Financial Services${number}`
    case 'annual_statement':
      return de
        ? `Jahreskontoauszug ${params.year}${number}`
        : `Annual account statement ${params.year}${number}`
    case 'account_statement':
      return de
        ? `Kontoauszug Q${params.quarter}/${params.year}${number}`
        : `Account statement Q${params.quarter}/${params.year}${number}`
    case 'account_information':
      return de
        ? `Kontoinformation Nr. ${params.number}${number}`
        : `Account information no. ${params.number}${number}`
    case 'activation_letter':
      return de
        ? 'Ihr Aktivierungscode für My MINI Finance'
        : 'Your activation code for My MINI Finance'
    case 'address_change':
      return de ? 'Bestätigung Ihrer neuen Adresse' : 'Confirmation of your new address'
    case 'bank_account_change':
      return de ? 'Bestätigung Ihrer neuen Bankverbindung' : 'Confirmation of your new bank details'
    case 'email_change':
      return de
        ? 'Bestätigung Ihrer neuen E-Mail-Adresse'
        : 'Confirmation of your new e-mail address'
    case 'payment_reminder':
      return de ? `Zahlungserinnerung${number}` : `Payment reminder${number}`
    case 'service_answer':
      return params.subject
  }
}

/** Everything the PDF shows. */
export function letterContent(
  spec: DocumentSpec,
  contract: ContractRecord | null,
  support: SupportContacts,
): LetterContent {
  const { locale, addressee, params } = spec
  const de = locale === 'de'
  const money = (cents: number) => formatMoney(cents, contract?.currency ?? 'EUR', locale)
  const date = (iso: string) => formatDate(iso, locale)
  const references: [string, string][] = [
    [de ? 'Kundennummer' : 'Customer no.', addressee.customerNumber],
  ]
  if (contract) references.push([de ? 'Vertrag' : 'Contract', contract.number])
  if (contract) references.push([de ? 'Fahrzeug' : 'Vehicle', contract.vehicle.registrationPlate])
  const title = documentTitle(params, locale, contract)
  return {
    title,
    locale,
    recipient: addressee.address,
    dateText: date(spec.date),
    creationDate: new Date(`${spec.date}T08:00:00Z`),
    subject: title,
    references,
    salutation: salutationLine(spec),
    blocks: blocksOf(params, contract, { de, money, date, locale }),
    closing: de
      ? ['Mit freundlichen Grüßen', 'Ihr Team von MINI Financial Services']
      : ['Kind regards', 'Your MINI Financial Services team'],
    support,
  }
}

function salutationLine({ addressee, locale }: DocumentSpec): string {
  if (locale === 'de') {
    if (addressee.salutation === 'ms') return `Sehr geehrte Frau ${addressee.lastName},`
    if (addressee.salutation === 'mr') return `Sehr geehrter Herr ${addressee.lastName},`
    return `Guten Tag ${addressee.firstName} ${addressee.lastName},`
  }
  if (addressee.salutation === 'ms') return `Dear Ms ${addressee.lastName},`
  if (addressee.salutation === 'mr') return `Dear Mr ${addressee.lastName},`
  return `Dear ${addressee.firstName} ${addressee.lastName},`
}

interface Fmt {
  de: boolean
  locale: Locale
  money: (cents: number) => string
  date: (iso: string) => string
}

function requireContract(contract: ContractRecord | null, kind: DocumentKind): ContractRecord {
  if (!contract) throw new Error(`a ${kind} document needs its contract`)
  return contract
}

function blocksOf(params: DocumentParams, contract: ContractRecord | null, f: Fmt): Block[] {
  const { de } = f
  switch (params.kind) {
    case 'contract_copy': {
      const c = requireContract(contract, params.kind)
      return [
        p(
          de
            ? 'anbei erhalten Sie die Abschrift Ihres Vertrags mit allen vereinbarten Konditionen.'
            : 'please find below a copy of your contract with all agreed terms.',
        ),
        { type: 'facts', rows: contractFacts(c, params.ibanMasked, f) },
        p(
          de
            ? 'Die Raten werden per SEPA-Lastschrift vom angegebenen Konto eingezogen. Den vollständigen Ratenplan finden Sie in Ihrem Postfach in My MINI Finance.'
            : 'The instalments are collected by SEPA direct debit from the account above. The full instalment plan is in your postbox in My MINI Finance.',
        ),
      ]
    }
    case 'instalment_plan': {
      const c = requireContract(contract, params.kind)
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
    case 'welcome_letter': {
      const c = requireContract(contract, params.kind)
      return [
        p(
          de
            ? `herzlich willkommen bei MINI Financial Services und viel Freude mit Ihrem ${c.vehicle.make} ${c.vehicle.model}! Ihr Vertrag ${c.number} beginnt am ${f.date(c.startDate)}.`
            : `welcome to MINI Financial Services, and enjoy your ${c.vehicle.make} ${c.vehicle.model}! Your contract ${c.number} starts on ${f.date(c.startDate)}.`,
        ),
        {
          type: 'facts',
          rows: [
            [de ? 'Monatliche Rate' : 'Monthly instalment', f.money(regularInstalment(c))],
            [
              de ? 'Erste Abbuchung' : 'First direct debit',
              f.date(buildPlan(c)[0]?.dueDate ?? c.startDate),
            ],
            [de ? 'Laufzeit' : 'Term', de ? `${c.termMonths} Monate` : `${c.termMonths} months`],
          ],
        },
        p(
          de
            ? 'In My MINI Finance sehen Sie Ihren Vertrag, Ihren Ratenplan und Ihre gesamte Korrespondenz jederzeit online.'
            : 'In My MINI Finance you can see your contract, your instalment plan and all your correspondence online at any time.',
        ),
      ]
    }
    case 'annual_statement':
    case 'account_statement': {
      const c = requireContract(contract, params.kind)
      const from =
        params.kind === 'annual_statement'
          ? `${params.year}-01-01`
          : quarterStart(params.year, params.quarter)
      const to =
        params.kind === 'annual_statement' ? `${params.year + 1}-01-01` : addMonths(from, 3)
      return statementBlocks(c, from, to, f)
    }
    case 'account_information': {
      const c = requireContract(contract, params.kind)
      const plan = buildPlan(c)
      const paid = plan.filter((row) => row.dueDate < params.asOf)
      const balance = paid.at(-1)?.balanceAfterCents ?? c.financedAmountCents
      return [
        p(
          de
            ? `zum Stichtag ${f.date(params.asOf)} informieren wir Sie über den Stand Ihres Vertrags.`
            : `we inform you of the state of your contract as of ${f.date(params.asOf)}.`,
        ),
        {
          type: 'facts',
          rows: [
            [de ? 'Bezahlte Raten' : 'Instalments paid', `${paid.length} / ${plan.length}`],
            [de ? 'Offener Betrag' : 'Outstanding balance', f.money(balance)],
          ],
        },
      ]
    }
    case 'activation_letter':
      return [
        p(
          de
            ? 'mit getrennter Post haben wir Ihnen Ihren persönlichen Aktivierungscode für My MINI Finance geschickt. Aus Sicherheitsgründen steht der Code nur im Brief, nicht in dieser Kopie.'
            : 'we have sent you your personal activation code for My MINI Finance by post. For your security the code is only in the letter, not in this copy.',
        ),
        {
          type: 'facts',
          rows: [
            [de ? 'Aktivierungscode' : 'Activation code', '••••-••••-••••'],
            [de ? 'Gültig bis' : 'Valid until', f.date(params.validUntil)],
          ],
        },
      ]
    case 'address_change':
      return [
        p(de ? 'wir haben Ihre neue Adresse gespeichert:' : 'we have saved your new address:'),
        {
          type: 'facts',
          rows: [
            [de ? 'Neue Adresse' : 'New address', params.newAddress.join('\n')],
            [de ? 'Bisherige Adresse' : 'Previous address', params.oldAddress.join('\n')],
          ],
        },
        p(notYou(de)),
      ]
    case 'bank_account_change':
      return [
        p(
          de
            ? 'wir haben Ihre neue Bankverbindung und das SEPA-Lastschriftmandat gespeichert. Ab der nächsten Rate buchen wir von diesem Konto ab:'
            : 'we have saved your new bank details and the SEPA direct debit mandate. From the next instalment on we collect from this account:',
        ),
        {
          type: 'facts',
          rows: [
            ['IBAN', params.ibanMasked],
            [de ? 'Kontoinhaber/in' : 'Account holder', params.accountHolder],
          ],
        },
        p(notYou(de)),
      ]
    case 'email_change':
      return [
        p(
          de
            ? `Ihre E-Mail-Adresse für My MINI Finance lautet ab sofort ${params.newEmail}.`
            : `Your e-mail address for My MINI Finance is now ${params.newEmail}.`,
        ),
        p(notYou(de)),
      ]
    case 'payment_reminder': {
      const c = requireContract(contract, params.kind)
      return [
        p(
          de
            ? `leider konnten wir die ${params.instalment}. Rate Ihres Vertrags ${c.number} am ${f.date(params.dueDate)} nicht abbuchen. Bitte überweisen Sie ${f.money(params.amountCents)} innerhalb von 14 Tagen oder sorgen Sie für Deckung; wir versuchen die Abbuchung dann erneut.`
            : `unfortunately we could not collect instalment ${params.instalment} of your contract ${c.number} on ${f.date(params.dueDate)}. Please transfer ${f.money(params.amountCents)} within 14 days or make sure the account is covered; we will then try again.`,
        ),
        p(
          de
            ? 'Haben Sie die Rate inzwischen bezahlt, betrachten Sie dieses Schreiben bitte als gegenstandslos.'
            : 'If you have paid meanwhile, please disregard this letter.',
        ),
      ]
    }
    case 'service_answer':
      return params.paragraphs.map((text) => p(text))
  }
}

const p = (text: string): Block => ({ type: 'paragraph', text })

const notYou = (de: boolean) =>
  de
    ? 'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an.'
    : 'Was this not you? Then please call our customer service at once.'

function quarterStart(year: number, quarter: 1 | 2 | 3 | 4): string {
  return `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`
}

function contractFacts(c: ContractRecord, ibanMasked: string | null, f: Fmt): [string, string][] {
  const { de } = f
  const plan = buildPlan(c)
  const rows: [string, string][] = [
    [de ? 'Vertragsnummer' : 'Contract number', c.number],
    [de ? 'Produkt' : 'Product', PRODUCT[c.product][f.locale]],
    [de ? 'Fahrzeug' : 'Vehicle', `${c.vehicle.make} ${c.vehicle.model}`],
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
  rows.push([
    de ? 'Abbuchung' : 'Direct debit',
    de ? `am ${c.paymentDay}. jedes Monats` : `on day ${c.paymentDay} of each month`,
  ])
  rows.push([
    de ? 'Abbuchungskonto' : 'Debit account',
    ibanMasked ?? (de ? 'nicht hinterlegt' : 'none on file'),
  ])
  return rows
}

function planTable(plan: readonly PlanRow[], f: Fmt): Block {
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
    {
      type: 'facts',
      rows: [
        [de ? 'Offener Betrag am Beginn' : 'Outstanding at the start', f.money(before)],
        [de ? 'Offener Betrag am Ende' : 'Outstanding at the end', f.money(after)],
        [
          de ? 'Bezahlte Raten gesamt' : 'Instalments paid in total',
          `${plan.filter((r) => r.dueDate < to).length} / ${plan.length}`,
        ],
      ],
    },
  ]
}
