/**
 * The answers to service requests (services/service-requests.ts, the demo back
 * office), from the figures snapshotted when they were filed.
 */
import type { Locale } from '../../../shared/api/auth.ts'
import { TRAVEL_COUNTRIES, type TravelCountry } from '../../../shared/api/service-requests.ts'
import { formatDate, formatPercent } from '../../../shared/format.ts'
import type { SERVICE_DOCUMENT_KINDS } from '../kinds.ts'
import {
  facts,
  monthlyOn,
  p,
  PRODUCT,
  transferFacts,
  vehicleName,
  vehicleRows,
  withContract,
  yourRequest,
  type BlocksTable,
  type ContractBlocksWriter,
} from './layout.ts'
import { planTable } from './contract-letters.ts'

const payoffQuote: ContractBlocksWriter<'payoff_quote'> = (params, c, f) => {
  const { de } = f
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

const balanceConfirmation: ContractBlocksWriter<'balance_confirmation'> = (params, c, f) => {
  const { de } = f
  const vehicle = vehicleRows(c, f)
  return [
    p(
      de
        ? `wir bestätigen Ihnen den Stand Ihres Vertrags ${c.number} zum ${f.date(params.asOf)}, vor den Buchungen dieses Tages ${yourRequest(params.reference, de)}:`
        : `we confirm the state of your contract ${c.number} as of ${f.date(params.asOf)}, before that day's bookings ${yourRequest(params.reference, de)}:`,
    ),
    facts([
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
    ] as [string, string][]),
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
}

const paymentDayChange: ContractBlocksWriter<'payment_day_change'> = (params, c, f) => {
  const { de } = f
  return [
    p(
      de
        ? `wie gewünscht ändern wir den Abbuchungstag Ihres Vertrags ${c.number} ${yourRequest(params.reference, de)}:`
        : `as you asked, we change the payment day of your contract ${c.number} ${yourRequest(params.reference, de)}:`,
    ),
    facts([
      [de ? 'Bisher' : 'Until now', monthlyOn(params.oldPaymentDay, de)],
      [de ? 'Neu' : 'New', monthlyOn(params.newPaymentDay, de)],
      [
        de ? 'Erste Abbuchung am neuen Tag' : 'First collection on the new day',
        f.date(params.effectiveFrom),
      ],
    ]),
    p(
      de
        ? 'Die Höhe Ihrer Rate bleibt gleich. Bis dahin buchen wir wie bisher ab.'
        : 'Your instalment stays the same. Until then we collect as before.',
    ),
  ]
}

const vehicleCertificateRelease: ContractBlocksWriter<'vehicle_certificate_release'> = (
  params,
  c,
  f,
) => {
  const { de } = f
  const vehicle = vehicleRows(c, f)
  return [
    p(
      de
        ? `Ihr Vertrag ${c.number} ist vollständig bezahlt. Wir geben den Typenschein Ihres Fahrzeugs frei ${yourRequest(params.reference, de)}.`
        : `Your contract ${c.number} is paid in full. We release the vehicle certificate (Typenschein) of your vehicle ${yourRequest(params.reference, de)}.`,
    ),
    facts(vehicle),
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
}

const travelPermission: ContractBlocksWriter<'travel_permission'> = (params, c, f) => {
  const { de } = f
  const vehicle = vehicleRows(c, f)
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
    facts([
      ...vehicle,
      [de ? 'Fahrer/in' : 'Driver', params.holder],
      [de ? 'Länder' : 'Countries', names(f.locale)],
      [de ? 'Zeitraum' : 'Period', period],
      ...(params.purpose
        ? [[de ? 'Reisezweck' : 'Purpose', params.purpose] as [string, string]]
        : []),
    ]),
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

const specialRepayment: ContractBlocksWriter<'special_repayment'> = (params, c, f) => {
  const { de } = f
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
    facts([
      [de ? 'Offener Betrag vorher' : 'Outstanding before', f.money(params.balanceBeforeCents)],
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
      ...(params.newEndDate
        ? [[de ? 'Vertragsende' : 'End of contract', f.date(params.newEndDate)] as [string, string]]
        : []),
      ...(params.finalAmountCents !== null
        ? [
            [
              de ? 'Schlussrate (Kapital)' : 'Final instalment (principal)',
              f.money(params.finalAmountCents),
            ] as [string, string],
          ]
        : []),
    ]),
    p(
      de
        ? `${params.keep === 'instalment' ? 'Ihre Rate bleibt gleich, Ihr Vertrag endet früher.' : 'Die Laufzeit bleibt gleich.'} ${feeSentence(params.feeCents ?? 0, f)}`
        : `${params.keep === 'instalment' ? 'Your instalment stays the same and your contract ends sooner.' : 'The term stays the same.'} ${feeSentence(params.feeCents ?? 0, f)}`,
    ),
  ]
}

/** The early repayment fee (§ 16 VKrG) as the simulator states it, or that there is none. */
function feeSentence(feeCents: number, f: { de: boolean; money(cents: number): string }): string {
  if (feeCents <= 0)
    return f.de
      ? 'Für die Sondertilgung berechnen wir keine Vorfälligkeitsentschädigung.'
      : 'We charge no early repayment fee for the special repayment.'
  return f.de
    ? `Die Vorfälligkeitsentschädigung beträgt ${f.money(feeCents)} (1 % des Betrags, 0,5 %, wenn höchstens ein Jahr Laufzeit bleibt, nie mehr als die ersparten Zinsen). Wir buchen sie mit Ihrer nächsten Rate ab.`
    : `The early repayment fee is ${f.money(feeCents)} (1 % of the amount, 0.5 % if no more than a year is left, never more than the interest saved). We collect it with your next instalment.`
}

const paymentDeferral: ContractBlocksWriter<'payment_deferral'> = (params, c, f) => {
  const { de } = f
  const count = de
    ? ['eine Rate', 'zwei Raten', 'drei Raten'][params.months - 1]
    : ['one instalment', 'two instalments', 'three instalments'][params.months - 1]
  return [
    p(
      de
        ? `wir stunden Ihnen für Ihren Vertrag ${c.number} ${count} ab ${f.date(params.firstDueDate)} ${yourRequest(params.reference, de)}. In diesen Monaten buchen wir keine Rate ab; die gestundeten Raten hängen wir an das Ende Ihres Vertrags an.`
        : `we defer ${count} from ${f.date(params.firstDueDate)} for your contract ${c.number} ${yourRequest(params.reference, de)}. We collect no instalment in those months; the deferred instalments move to the end of your contract.`,
    ),
    facts([
      [de ? 'Bisheriges Vertragsende' : 'End of contract until now', f.date(params.oldEndDate)],
      [de ? 'Neues Vertragsende' : 'New end of contract', f.date(params.newEndDate)],
      [
        de ? 'Zinsen für die gestundeten Monate' : 'Interest for the deferred months',
        f.money(params.extraInterestCents),
      ],
    ]),
    p(
      de
        ? 'Die Zinsen für die gestundeten Monate zahlen Sie mit der letzten Rate. Ihr neuer Ratenplan ab der ersten gestundeten Rate:'
        : 'You pay the interest for the deferred months with the last instalment. Your new instalment plan from the first deferred instalment:',
    ),
    planTable(params.rows, f),
    p(
      de
        ? 'Sie haben diese Vereinbarung mit Ihrem Passwort unterschrieben. Wenn sich Ihre Lage ändert, sprechen Sie uns bitte früh an.'
        : 'You signed this agreement with your password. If your situation changes, please talk to us early.',
    ),
  ]
}

/** The blocks of each answer to a service request: one entry per kind. */
export const SERVICE_ANSWERS: BlocksTable<(typeof SERVICE_DOCUMENT_KINDS)[number]> = {
  payoff_quote: withContract(payoffQuote),
  balance_confirmation: withContract(balanceConfirmation),
  payment_day_change: withContract(paymentDayChange),
  vehicle_certificate_release: withContract(vehicleCertificateRelease),
  travel_permission: withContract(travelPermission),
  special_repayment: withContract(specialRepayment),
  payment_deferral: withContract(paymentDeferral),
}
