/**
 * Real PDFs for the preview's tests: letters from the backend's own renderer
 * (pdfkit, the standard fonts), and pdf.js's worker code for Node.
 */

/** The parts of the backend's LetterContent these letters fill in. */
interface Letter {
  title: string
  locale: 'de' | 'en'
  recipient: readonly string[]
  dateText: string
  creationDate: Date
  subject: string
  references: readonly (readonly [string, string])[]
  salutation: string
  blocks: readonly object[]
  closing: readonly string[]
  support: { phone: string; email: string; hours: string }
}

// Loaded through Vite: the web tsconfig (no Node types) does not include backend files.
const renderers = import.meta.glob<{ renderLetterPdf: (letter: Letter) => Promise<Uint8Array> }>(
  '../../../../src/backend/documents/pdf-letter.ts',
)
const workers = import.meta.glob('../../../../node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs')

/** An instalment plan of `rows` rows (a table across pages from about 40), with umlauts and €. */
export function planLetter(rows: number): Letter {
  return {
    title: 'Ratenplan MINI Cooper SE',
    locale: 'de',
    recipient: ['Frau', 'Anna Huber', 'Getreidegasse 9', '5020 Salzburg'],
    dateText: '17. Mai 2026',
    creationDate: new Date('2026-05-17T08:00:00Z'),
    subject: 'Ihr Ratenplan für Vertrag KR-2025-000815',
    references: [
      ['Kundennummer', '100482117'],
      ['Vertrag', 'KR-2025-000815'],
    ],
    salutation: 'Sehr geehrte Frau Huber,',
    blocks: [
      { type: 'paragraph', text: 'Ihre monatliche Rate beträgt € 1.234,56. Grüße aus Österreich.' },
      {
        type: 'table',
        columns: [
          { label: 'Nr.', width: 1 },
          { label: 'Fällig am', width: 2 },
          { label: 'Rate', width: 2, align: 'right' },
        ],
        rows: Array.from({ length: rows }, (_, i) => [
          String(i + 1),
          `01.${String((i % 12) + 1).padStart(2, '0')}.2026`,
          '€ 1.234,56',
        ]),
      },
    ],
    closing: ['Mit freundlichen Grüßen', 'Ihr MINI Financial Services Team'],
    support: { phone: '+43 662 2191 4920', email: 'ksc@mini.at', hours: 'Mo–Fr 8:00–18:00' },
  }
}

/**
 * vitest's jsdom environment puts jsdom's own typed arrays on globalThis. Node's
 * Buffers (zlib's output inside pdfkit) are then no `Uint8Array` to pdfkit, which
 * would write them out as text and break every stream: the letter is rendered with
 * Node's Uint8Array in place (in the node environment nothing changes).
 */
async function withNodeUint8Array<T>(run: () => Promise<T>): Promise<T> {
  const nodeBuffer = (globalThis as { Buffer?: { prototype: object } }).Buffer
  const nodeUint8Array: unknown =
    nodeBuffer && Object.getPrototypeOf(nodeBuffer.prototype)?.constructor
  const own = globalThis.Uint8Array
  if (typeof nodeUint8Array !== 'function' || nodeUint8Array === own) return run()
  globalThis.Uint8Array = nodeUint8Array as typeof Uint8Array
  try {
    return await run()
  } finally {
    globalThis.Uint8Array = own
  }
}

/** The plan as PDF bytes, an ArrayBuffer of exactly the file (as fetch gives it). */
export async function letterPdf(rows: number): Promise<ArrayBuffer> {
  const load = Object.values(renderers)[0]
  if (!load) throw new Error('The backend letter renderer was not found')
  const { renderLetterPdf } = await load()
  const bytes = await withNodeUint8Array(() => renderLetterPdf(planLetter(rows)))
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

/** Node has no web workers: pdf.js then runs its worker's code in this thread once it is loaded. */
export async function installPdfjsWorker(): Promise<void> {
  const load = Object.values(workers)[0]
  if (!load) throw new Error('pdf.js’s worker module was not found')
  await load()
}
