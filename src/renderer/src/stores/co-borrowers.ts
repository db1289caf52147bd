/**
 * Co-borrowers: for the holder, who reads a contract (loaded per contract),
 * the invitation and revocation; for the invitee, joining with the link.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ContractAccess, InvitationSent } from '../../../shared/api/co-borrowers.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import * as api from '../api/co-borrowers.ts'
import { resetOnCustomerChange } from './session.ts'

export const useCoBorrowersStore = defineStore('coBorrowers', () => {
  /** The contract whose access list is loaded. */
  const contractId = ref<string | null>(null)
  const access = shallowRef<ContractAccess[] | null>(null)
  const loading = ref(false)
  const error = ref<UserError | null>(null)

  resetOnCustomerChange(
    (customer) => customer.customerNumber,
    () => {
      contractId.value = null
      access.value = null
      error.value = null
    },
  )

  /** Loads who has access to the contract. */
  async function load(id: string): Promise<void> {
    if (contractId.value !== id) access.value = null
    contractId.value = id
    loading.value = true
    error.value = null
    try {
      const items = await api.listContractAccess(id)
      if (contractId.value === id) access.value = items
    } catch (caught) {
      if (contractId.value === id) error.value = toUserError(caught)
    } finally {
      loading.value = false
    }
  }

  /** Sends the invitation; rejects with the refusal (the form shows it). */
  function invite(id: string, email: string): Promise<InvitationSent> {
    return api.inviteCoBorrower(id, email)
  }

  /** Ends an access, then shows the list as it is now. */
  async function revoke(id: string, accessId: string): Promise<void> {
    await api.revokeContractAccess(id, accessId)
    access.value = (access.value ?? []).filter((item) => item.id !== accessId)
    await load(id)
  }

  /** Joins the contract of the invitation; its id. */
  async function join(token: string, dateOfBirth: string): Promise<string> {
    return (await api.confirmInvitation(token, dateOfBirth)).contractId
  }

  return { contractId, access, loading, error, load, invite, revoke, join }
})
