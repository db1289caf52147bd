/**
 * Who may do what with a contract (api.md "Co-borrowers"): the one access check
 * of every route that takes a contract's id or lists contracts. The holder (the
 * contract's customer) reads and changes it; a co-borrower with current access
 * reads it and nothing more (403 holder_only); for everyone else it does not
 * exist (404, the same answer as for an unknown id). A co-borrower's read
 * records when they last used their access.
 */
import type { ContractRole } from '../../shared/api/contracts.ts'
import type { ContractRecord } from '../db/repositories/contracts-repository.ts'
import type { DocumentRecord } from '../db/repositories/documents-repository.ts'
import { ApiError } from '../errors.ts'
import { activatedCustomerId } from './activation.ts'
import type { ServiceContext } from './context.ts'
import type { Principal } from './sessions.ts'

export interface ReadableContract {
  contract: ContractRecord
  role: ContractRole
}

/** 404 not_found: no such contract for this caller. */
export function contractNotFound(): ApiError {
  return new ApiError(404, 'not_found', 'There is no such contract.')
}

/** 403 holder_only: a co-borrower asked for a change. */
export function holderOnly(): ApiError {
  return new ApiError(
    403,
    'holder_only',
    'Only the contract holder can do this. As co-borrower you can read the contract.',
  )
}

/** The contract if the caller holds it or reads it as co-borrower (else 404). */
export async function readableContract(
  ctx: ServiceContext,
  principal: Principal,
  publicId: string,
): Promise<ReadableContract> {
  const found = await findContract(ctx, principal, publicId)
  if (!found) throw contractNotFound()
  return found
}

/** The contract if the caller holds it: 403 holder_only for its co-borrower, 404 for anyone else. */
export async function heldContract(
  ctx: ServiceContext,
  principal: Principal,
  publicId: string,
): Promise<ContractRecord> {
  const found = await findContract(ctx, principal, publicId, { touch: false })
  if (!found) throw contractNotFound()
  if (found.role !== 'holder') throw holderOnly()
  return found.contract
}

/**
 * Why a contract the customer does not hold is refused: 403 holder_only when the
 * account reads it as co-borrower, else 404 (for code that has only the ids).
 */
export async function notHeldRefusal(
  ctx: ServiceContext,
  accountId: number,
  publicId: string,
): Promise<ApiError> {
  const shared = await ctx.repos.contracts.sharedWith(accountId, publicId)
  return shared ? holderOnly() : contractNotFound()
}

/** The contracts the caller reads as co-borrower (current access only). */
export async function coBorrowedContracts(
  ctx: ServiceContext,
  principal: Principal,
): Promise<ContractRecord[]> {
  activatedCustomerId(principal)
  const contracts: ContractRecord[] = []
  for (const id of await ctx.repos.coBorrowers.sharedWith(principal.account.id)) {
    const contract = await ctx.repos.contracts.byId(id)
    if (contract) contracts.push(contract)
  }
  return contracts
}

/** The caller's role on a contract (by row id), or null: the documents' check. */
export async function roleOn(
  ctx: ServiceContext,
  principal: Principal,
  contract: ContractRecord,
): Promise<ContractRole | null> {
  const customerId = activatedCustomerId(principal)
  if (contract.customerId === customerId) return 'holder'
  const access = await ctx.repos.coBorrowers.current(contract.id, principal.account.id)
  if (!access) return null
  await ctx.repos.coBorrowers.touch(access.id, ctx.clock.now())
  return 'co_borrower'
}

/** The contract if the caller holds or reads it, else null (the documents' filter). */
export async function findContract(
  ctx: ServiceContext,
  principal: Principal,
  publicId: string,
  options: { touch: boolean } = { touch: true },
): Promise<ReadableContract | null> {
  const customerId = activatedCustomerId(principal)
  const own = await ctx.repos.contracts.byPublicId(customerId, publicId)
  if (own) return { contract: own, role: 'holder' }
  const shared = await ctx.repos.contracts.sharedWith(principal.account.id, publicId)
  if (!shared) return null
  if (options.touch) await ctx.repos.coBorrowers.touch(shared.accessId, ctx.clock.now())
  return { contract: shared.contract, role: 'co_borrower' }
}

/**
 * A letter of a contract the caller reads as co-borrower (never one of the
 * holder's letters without a contract, nor of their other contracts), or null.
 * `change`: the caller wants to change it (mark it read, e-mail it): 403 holder_only.
 */
export async function coBorrowedDocument(
  ctx: ServiceContext,
  principal: Principal,
  publicId: string,
  purpose: 'read' | 'change',
): Promise<DocumentRecord | null> {
  const doc = await ctx.repos.documents.onAnyContract(publicId)
  if (!doc || doc.contractId === null) return null
  const contract = await ctx.repos.contracts.byId(doc.contractId)
  if (!contract || (await roleOn(ctx, principal, contract)) !== 'co_borrower') return null
  if (purpose === 'change') throw holderOnly()
  return doc
}
