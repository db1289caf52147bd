/**
 * DELETE /me (api.md "Deleting the account"): the customer ends the portal
 * account with the password (counted with sign-in, like every confirmation).
 * Everything of the account goes: its sessions and tokens, links, activation
 * codes, preferences and the binding to the customer record, which a future
 * registration can claim again, by activation only. The customer record, its
 * contracts and letters are the bank's and stay. An e-mail confirms it.
 */
import type { ServiceContext } from './context.ts'
import { displayName, sendAccountEmail } from './registrations.ts'
import { confirmPassword, type Principal } from './sessions.ts'

/** Deletes the signed-in customer's account once the password is confirmed. */
export async function deleteAccount(
  ctx: ServiceContext,
  principal: Principal,
  password: string,
): Promise<void> {
  await confirmPassword(ctx, principal, password)
  const deleted = await ctx.transaction(async (ctx) => {
    // Read again: a parallel deletion may have come first (then there is nothing to tell).
    const account = await ctx.repos.accounts.byId(principal.account.id)
    if (!account) return null
    // The rows of sessions, tokens, links, codes and corrections go with it (ON DELETE CASCADE).
    await ctx.repos.accounts.delete(account.id)
    await ctx.repos.failures.clear(account.email)
    return account
  })
  if (deleted) {
    await sendAccountEmail(ctx, deleted, { kind: 'account_deleted', name: displayName(deleted) })
  }
}
