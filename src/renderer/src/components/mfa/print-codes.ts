/**
 * "Drucken" of the recovery codes (never on a kiosk terminal): a print-only
 * container at the end of <body> with the heading and the codes, the browser's
 * print dialog, then the container goes. print-view.css hides the rest of the
 * app on paper while the container exists (as for a letter's print view).
 */
// Only the stylesheet: print-view.ts itself would bring pdf.js into the profile page.
import '../../pdf/print-view.css'

/** The class print-view.css shows alone on paper (print-view.ts's PRINT_VIEW_CLASS). */
const PRINT_VIEW_CLASS = 'mmf-print-view'

/** Prints `codes` under `heading` through the print dialog; the DOM is clean afterwards. */
export function printRecoveryCodes(
  heading: string,
  note: string,
  codes: readonly string[],
  win: Window = window,
): void {
  const doc = win.document
  const container = doc.createElement('div')
  container.className = `${PRINT_VIEW_CLASS} recovery-codes-print`
  const title = doc.createElement('h1')
  title.textContent = heading
  const text = doc.createElement('p')
  text.textContent = note
  const list = doc.createElement('ol')
  for (const code of codes) {
    const item = doc.createElement('li')
    item.textContent = code
    list.append(item)
  }
  container.append(title, text, list)
  doc.body.append(container)
  try {
    win.print()
  } finally {
    container.remove()
  }
}
