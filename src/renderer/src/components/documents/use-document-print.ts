/**
 * "Drucken" in the letter's preview (kiosk terminals that allow it): the state of
 * preparing the print view (pdf/print-view.ts) for the button, its progress text
 * and its failure. The print view goes when the preview closes.
 */
import { onBeforeUnmount, ref } from 'vue'
import { PrintCancelledError, printPdf, type PrintJob } from '../../pdf/print-view.ts'

export type PrintStatus = 'idle' | 'preparing' | 'failed'

/** Where preparing the print view is at: page `page` of `pages` is being drawn. */
export interface PrintProgress {
  page: number
  pages: number
}

export function useDocumentPrint() {
  const status = ref<PrintStatus>('idle')
  /** null until the page count is known. */
  const progress = ref<PrintProgress | null>(null)
  let job: PrintJob | null = null

  /** Draws the pages and opens the print dialog; ignored while a print view is being prepared. */
  async function print(bytes: ArrayBuffer): Promise<void> {
    if (status.value === 'preparing') return
    status.value = 'preparing'
    progress.value = null
    const mine = printPdf(bytes, {
      onProgress: (page, pages) => {
        if (job === mine) progress.value = { page, pages }
      },
    })
    job = mine
    try {
      await mine.promise
      if (job === mine) status.value = 'idle'
    } catch (error) {
      if (job !== mine || error instanceof PrintCancelledError) return
      console.warn('The print view could not be prepared:', error)
      status.value = 'failed'
    } finally {
      if (job === mine) progress.value = null
    }
  }

  /** Removes the print view (and stops preparing it). */
  function cancel(): void {
    const ending = job
    job = null
    ending?.cancel()
    status.value = 'idle'
    progress.value = null
  }

  onBeforeUnmount(cancel)

  return { status, progress, print, cancel }
}
