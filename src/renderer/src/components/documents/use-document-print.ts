/**
 * "Drucken" in the letter's preview (kiosk terminals with a printer, desktop app):
 * the state of drawing the print view (pdf/print-view.ts) and of main printing it
 * on the terminal's printer, for the button, its progress text and the outcome.
 * The print view goes once printed, and when the preview closes.
 */
import { onBeforeUnmount, ref } from 'vue'
import { PrintCancelledError, printPdf, type PrintJob } from '../../pdf/print-view.ts'
import { useKioskStore } from '../../stores/kiosk.ts'

/**
 * idle; preparing (the pages are drawn); printing (main has them); printed; failed (the
 * print view could not be drawn); notPrinted (the printer did not take the letter).
 */
export type PrintStatus = 'idle' | 'preparing' | 'printing' | 'printed' | 'failed' | 'notPrinted'

/** Where preparing the print view is at: page `page` of `pages` is being drawn. */
export interface PrintProgress {
  page: number
  pages: number
}

export function useDocumentPrint() {
  const kiosk = useKioskStore()
  const status = ref<PrintStatus>('idle')
  /** null until the page count is known. */
  const progress = ref<PrintProgress | null>(null)
  let job: PrintJob | null = null

  /** Draws the pages and has them printed; ignored while a letter is being prepared or printed. */
  async function print(bytes: ArrayBuffer): Promise<void> {
    if (status.value === 'preparing' || status.value === 'printing') return
    status.value = 'preparing'
    progress.value = null
    let printed = false
    const mine: PrintJob = printPdf(bytes, {
      onProgress: (page, pages) => {
        if (job === mine) progress.value = { page, pages }
      },
      print: async () => {
        if (job === mine) {
          status.value = 'printing'
          progress.value = null
        }
        printed = await kiosk.printPage()
      },
    })
    job = mine
    try {
      await mine.promise
      if (job === mine) status.value = printed ? 'printed' : 'notPrinted'
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
