/**
 * The bank account instalments are debited from (api.md "Profile", PUT
 * /me/bank-account): a SEPA IBAN, the account holder, the SEPA mandate
 * accepted and the password confirmed. Identified (activated) customers only:
 * redirecting the direct debit of a person not yet identified would be a gift
 * to an impostor. The IBAN is stored in full and only ever shown masked.
 */
import type { BankAccountRequest, ProfileFieldReason } from '../../shared/api/profile.ts'
import { checkAccountHolder } from '../../shared/api/profile.ts'
import { viennaDay } from '../../shared/dates.ts'
import { checkSepaIban, maskIban } from '../../shared/iban.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import { ApiError, validationFailed } from '../errors.ts'
import { activatedCustomerId } from './activation.ts'
import type { ServiceContext } from './context.ts'
import { fileChangeConfirmation } from './documents.ts'
import { SEPA_CREDITOR_ID } from './service-catalogue.ts'
import {
  claimProfileVersion,
  ifMatchAllows,
  loadProfile,
  preconditionFailed,
  type ProfileState,
} from './profile.ts'
import { displayName, sendAccountEmail } from './registrations.ts'
import { confirmPassword, type Principal } from './sessions.ts'

/** The mandate reference (at most 35 characters, SEPA): customer number and a running number. */
async function mandateReference(ctx: ServiceContext, customer: CustomerRecord): Promise<string> {
  const next = (await ctx.repos.customers.mandateCount(customer.id)) + 1
  return `MMF-${customer.customerNumber}-${String(next).padStart(3, '0')}`
}

/** PUT /me/bank-account. */
export async function changeBankAccount(
  ctx: ServiceContext,
  principal: Principal,
  input: BankAccountRequest,
  ifMatch: string | undefined,
): Promise<ProfileState> {
  const customerId = activatedCustomerId(principal)
  const { account } = principal
  const fields: Record<string, ProfileFieldReason> = {}
  const iban = checkSepaIban(input.iban)
  if (!iban.ok) fields.iban = iban.problem
  const holder = checkAccountHolder(input.accountHolder)
  if (!holder.ok) fields.accountHolder = holder.reason
  if (!iban.ok || !holder.ok) {
    throw validationFailed(fields)
  }
  // Stale before the password is even checked: no need to ask for it.
  const before = await loadProfile(ctx, account.id)
  if (!ifMatchAllows(ifMatch, before.etag)) throw preconditionFailed()
  await confirmPassword(ctx, principal, input.password)

  const customer = await ctx.repos.customers.byId(customerId)
  if (!customer) throw new ApiError(403, 'activation_required', 'Not identified.')
  const now = ctx.clock.now()
  let reference = ''
  await ctx.transaction(async (ctx) => {
    // The version checked above: a change that came in during the password check wins.
    await claimProfileVersion(ctx, before, ifMatch)
    reference = await mandateReference(ctx, customer)
    await ctx.repos.customers.replaceBankAccount(
      customerId,
      {
        reference,
        iban: iban.iban,
        accountHolder: holder.accountHolder,
      },
      now,
    )
  })
  const ibanMasked = maskIban(iban.iban)
  await fileChangeConfirmation(ctx, customer, {
    kind: 'bank_account_change',
    ibanMasked,
    accountHolder: holder.accountHolder,
    mandate: { reference, signedOn: viennaDay(now), creditorId: SEPA_CREDITOR_ID },
  })
  await sendAccountEmail(ctx, account, {
    kind: 'bank_account_changed',
    name: displayName(account),
    ibanMasked,
    accountHolder: holder.accountHolder,
  })
  return await loadProfile(ctx, account.id)
}
