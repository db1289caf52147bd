/**
 * The profile (api.md "Profile"): GET and PATCH /me with a strong ETag, and
 * what the e-mail and bank-account changes share (the precondition).
 *
 * The profile joins the online account (e-mail, preferences) and, once the
 * customer is identified (activated), the bank's customer record (address,
 * phone, bank account). Every change increments the account's profile version
 * in the same transaction, compare-and-set against the version the caller's
 * If-Match named, so that of parallel writers with one ETag exactly one wins.
 */
import { createHash } from 'node:crypto'
import type { FieldReason } from '../../shared/errors.ts'
import { maskIban } from '../../shared/iban.ts'
import {
  ADDRESS_CHANGES_PER_DAY,
  checkAddress,
  isSupportedCountry,
  type Address,
  type ProfileCustomer,
  type ProfilePatch,
} from '../../shared/api/profile.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import type { CustomerRecord, PostalAddress } from '../db/repositories/customers-repository.ts'
import { ApiError, validationFailed } from '../errors.ts'
import { addressBlock, addressChangeLetter, postalRecipient } from '../outbox/letters.ts'
import type { ServiceContext } from './context.ts'
import { fileChangeConfirmation } from './documents.ts'
import { DAY_SECONDS, enforcePersistedLimit, windowStart } from './persisted-limit.ts'
import type { RateLimit } from './rate-limiter.ts'
import { displayName, sendAccountEmail } from './registrations.ts'
import { confirmPassword, type Principal } from './sessions.ts'

/** The profile as answered, its version and its ETag. */
export interface ProfileState {
  account: Account
  customer: CustomerRecord | null
  profile: ProfileCustomer
  version: number
  etag: string
}

export const preconditionFailed = (): ApiError =>
  new ApiError(
    412,
    'precondition_failed',
    'Your data was changed elsewhere in the meantime. Please load it again.',
  )

const activationRequired = (): ApiError =>
  new ApiError(
    403,
    'activation_required',
    'Please enter the activation code from our letter first.',
  )

/** The customer record once the account is identified; null before. */
async function identifiedCustomer(
  ctx: ServiceContext,
  account: Account,
): Promise<CustomerRecord | null> {
  if (account.activatedAt === null || account.customerId === null) return null
  return await ctx.repos.customers.byId(account.customerId)
}

/**
 * What GET /me shows. Before activation only what the registrant typed and
 * the account's own settings: the bank's record (address, phone, bank account)
 * is shown to an identified customer only.
 */
function representation(account: Account, customer: CustomerRecord | null): ProfileCustomer {
  const person = customer ?? account
  return {
    salutation: person.salutation,
    firstName: person.firstName,
    lastName: person.lastName,
    dateOfBirth: person.dateOfBirth,
    customerNumber: person.customerNumber,
    email: account.email,
    phone: customer?.phone ?? null,
    address: customer
      ? {
          street: customer.street,
          houseNumber: customer.houseNumber,
          postalCode: customer.postalCode,
          city: customer.city,
          country: customer.country,
        }
      : null,
    bankAccount:
      customer?.iban && customer.accountHolder
        ? { ibanMasked: maskIban(customer.iban), accountHolder: customer.accountHolder }
        : null,
    preferences: {
      locale: account.locale,
      paperless: account.paperless,
      marketingConsent: account.marketingConsentAt !== null,
      notifications: {
        emailReminders: account.notifyEmailReminders,
        desktop: account.notifyDesktop,
      },
    },
    activated: account.activatedAt !== null,
  }
}

/**
 * A strong ETag from the version and the representation: it changes with every
 * profile change (the version) and with anything else the answer shows (the
 * activation, which does not go through the profile).
 */
function etagOf(version: number, profile: ProfileCustomer): string {
  const digest = createHash('sha256')
    .update(`${version}\n${JSON.stringify(profile)}`)
    .digest('base64url')
  return `"${digest.slice(0, 32)}"`
}

/** The current profile of an account, read fresh from the database. */
export async function loadProfile(ctx: ServiceContext, accountId: number): Promise<ProfileState> {
  const account = await ctx.repos.accounts.byId(accountId)
  // The session's account exists (it was just authenticated); be strict anyway.
  if (!account) throw new ApiError(401, 'unauthenticated', 'Please sign in.')
  const customer = await identifiedCustomer(ctx, account)
  const profile = representation(account, customer)
  return {
    account,
    customer,
    profile,
    version: account.profileVersion,
    etag: etagOf(account.profileVersion, profile),
  }
}

