/** Co-borrowers (api.md "Co-borrowers"): invitations, joining, who has access, revocation. */
import type {
  ContractAccess,
  InvitationAccepted,
  InvitationSent,
} from '../../../shared/api/co-borrowers.ts'
import { call } from './call.ts'

/** POST /contracts/{id}/invitations: a 7-day link goes to the address. */
export async function inviteCoBorrower(contractId: string, email: string): Promise<InvitationSent> {
  return call('POST /contracts/{id}/invitations', { params: { id: contractId }, body: { email } })
}

/** POST /invitations/confirm: joins the contract with the date of birth on it. */
export async function confirmInvitation(
  token: string,
  dateOfBirth: string,
): Promise<InvitationAccepted> {
  return call('POST /invitations/confirm', { body: { token, dateOfBirth } })
}

/** GET /contracts/{id}/access: who reads the contract as co-borrower. */
export async function listContractAccess(contractId: string): Promise<ContractAccess[]> {
  return (await call('GET /contracts/{id}/access', { params: { id: contractId } })).items
}

/** DELETE /contracts/{id}/access/{accessId}: ends the access at once. */
export async function revokeContractAccess(contractId: string, accessId: string): Promise<void> {
  await call('DELETE /contracts/{id}/access/{accessId}', {
    params: { id: contractId, accessId },
  })
}
