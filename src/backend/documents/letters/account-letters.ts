/**
 * The letters about the customer's account: the activation code's copy, the
 * confirmations of a new address, bank account or e-mail address, and the
 * free-text answers of customer service.
 */
import { facts, notYou, p, type BlocksTable, type BlocksWriter } from './layout.ts'

type AccountLetterKind =
  'activation_letter' | 'address_change' | 'bank_account_change' | 'email_change' | 'service_answer'

const activationLetter: BlocksWriter<'activation_letter'> = (params, _contract, f) => {
  const { de } = f
  return [
    p(
      de
        ? 'mit getrennter Post haben wir Ihnen Ihren persönlichen Aktivierungscode für My MINI Finance geschickt. Aus Sicherheitsgründen steht der Code nur im Brief, nicht in dieser Kopie.'
        : 'we have sent you your personal activation code for My MINI Finance by post. For your security the code is only in the letter, not in this copy.',
    ),
    facts([
      [de ? 'Aktivierungscode' : 'Activation code', '••••-••••-••••'],
      [de ? 'Gültig bis' : 'Valid until', f.date(params.validUntil)],
    ]),
  ]
}

const addressChange: BlocksWriter<'address_change'> = (params, _contract, f) => {
  const { de } = f
  return [
    p(de ? 'wir haben Ihre neue Adresse gespeichert:' : 'we have saved your new address:'),
    facts([
      [de ? 'Neue Adresse' : 'New address', params.newAddress.join('\n')],
      [de ? 'Bisherige Adresse' : 'Previous address', params.oldAddress.join('\n')],
    ]),
    p(notYou(de)),
  ]
}

const bankAccountChange: BlocksWriter<'bank_account_change'> = (params, _contract, f) => {
  const { de } = f
  return [
    p(
      de
        ? 'wir haben Ihre neue Bankverbindung und das SEPA-Lastschriftmandat gespeichert. Die nächste Rate und alle weiteren buchen wir von diesem Bankkonto ab:'
        : 'we have saved your new bank details and the SEPA direct debit mandate. We collect the next instalment and all later ones from this bank account:',
    ),
    facts([
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
              de ? 'SEPA-Basislastschrift, wiederkehrend' : 'SEPA Core direct debit, recurrent',
            ],
          ] as [string, string][])
        : []),
    ]),
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
}

const emailChange: BlocksWriter<'email_change'> = (params, _contract, f) => {
  const { de } = f
  return [
    p(
      de
        ? `Ihre E-Mail-Adresse für My MINI Finance lautet ab sofort ${params.newEmail}.`
        : `Your e-mail address for My MINI Finance is now ${params.newEmail}.`,
    ),
    p(notYou(de)),
  ]
}

/** The blocks of each letter about the account: one entry per kind. */
export const ACCOUNT_LETTERS: BlocksTable<AccountLetterKind> = {
  activation_letter: activationLetter,
  address_change: addressChange,
  bank_account_change: bankAccountChange,
  email_change: emailChange,
  service_answer: (params) => params.paragraphs.map((text) => p(text)),
}
