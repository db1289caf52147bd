/**
 * What each kind of document says, in German or English, from its snapshot
 * and the contract's fixed terms (the plan is computed, never typed in).
 */
import type { Locale } from '../../shared/api/auth.ts'
import { TRAVEL_COUNTRIES, type TravelCountry } from '../../shared/api/service-requests.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import { addDays, addMonths } from '../../shared/dates.ts'
import {
  formatDate,
  formatDayOfMonth,
  formatInteger,
  formatMoney,
  formatPercent,
} from '../../shared/format.ts'
import { letterSalutation } from '../../shared/greeting.ts'
import { buildPlan, effectiveRatePct, regularInstalment, type PlanRow } from '../contracts/plan.ts'
import type { ContractRecord } from '../contracts/contract-record.ts'
import {
  SERVICE_DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentParams,
  type DocumentSpec,
  type TransferDetails,
} from './kinds.ts'
import type { Block, LetterContent } from './pdf-letter.ts'

type Words = Record<Locale, string>

const PRODUCT: Record<ContractRecord['product'], Words> = {
  loan: { de: 'Kredit', en: 'Loan' },
  leasing: { de: 'Leasing', en: 'Leasing' },
  balloon: { de: 'Ballonfinanzierung', en: 'Balloon financing' },
}

/**
 * The document's title in a language: the postbox list's (in the customer's
 * language, whatever the letter's), the PDF's (in the letter's language).
 */
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
      if (params.reference === undefined) return params.subject
      return de ? `Ihre Anfrage ${params.reference}` : `Your request ${params.reference}`
    case 'payoff_quote':
      return de ? `Ablöseangebot${number}` : `Payoff quote${number}`
    case 'balance_confirmation':
      return de
        ? `Saldobestätigung zum ${formatDate(params.asOf, 'de')}${number}`
        : `Balance confirmation as of ${formatDate(params.asOf, 'en')}${number}`
    case 'payment_day_change':
      return de
        ? `Bestätigung Ihres neuen Abbuchungstags${number}`
        : `Confirmation of your new payment day${number}`
    case 'vehicle_certificate_release':
      return de
        ? `Freigabe des Typenscheins${number}`
        : `Release of the vehicle certificate${number}`
    case 'travel_permission':
      return de
        ? `Genehmigung für Fahrten ins Ausland${number}`
        : `Permission to travel abroad${number}`
    case 'special_repayment':
      return de
        ? `Bestätigung Ihrer Sondertilgung${number}`
        : `Confirmation of your special repayment${number}`
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
    blocks: opening(blocksOf(params, contract, { de, money, date, locale }), locale),
    closing: de
      ? ['Mit freundlichen Grüßen', 'Ihr Team von MINI Financial Services']
      : ['Kind regards', 'Your MINI Financial Services team'],
    support,
  }
}