/**
 * If-Match (RFC 9110 §13.1.1) with the strong comparison: absent or `*` lets
 * the change through; otherwise one of the listed tags must be the current one.
 */
export function ifMatchAllows(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true
  const value = header.trim()
  if (value === '*') return true
  return value
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => !tag.startsWith('W/') && tag === etag)
}

/**
 * Counts the profile change: compare-and-set against the version the caller's
 * If-Match was checked against, unconditional without If-Match. Inside the
 * change's transaction, so a lost race rolls the change back.
 */
export async function claimProfileVersion(
  ctx: ServiceContext,
  state: ProfileState,
  ifMatch: string | undefined,
): Promise<void> {
  const expected = ifMatch === undefined ? undefined : state.version
  if (!(await ctx.repos.accounts.bumpProfileVersion(state.account.id, expected))) {
    throw preconditionFailed()
  }
}

/** GET /me. */
export async function getProfile(ctx: ServiceContext, principal: Principal): Promise<ProfileState> {
  return await loadProfile(ctx, principal.account.id)
}

const sameAddress = (a: PostalAddress, b: PostalAddress): boolean =>
  a.street === b.street &&
  a.houseNumber === b.houseNumber &&
  a.postalCode === b.postalCode &&
  a.city === b.city &&
  a.country === b.country

/** Per customer: one session must not grow the database (and the post) at will. */
const ADDRESS_CHANGE_LIMIT: RateLimit = { max: ADDRESS_CHANGES_PER_DAY, windowSeconds: DAY_SECONDS }

/** 429 once the customer's address changed ADDRESS_CHANGES_PER_DAY times in 24 hours. */
async function limitAddressChanges(
  ctx: ServiceContext,
  customerId: number,
  now: Date,
): Promise<void> {
  enforcePersistedLimit(
    await ctx.repos.addressChanges.nthNewestSince(
      customerId,
      windowStart(now, ADDRESS_CHANGE_LIMIT),
      ADDRESS_CHANGE_LIMIT.max,
    ),
    ADDRESS_CHANGE_LIMIT,
    now,
  )
}

/** Who hears of an address change: the customer by e-mail, the old and the new address by post. */
async function announceAddressChange(
  ctx: ServiceContext,
  account: Account,
  before: CustomerRecord,
  after: CustomerRecord,
): Promise<void> {
  const newAddress = addressBlock(after, after.locale)
  await fileChangeConfirmation(ctx, after, {
    kind: 'address_change',
    oldAddress: addressBlock(before, after.locale),
    newAddress,
  })
  await sendAccountEmail(ctx, account, {
    kind: 'address_changed',
    name: displayName(account),
    newAddress,
  })
  const date = ctx.clock.now()
  for (const [to, record] of [
    ['old', { ...before, locale: after.locale }],
    ['new', after],
  ] as const) {
    const letter = addressChangeLetter({ customer: record, to, date, support: ctx.config.support })
    await ctx.outbox.send({ kind: 'letter', to: postalRecipient(record), ...letter })
  }
}

/**
 * PATCH /me. Until activated only `preferences.locale` (the app's language)
 * and `preferences.notifications` (how the app tells of news) may change: the activation letter goes to the address on file, and consent
 * or paperless given by a person not yet identified is worth nothing. An
 * address change needs the password (counted with sign-in), at most
 * ADDRESS_CHANGES_PER_DAY a day; the customer is told by e-mail and both
 * addresses by letter. Checked in this order: body, activation, If-Match, the
 * limit, the password.
 */
