/**
 * How every part of the demo data is written once per database, written once:
 * a settings key marks the part done. The key is read before anything else (a
 * seeded database does no work) and again inside the transaction, since another
 * node starting at the same time may have seeded meanwhile.
 */
import type { ServiceContext } from '../services/context.ts'

/**
 * Runs `write` in a transaction unless `key` says it ran already, then sets `key`
 * to the time; answers whether it wrote. `prepare` does the slow work that needs
 * no transaction (password hashes) before it opens.
 */
export async function seedOnce(
  ctx: ServiceContext,
  key: string,
  write: (ctx: ServiceContext, now: Date) => Promise<void>,
  prepare?: () => Promise<void>,
): Promise<boolean> {
  if (await ctx.repos.settings.get(key)) return false
  const now = ctx.clock.now()
  await prepare?.()
  return ctx.transaction(async (ctx) => {
    if (await ctx.repos.settings.get(key)) return false
    await write(ctx, now)
    await ctx.repos.settings.set(key, now.toISOString())
    return true
  })
}
