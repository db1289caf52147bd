/**
 * The notifications of co-borrowers (api.md "Notifications"): both parties hear
 * of a co-borrower joining a contract and of their access being revoked. The
 * holder's open the contract; the revoked co-borrower's opens nothing (they no
 * longer read it).
 */
import type {
  LocalizedTitle,
  NotificationKind,
  NotificationTarget,
} from '../../shared/api/notifications.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import type { NotificationOwner } from '../db/repositories/notifications-repository.ts'
import type { ContractRecord } from '../db/repositories/contracts-repository.ts'
import type { ServiceContext } from './context.ts'
import { ownerOfAccount, record } from './notifications.ts'

type CoBorrowerEvent = 'joined' | 'removed'

const TITLES: Record<
  CoBorrowerEvent,
  (number: string, name: string) => { holder: LocalizedTitle; coBorrower: LocalizedTitle }
> = {
  joined: (number, name) => ({
    holder: {
      de: `${name} sieht jetzt Ihren Vertrag ${number} als Mitantragsteller/in`,
      en: `${name} now views your contract ${number} as a co-borrower`,
    },
    coBorrower: {
      de: `Sie sehen jetzt den Vertrag ${number} als Mitantragsteller/in`,
      en: `You now view contract ${number} as a co-borrower`,
    },
  }),
  removed: (number, name) => ({
    holder: {
      de: `${name} sieht Ihren Vertrag ${number} nicht mehr`,
      en: `${name} no longer views your contract ${number}`,
    },
    coBorrower: {
      de: `Ihr Zugang zum Vertrag ${number} wurde beendet`,
      en: `Your access to contract ${number} has ended`,
    },
  }),
}

const KINDS: Record<CoBorrowerEvent, NotificationKind> = {
  joined: 'co_borrower_joined',
  removed: 'co_borrower_removed',
}

/** Tells the holder and the co-borrower (in the transaction that grants or revokes the access). */
export async function notifyCoBorrowerEvent(
  ctx: ServiceContext,
  event: CoBorrowerEvent,
  subject: { contract: ContractRecord; coBorrower: Account; accessId: string },
): Promise<void> {
  const { contract, coBorrower, accessId } = subject
  const name = `${coBorrower.firstName} ${coBorrower.lastName}`
  const titles = TITLES[event](contract.number, name)
  const contractTarget: NotificationTarget = { kind: 'contract', id: contract.publicId }
  const tell = (
    owner: NotificationOwner,
    title: LocalizedTitle,
    target: NotificationTarget | null,
    party: string,
  ) =>
    record(ctx, {
      owner,
      kind: KINDS[event],
      title,
      target,
      dedupeKey: `${KINDS[event]}:${accessId}:${party}`,
    })
  await tell({ customerId: contract.customerId }, titles.holder, contractTarget, 'holder')
  await tell(
    ownerOfAccount(coBorrower),
    titles.coBorrower,
    event === 'joined' ? contractTarget : null,
    'co_borrower',
  )
}