function salutationLine({ addressee, locale }: DocumentSpec): string {
  return letterSalutation(addressee, locale)
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
            ? `herzlich willkommen bei MINI Financial Services und viel Freude mit Ihrem ${vehicleName(c, 'de')}! Ihr Vertrag ${c.number} beginnt am ${f.date(c.startDate)}.`
            : `welcome to MINI Financial Services, and enjoy your ${vehicleName(c, 'en')}! Your contract ${c.number} starts on ${f.date(c.startDate)}.`,
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
            ? 'In My MINI Finance sehen Sie Ihren Vertrag, Ihren Ratenplan und alle Dokumente zu Ihrem Vertrag jederzeit online.'
            : 'In My MINI Finance you can see your contract, your instalment plan and every document about it online at any time.',
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
            ? 'wir haben Ihre neue Bankverbindung und das SEPA-Lastschriftmandat gespeichert. Die nächste Rate und alle weiteren buchen wir von diesem Bankkonto ab:'
            : 'we have saved your new bank details and the SEPA direct debit mandate. We collect the next instalment and all later ones from this bank account:',
        ),
        {
          type: 'facts',
          rows: [
            ['IBAN', params.ibanMasked],
            [de ? 'Kontoinhaber/in' : 'Account holder', params.accountHolder],
            ...(params.mandate
              ? ([
                  [de ? 'Mandatsreferenz' : 'Mandate reference', params.mandate.reference],
                  [
                    de ? 'Gläubiger-Identifikationsnummer' : 'Creditor identifier',
                    params.mandate.creditorId,
                  ],
                  [de ? 'Mandat erteilt am' : 'Mandate given on', f.date(params.mandate.signedOn)],
                  [
                    de ? 'Art der Lastschrift' : 'Type of direct debit',
                    de
                      ? 'SEPA-Basislastschrift, wiederkehrend'
                      : 'SEPA Core direct debit, recurrent',
                  ],
                ] as [string, string][])
              : []),
          ],
        },
        ...(params.mandate
          ? [
              p(
                de
                  ? `SEPA-Lastschriftmandat: Sie haben die BMW Austria Bank GmbH (MINI Financial Services) ermächtigt, Zahlungen von Ihrem Konto mittels Lastschrift einzuziehen, und Ihr Kreditinstitut angewiesen, diese Lastschriften einzulösen. Sie können innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrags verlangen; es gelten die mit Ihrem Kreditinstitut vereinbarten Bedingungen.`
                  : `SEPA direct debit mandate: you have authorised BMW Austria Bank GmbH (MINI Financial Services) to collect payments from your account by direct debit and instructed your bank to pay these direct debits. You are entitled to a refund from your bank within eight weeks of the debit date under the terms agreed with your bank.`,
              ),
            ]
          : []),
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
            ? 'Haben Sie die Rate inzwischen bezahlt, betrachten Sie diesen Brief bitte als gegenstandslos.'
            : 'If you have paid meanwhile, please disregard this letter.',
        ),
      ]
    }
    case 'service_answer':
      return params.paragraphs.map((text) => p(text))
    case 'payoff_quote':
    case 'balance_confirmation':
    case 'payment_day_change':
    case 'vehicle_certificate_release':
    case 'travel_permission':
    case 'special_repayment':
      return serviceAnswerBlocks(params, requireContract(contract, params.kind), f)
  }
}

type ServiceAnswerParams = Extract<
  DocumentParams,
  { kind: (typeof SERVICE_DOCUMENT_KINDS)[number] }
>

const yourRequest = (reference: string, de: boolean) =>
  de ? `(Ihre Anfrage ${reference})` : `(your request ${reference})`

const monthlyOn = (day: number, de: boolean) =>
  de ? `am ${day}. jeden Monats` : `on the ${formatDayOfMonth(day, 'en')} of each month`

function transferFacts(
  transfer: TransferDetails,
  amountCents: number,
  until: string,
  f: Fmt,
): Block {
  const { de } = f
  return {
    type: 'facts',
    rows: [
      [de ? 'Betrag' : 'Amount', f.money(amountCents)],
      [de ? 'Empfänger' : 'Payee', transfer.accountHolder],
      ['IBAN', transfer.iban.replace(/(.{4})(?=.)/g, '$1 ')],
      ['BIC', transfer.bic],
      [de ? 'Verwendungszweck' : 'Payment reference', transfer.paymentReference],
      [de ? 'Eingang bis' : 'To arrive by', f.date(until)],
    ],
  }
}