export async function updateProfile(
  ctx: ServiceContext,
  principal: Principal,
  patch: ProfilePatch,
  ifMatch: string | undefined,
): Promise<ProfileState> {
  const { account } = principal
  const identified = account.activatedAt !== null && account.customerId !== null
  const { locale, paperless, marketingConsent, notifications } = patch.preferences ?? {}
  // The password alone changes nothing (as `{}` does not).
  if (patch.phone === undefined && patch.address === undefined && !patch.preferences) {
    throw validationFailed({ body: 'invalid_value' })
  }
  if (
    !identified &&
    (patch.phone !== undefined ||
      patch.address !== undefined ||
      paperless !== undefined ||
      marketingConsent !== undefined)
  ) {
    throw activationRequired()
  }
  const fields: Record<string, FieldReason> = {}
  let address: Address | undefined
  if (patch.address) {
    const checked = checkAddress(patch.address)
    if (checked.ok) address = checked.address
    else Object.assign(fields, checked.fields)
    // Letters, and the Typenschein, go to the address: a stolen session must not move them.
    if (patch.password === undefined) fields.password = 'required'
  }
  let phone: string | null | undefined = patch.phone === null ? null : undefined
  if (typeof patch.phone === 'string') {
    // A national number ("0664 …") is read in the country of the (new) address.
    const country = address?.country ?? (await identifiedCustomer(ctx, account))?.country ?? 'AT'
    // The numbering plans (libphonenumber-js) load with the first number, not at start.
    const { checkPhoneNumber } = await import('../../shared/phone.ts')
    const checked = checkPhoneNumber(patch.phone, isSupportedCountry(country) ? country : 'AT')
    if (checked.ok) phone = checked.e164
    else fields.phone = checked.problem
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields)

  if (patch.password !== undefined) {
    // Stale before the password is even checked: no need to ask for it.
    if (!ifMatchAllows(ifMatch, (await loadProfile(ctx, account.id)).etag))
      throw preconditionFailed()
    if (address && account.customerId !== null) {
      await limitAddressChanges(ctx, account.customerId, ctx.clock.now())
    }
    await confirmPassword(ctx, principal, patch.password)
  }

  const now = ctx.clock.now()
  const addressChange = await ctx.transaction(async (ctx) => {
    const before = await loadProfile(ctx, account.id)
    if (!ifMatchAllows(ifMatch, before.etag)) throw preconditionFailed()
    const customer = before.customer
    const phoneChanged = phone !== undefined && customer !== null && phone !== customer.phone
    const addressChanged =
      address !== undefined && customer !== null && !sameAddress(address, customer)
    const next = {
      locale: locale ?? before.account.locale,
      paperless: paperless ?? before.account.paperless,
      // Consent keeps the instant it was first given; withdrawing it forgets it.
      marketingConsentAt:
        marketingConsent === undefined
          ? before.account.marketingConsentAt
          : marketingConsent
            ? (before.account.marketingConsentAt ?? now.toISOString())
            : null,
    }
    const preferencesChanged =
      next.locale !== before.account.locale ||
      next.paperless !== before.account.paperless ||
      next.marketingConsentAt !== before.account.marketingConsentAt
    const notify = {
      notifyEmailReminders: notifications?.emailReminders ?? before.account.notifyEmailReminders,
      notifyDesktop: notifications?.desktop ?? before.account.notifyDesktop,
    }
    const notificationsChanged =
      notify.notifyEmailReminders !== before.account.notifyEmailReminders ||
      notify.notifyDesktop !== before.account.notifyDesktop
    // Nothing to change is no change: the ETag stays.
    if (!phoneChanged && !addressChanged && !preferencesChanged && !notificationsChanged)
      return null
    await claimProfileVersion(ctx, before, ifMatch)
    if (preferencesChanged) await ctx.repos.accounts.setPreferences(account.id, next)
    if (notificationsChanged)
      await ctx.repos.accounts.setNotificationPreferences(account.id, notify)
    if (customer) {
      // The customer's letters follow the language of the account.
      if (next.locale !== customer.locale)
        await ctx.repos.customers.setLocale(customer.id, next.locale)
      if (phoneChanged && phone !== undefined)
        await ctx.repos.customers.setPhone(customer.id, phone)
      if (addressChanged && address) {
        // Again inside the transaction: of parallel changes none gets past the limit.
        await limitAddressChanges(ctx, customer.id, now)
        await ctx.repos.customers.setAddress(customer.id, address)
        await ctx.repos.addressChanges.record(customer.id, account.id, now)
      }
    }
    return addressChanged && customer ? customer : null
  })
  if (addressChange) {
    const updated = (await ctx.repos.customers.byId(addressChange.id)) ?? addressChange
    // In the language chosen in the same PATCH, like the letters.
    const told = (await ctx.repos.accounts.byId(account.id)) ?? account
    await announceAddressChange(ctx, told, addressChange, updated)
  }
  return await loadProfile(ctx, account.id)
}
