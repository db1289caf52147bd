/**
 * A request's answer document, opened in the app's preview from the confirmation
 * or from "Meine Anfragen": which request's is being looked up, why it could not
 * be opened, and the contract in words for the preview and the lists.
 */
import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { DocumentSummary } from '../../../../shared/api/documents.ts'
import type { ServiceRequestView } from '../../../../shared/api/service-requests.ts'
import { toUserError } from '../../api/errors.ts'
import { useErrorText } from '../../composables/use-error-text.ts'
import { useContractsStore } from '../../stores/contracts.ts'
import { useServicesStore } from '../../stores/services.ts'
import { contractName } from './use-service-texts.ts'

export function useAnswerDocument() {
  const { t } = useI18n()
  const services = useServicesStore()
  const contractsStore = useContractsStore()
  const errorText = useErrorText()

  const preview = shallowRef<DocumentSummary | null>(null)
  /** The request whose document is being looked up; null when none is. */
  const opening = ref<string | null>(null)
  const openError = ref('')

  /** The contract's name with its number; the number alone when the contract is not in the list. */
  function requestContract(request: ServiceRequestView): string {
    const c = contractsStore.byId.get(request.contractId)
    return c
      ? `${contractName(c)} (${request.contractNumber})`
      : t('contracts.numberShort', { number: request.contractNumber })
  }

  async function openDocument(request: ServiceRequestView): Promise<void> {
    const id = request.documentId
    if (id === null || opening.value !== null) return
    opening.value = request.id
    openError.value = ''
    try {
      const doc = await services.openAnswer(id, request.contractId)
      if (doc) preview.value = doc
      else openError.value = t('services.done.documentMissing')
    } catch (caught) {
      openError.value = `${t('services.done.documentFailed')} ${errorText(toUserError(caught))}`
    } finally {
      opening.value = null
    }
  }

  const previewContract = computed(() => {
    const id = preview.value?.contractId
    const c = id ? contractsStore.byId.get(id) : undefined
    return c ? contractName(c) : t('postbox.general')
  })

  return { preview, opening, openError, openDocument, requestContract, previewContract }
}