/** The answers to service requests, from the figures snapshotted when they were filed. */
function serviceAnswerBlocks(params: ServiceAnswerParams, c: ContractRecord, f: Fmt): Block[] {
  const { de } = f
  const vehicle: [string, string][] = [
    [de ? 'Fahrzeug' : 'Vehicle', vehicleName(c, f.locale)],
    [de ? 'Kennzeichen' : 'Registration plate', c.vehicle.registrationPlate],
    [de ? 'Fahrgestellnummer' : 'VIN', c.vehicle.vin],
  ]
  switch (params.kind) {
    case 'payoff_quote': {
      const paid = params.instalmentsPaid
      const rate = formatPercent(params.feeRateBp / 100, f.locale)
      return [
        p(
          de
            ? `gerne nennen wir Ihnen den Betrag, mit dem Sie Ihren Vertrag ${c.number} am ${f.date(params.payoffDate)} vollständig zurückzahlen ${yourRequest(params.reference, de)}.`
            : `here is the amount with which you repay your contract ${c.number} in full on ${f.date(params.payoffDate)} ${yourRequest(params.reference, de)}.`,
        ),
        {
          type: 'table',
          columns: [
            { label: de ? 'Position' : 'Item', width: 70 },
            { label: de ? 'Betrag' : 'Amount', width: 22, align: 'right' },
          ],
          rows: [
            [
              paid === 0
                ? de
                  ? 'Offenes Kapital (noch keine Rate fällig)'
                  : 'Principal outstanding (no instalment due yet)'
                : de
                  ? `Offenes Kapital nach der ${paid}. Rate`
                  : `Principal outstanding after instalment ${paid}`,
              f.money(params.principalCents),
            ],
            [
              de
                ? `Zinsen vom ${f.date(params.interestFrom)} bis ${f.date(params.payoffDate)} (${params.interestDays} Tage, 30/360)`
                : `Interest from ${f.date(params.interestFrom)} to ${f.date(params.payoffDate)} (${params.interestDays} days, 30/360)`,
              f.money(params.interestCents),
            ],
            [
              de
                ? `Vorfälligkeitsentschädigung (${rate} des Kapitals, § 16 VKrG)`
                : `Early repayment fee (${rate} of the principal, § 16 VKrG)`,
              f.money(params.feeCents),
            ],
          ],
          total: [de ? 'Ablösebetrag' : 'Payoff amount', f.money(params.totalCents)],
        },
        ...(c.product === 'leasing'
          ? [
              p(
                de
                  ? `Der Betrag enthält den Restwert von ${f.money(c.finalAmountCents)}: Mit der Zahlung kaufen Sie das Fahrzeug.`
                  : `The amount includes the residual value of ${f.money(c.finalAmountCents)}: with the payment you buy the vehicle.`,
              ),
            ]
          : []),
        p(
          de
            ? 'Bitte überweisen Sie den Ablösebetrag auf dieses Konto:'
            : 'Please transfer the payoff amount to this account:',
        ),
        transferFacts(params.transfer, params.totalCents, params.payoffDate, f),
        p(
          de
            ? `Dieses Angebot ist gültig bis ${f.date(params.payoffDate)}. Es setzt voraus, dass die Raten bis dahin wie vereinbart abgebucht werden. Geht Ihre Zahlung später ein, fordern Sie bitte ein neues Angebot an. Nach Eingang senden wir Ihnen den Typenschein zu.`
            : `This quote is valid until ${f.date(params.payoffDate)}. It assumes that the instalments up to then are collected as agreed. If your payment arrives later, please request a new quote. Once it has arrived, we send you the vehicle certificate (Typenschein).`,
        ),
      ]
    }
    case 'balance_confirmation':
      return [
        p(
          de
            ? `wir bestätigen Ihnen den Stand Ihres Vertrags ${c.number} zum ${f.date(params.asOf)}, vor den Buchungen dieses Tages ${yourRequest(params.reference, de)}:`
            : `we confirm the state of your contract ${c.number} as of ${f.date(params.asOf)}, before that day's bookings ${yourRequest(params.reference, de)}:`,
        ),
        {
          type: 'facts',
          rows: [
            [de ? 'Produkt' : 'Product', PRODUCT[c.product][f.locale]],
            ...vehicle.slice(0, 2),
            [de ? 'Offener Betrag' : 'Outstanding balance', f.money(params.balanceCents)],
            [
              de ? 'Bezahlte Raten' : 'Instalments paid',
              de
                ? `${params.instalmentsPaid} von ${params.instalments}`
                : `${params.instalmentsPaid} of ${params.instalments}`,
            ],
            ...(c.product === 'leasing' && params.balanceCents > 0
              ? [[de ? 'davon Restwert' : 'of which residual value', f.money(c.finalAmountCents)]]
              : []),
          ] as [string, string][],
        },
        p(
          params.balanceCents === 0
            ? de
              ? 'Ihr Vertrag ist vollständig bezahlt.'
              : 'Your contract is paid in full.'
            : de
              ? 'Der offene Betrag ist das Kapital, das nach den bis dahin abgebuchten Raten noch zurückzuzahlen ist. Künftige Zinsen sind nicht enthalten.'
              : 'The outstanding balance is the principal still to be repaid after the instalments collected until then. Future interest is not included.',
        ),
      ]
    case 'payment_day_change':
      return [
        p(
          de
            ? `wie gewünscht ändern wir den Abbuchungstag Ihres Vertrags ${c.number} ${yourRequest(params.reference, de)}:`
            : `as you asked, we change the payment day of your contract ${c.number} ${yourRequest(params.reference, de)}:`,
        ),
        {
          type: 'facts',
          rows: [
            [de ? 'Bisher' : 'Until now', monthlyOn(params.oldPaymentDay, de)],
            [de ? 'Neu' : 'New', monthlyOn(params.newPaymentDay, de)],
            [
              de ? 'Erste Abbuchung am neuen Tag' : 'First collection on the new day',
              f.date(params.effectiveFrom),
            ],
          ],
        },
        p(
          de
            ? 'Die Höhe Ihrer Rate bleibt gleich. Bis dahin buchen wir wie bisher ab.'
            : 'Your instalment stays the same. Until then we collect as before.',
        ),
      ]
    case 'vehicle_certificate_release':
      return [
        p(
          de
            ? `Ihr Vertrag ${c.number} ist vollständig bezahlt. Wir geben den Typenschein Ihres Fahrzeugs frei ${yourRequest(params.reference, de)}.`
            : `Your contract ${c.number} is paid in full. We release the vehicle certificate (Typenschein) of your vehicle ${yourRequest(params.reference, de)}.`,
        ),
        { type: 'facts', rows: vehicle },
        params.delivery === 'post'
          ? p(
              de
                ? `Wir senden ihn per Einschreiben an: ${params.address.join(', ')}. Er kommt in wenigen Tagen.`
                : `We send it by registered post to: ${params.address.join(', ')}. It will arrive within a few days.`,
            )
          : p(
              de
                ? 'Sie können ihn ab sofort in unserem Kundencenter abholen: Siegfried-Marcus-Straße 24, 5020 Salzburg, zu den Zeiten unserer Kundenbetreuung. Bitte bringen Sie einen Lichtbildausweis mit.'
                : 'You can collect it from our customer centre now: Siegfried-Marcus-Straße 24, 5020 Salzburg, during our customer service hours. Please bring photo ID.',
            ),
      ]
    case 'travel_permission': {
      const names = (locale: Locale) =>
        params.countries
          .map((code) => TRAVEL_COUNTRIES[code as TravelCountry]?.[locale] ?? code)
          .join(', ')
      const period = `${f.date(params.from)} – ${f.date(params.to)}`
      return [
        p(
          de
            ? `als Eigentümerin des Fahrzeugs genehmigen wir Ihnen, damit in diese Länder zu fahren ${yourRequest(params.reference, de)}:`
            : `as the owner of the vehicle, we permit you to take it to these countries ${yourRequest(params.reference, de)}:`,
        ),
        {
          type: 'facts',
          rows: [
            ...vehicle,
            [de ? 'Fahrer/in' : 'Driver', params.holder],
            [de ? 'Länder' : 'Countries', names(f.locale)],
            [de ? 'Zeitraum' : 'Period', period],
            ...(params.purpose
              ? [[de ? 'Reisezweck' : 'Purpose', params.purpose] as [string, string]]
              : []),
          ],
        },
        p(
          de
            ? 'Bitte führen Sie diesen Brief während der Reise im Fahrzeug mit, zusammen mit dem Zulassungsschein und der Grünen Karte Ihrer Versicherung.'
            : 'Please keep this letter in the vehicle during the trip, together with the registration certificate and your insurer’s green card.',
        ),
        // For border and police officers abroad, the German letter says it in English too.
        ...(de
          ? [
              p(
                `Authorisation: MINI Financial Services, owner of the vehicle ${vehicleName(c, 'en')} (VIN ${c.vehicle.vin}, registration ${c.vehicle.registrationPlate}), authorises ${params.holder} to take it to ${names('en')} from ${formatDate(params.from, 'en')} to ${formatDate(params.to, 'en')}.`,
              ),
            ]
          : []),
      ]
    }
    case 'special_repayment':
      return [
        p(
          de
            ? `gerne nehmen wir Ihre Sondertilgung für Ihren Vertrag ${c.number} an ${yourRequest(params.reference, de)}. Bitte überweisen Sie den Betrag auf dieses Konto:`
            : `we are glad to accept your special repayment for your contract ${c.number} ${yourRequest(params.reference, de)}. Please transfer the amount to this account:`,
        ),
        transferFacts(params.transfer, params.amountCents, params.bookedOn, f),
        p(
          de
            ? `Mit dem Eingang bis ${f.date(params.bookedOn)} ändert sich Ihr Vertrag so:`
            : `Once it has arrived by ${f.date(params.bookedOn)}, your contract changes as follows:`,
        ),
        {
          type: 'facts',
          rows: [
            [
              de ? 'Offener Betrag vorher' : 'Outstanding before',
              f.money(params.balanceBeforeCents),
            ],
            [de ? 'Sondertilgung' : 'Special repayment', f.money(params.amountCents)],
            [de ? 'Offener Betrag danach' : 'Outstanding after', f.money(params.balanceAfterCents)],
            [de ? 'Bisherige Rate' : 'Instalment until now', f.money(params.oldInstalmentCents)],
            ...(params.newInstalmentCents !== null
              ? [
                  [
                    de ? 'Neue monatliche Rate' : 'New monthly instalment',
                    f.money(params.newInstalmentCents),
                  ] as [string, string],
                ]
              : []),
            [de ? 'Verbleibende Raten' : 'Instalments remaining', String(params.remainingPayments)],
            ...(params.finalAmountCents !== null
              ? [
                  [
                    de ? 'Schlussrate (Kapital)' : 'Final instalment (principal)',
                    f.money(params.finalAmountCents),
                  ] as [string, string],
                ]
              : []),
          ],
        },
        p(
          de
            ? 'Die Laufzeit bleibt gleich. Für die Sondertilgung berechnen wir keine Entschädigung.'
            : 'The term stays the same. We charge no fee for the special repayment.',
        ),
      ]
  }
}

const p = (text: string): Block => ({ type: 'paragraph', text })

/** Make and model in the letter's language ("MINI Cooper SE 3-door"). */
const vehicleName = (c: ContractRecord, locale: Locale) =>
  `${c.vehicle.make} ${c.vehicle.model[locale]}`

/**
 * The first paragraph after the salutation: German goes on in lower case after
 * "Sehr geehrte Frau Huber," (the texts are written so); English starts with a
 * capital after "Dear Ms Huber,".
 */
function opening(blocks: Block[], locale: Locale): Block[] {
  const [first, ...rest] = blocks
  if (locale === 'de' || first?.type !== 'paragraph') return blocks
  return [{ ...first, text: first.text.charAt(0).toUpperCase() + first.text.slice(1) }, ...rest]
}

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
