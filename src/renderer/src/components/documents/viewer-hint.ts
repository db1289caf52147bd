/**
 * What the PdfViewer suggests when it cannot draw a PDF: to save it and open it
 * with a PDF program (where saving is offered), to send it to one's e-mail (a
 * kiosk terminal, which saves nothing), or nothing (the demo mailbox).
 */
export type ViewerHint = 'save' | 'email' | 'none'
