/**
 * Correspondence in the backend: generating a PDF letter with the project's
 * renderer beside the bare libraries drawing the same page (pdfkit, which the
 * renderer uses, and pdf-lib, the alternative it was chosen over), and the
 * first page of the 10,000-letter postbox via inject beside GET /support.
 */
import { breakTextIntoLines, PDFDocument as PdfLibDocument, rgb, StandardFonts } from 'pdf-lib'
import PDFDocument from 'pdfkit'
import { letterContent } from '../src/backend/documents/content.ts'
import { renderLetterPdf, type LetterContent } from '../src/backend/documents/pdf-letter.ts'
import { BULK_CUSTOMER_NUMBER } from '../src/backend/demo/documents-seed.ts'
import type { DocumentCategory } from '../src/shared/api/documents.ts'
import type { TestBackend } from '../tests/helpers/backend.ts'
import { BULK_LOGIN, bearer, startDemoBackend } from './demo-customers.ts'
import { percentile, report } from './stats.ts'

const MM = 72 / 25.4
const A4 = { width: 210 * MM, height: 297 * MM }
const LEFT = 25 * MM
const RIGHT = A4.width - 20 * MM
const WIDTH = RIGHT - LEFT
const FOOTER_TOP = A4.height - 22 * MM
const ACCENT = '#006c75'
const TEXT = '#1a1a1a'
const MUTED = '#595959'
const SENDER = 'MINI Financial Services · Siegfried-Marcus-Straße 24 · 5020 Salzburg'
const LEGAL =
  'MINI Financial Services, eine Marke der BMW Austria Bank GmbH · Firmenbuch FN 45325 v · Demo-Dokument'

/** A letter of the ready demo login (the newest of its kind) as letterContent writes it. */
async function typicalLetter(
  backend: TestBackend,
  kind: 'contract_copy' | 'instalment_plan',
): Promise<LetterContent> {
  const repos = backend.app.services.repos
  const anna = (await repos.customers.all()).find((c) => c.customerNumber === '100482117')
  if (!anna) throw new Error('the ready demo customer is missing')
  const doc = (await repos.documents.page({ customerId: anna.id, limit: 100 })).find(
    (d) => d.kind === kind && d.contractId !== null,
  )
  if (!doc || doc.contractId === null) throw new Error(`no ${kind} in the demo postbox`)
  return letterContent(doc.spec, await repos.contracts.byId(doc.contractId), backend.config.support)
}

function paragraphs(letter: LetterContent): string[] {
  return letter.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []))
}

function facts(letter: LetterContent): (readonly [string, string])[] {
  return letter.blocks.flatMap((b) => (b.type === 'facts' ? b.rows : []))
}

function footerContacts(letter: LetterContent): string {
  const s = letter.support
  return `Kundenbetreuung: ${s.phone} · ${s.email} · ${s.hours}`
}

/** The same page in plain pdfkit: fixed positions, the library's own text flow, no layout code. */
function barePdfkit(letter: LetterContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 0, left: LEFT, right: A4.width - RIGHT },
    pdfVersion: '1.7',
    info: { Title: letter.title, CreationDate: letter.creationDate },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  doc.rect(0, 0, A4.width, 6).fill(ACCENT)
  doc.fillColor(TEXT).font('Helvetica-Bold').fontSize(18)
  doc.text('MINI', LEFT, 14 * MM, { lineBreak: false, characterSpacing: 2 })
  doc.font('Helvetica').text(' Financial Services', { lineBreak: false })
  doc
    .font('Helvetica')
    .fontSize(7)
    .fillColor(MUTED)
    .text(SENDER, LEFT, 47 * MM, { lineBreak: false })
  doc
    .moveTo(LEFT, 50.5 * MM)
    .lineTo(105 * MM, 50.5 * MM)
    .lineWidth(0.4)
    .stroke(MUTED)
  doc
    .fontSize(10.5)
    .fillColor(TEXT)
    .text(letter.recipient.join('\n'), LEFT, 54 * MM)
  let y = 50 * MM
  doc.fontSize(8.5)
  for (const [label, value] of [['Datum', letter.dateText], ...letter.references]) {
    doc
      .font('Helvetica')
      .fillColor(MUTED)
      .text(label ?? '', 125 * MM, y, { lineBreak: false })
    doc
      .font('Helvetica-Bold')
      .fillColor(TEXT)
      .text(value ?? '', 154 * MM, y, { lineBreak: false })
    y += 13
  }
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(letter.subject, LEFT, 103 * MM, { width: WIDTH })
  doc.moveDown(1.2)
  doc.font('Helvetica').fontSize(10.5).text(letter.salutation, { width: WIDTH })
  const [first, ...rest] = paragraphs(letter)
  doc
    .moveDown(0.7)
    .text(first ?? '', { width: WIDTH, lineGap: 2 })
    .moveDown(0.7)
  doc.fontSize(10)
  for (const [label, value] of facts(letter)) {
    y = doc.y
    doc.font('Helvetica').fillColor(MUTED).text(label, LEFT, y, { lineBreak: false })
    doc
      .font('Helvetica-Bold')
      .fillColor(TEXT)
      .text(value, LEFT + WIDTH * 0.45, y)
    doc
      .moveTo(LEFT, doc.y + 1.5)
      .lineTo(RIGHT, doc.y + 1.5)
      .lineWidth(0.3)
      .stroke('#dcdede')
    doc.y += 3
  }
  doc.font('Helvetica').fontSize(10.5).moveDown(0.8)
  for (const text of [...rest, ...letter.closing]) {
    doc.text(text, LEFT, doc.y, { width: WIDTH, lineGap: 2 }).moveDown(0.5)
  }
  doc.moveTo(LEFT, FOOTER_TOP).lineTo(RIGHT, FOOTER_TOP).lineWidth(0.5).stroke(ACCENT)
  doc.fontSize(7.5).fillColor(MUTED)
  doc.text(footerContacts(letter), LEFT, FOOTER_TOP + 6, { lineBreak: false })
  doc.text('Seite 1 von 1', RIGHT - 30 * MM, FOOTER_TOP + 6, {
    width: 30 * MM,
    align: 'right',
    lineBreak: false,
  })
  doc.text(LEGAL, LEFT, FOOTER_TOP + 17, { lineBreak: false })
  doc.end()
  return done
}

const hex = (color: string) =>
  rgb(
    parseInt(color.slice(1, 3), 16) / 255,
    parseInt(color.slice(3, 5), 16) / 255,
    parseInt(color.slice(5, 7), 16) / 255,
  )

/** The same page in pdf-lib (origin bottom left; it wraps only with breakTextIntoLines). */
async function barePdfLib(letter: LetterContent): Promise<Uint8Array> {
  const pdf = await PdfLibDocument.create()
  pdf.setTitle(letter.title)
  pdf.setCreationDate(letter.creationDate)
  pdf.setModificationDate(letter.creationDate)
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const page = pdf.addPage([A4.width, A4.height])
  const text = (
    value: string,
    x: number,
    top: number,
    size: number,
    font = regular,
    color = TEXT,
  ) => page.drawText(value, { x, y: A4.height - top - size, size, font, color: hex(color) })
  const line = (x1: number, x2: number, top: number, thickness: number, color: string) =>
    page.drawLine({
      start: { x: x1, y: A4.height - top },
      end: { x: x2, y: A4.height - top },
      thickness,
      color: hex(color),
    })
  /** Wrapped text from `top`; answers the top of what follows. */
  const flow = (value: string, top: number, size: number, font = regular, gap = 2): number => {
    const lines = breakTextIntoLines(value, [' '], WIDTH, (t) => font.widthOfTextAtSize(t, size))
    for (const l of lines) {
      text(l, LEFT, top, size, font)
      top += size * 1.16 + gap
    }
    return top
  }
  page.drawRectangle({ x: 0, y: A4.height - 6, width: A4.width, height: 6, color: hex(ACCENT) })
  text('MINI', LEFT, 14 * MM, 18, bold)
  text(' Financial Services', LEFT + bold.widthOfTextAtSize('MINI', 18) + 8, 14 * MM, 18)
  text(SENDER, LEFT, 47 * MM, 7, regular, MUTED)
  line(LEFT, 105 * MM, 50.5 * MM, 0.4, MUTED)
  letter.recipient.forEach((l, i) => text(l, LEFT, 54 * MM + i * 13.2, 10.5))
  let top = 50 * MM
  for (const [label, value] of [['Datum', letter.dateText], ...letter.references]) {
    text(label ?? '', 125 * MM, top, 8.5, regular, MUTED)
    text(value ?? '', 154 * MM, top, 8.5, bold)
    top += 13
  }
  top = flow(letter.subject, 103 * MM, 12, bold) + 14
  top = flow(letter.salutation, top, 10.5) + 7
  const [first, ...rest] = paragraphs(letter)
  top = flow(first ?? '', top, 10.5) + 7
  for (const [label, value] of facts(letter)) {
    text(label, LEFT, top, 10, regular, MUTED)
    text(value, LEFT + WIDTH * 0.45, top, 10, bold)
    top += 14.5
    line(LEFT, RIGHT, top - 1.5, 0.3, '#dcdede')
  }
  top += 8
  for (const value of [...rest, ...letter.closing]) top = flow(value, top, 10.5) + 5
  line(LEFT, RIGHT, FOOTER_TOP, 0.5, ACCENT)
  text(footerContacts(letter), LEFT, FOOTER_TOP + 6, 7.5, regular, MUTED)
  text('Seite 1 von 1', RIGHT - 30 * MM, FOOTER_TOP + 6, 7.5, regular, MUTED)
  text(LEGAL, LEFT, FOOTER_TOP + 17, 7.5, regular, MUTED)
  return pdf.save()
}

/** Runs the three renderers in alternating rounds (noise hits all alike); ms per letter. */
async function timeRenderers(
  renderers: Record<string, () => Promise<Uint8Array>>,
  rounds: number,
  perRound: number,
): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = {}
  for (const [name, render] of Object.entries(renderers)) {
    times[name] = []
    for (let i = 0; i < 30; i++) await render() // warm-up
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, render] of Object.entries(renderers)) {
      for (let i = 0; i < perRound; i++) {
        const started = performance.now()
        await render()
        times[name]?.push(performance.now() - started)
      }
    }
  }
  return times
}

async function benchPdf(backend: TestBackend): Promise<void> {
  const letter = await typicalLetter(backend, 'contract_copy')
  const plan = await typicalLetter(backend, 'instalment_plan')
  const planPages = (await renderLetterPdf(plan)).toString('latin1').match(/\/Type \/Page\b/g)
  const sizes = {
    ours: (await renderLetterPdf(letter)).byteLength,
    pdfkit: (await barePdfkit(letter)).byteLength,
    pdfLib: (await barePdfLib(letter)).byteLength,
  }
  const times = await timeRenderers(
    {
      ours: () => renderLetterPdf(letter),
      pdfkit: () => barePdfkit(letter),
      pdfLib: () => barePdfLib(letter),
      plan: () => renderLetterPdf(plan),
    },
    10,
    20,
  )
  const p50 = (name: string) => percentile(times[name] ?? [], 50)
  console.log(
    `  one-page letter (contract copy, ${facts(letter).length} facts): ours ${sizes.ours} B, bare pdfkit ${sizes.pdfkit} B, pdf-lib ${sizes.pdfLib} B`,
  )
  report('PDF letter, renderLetterPdf (p50; aim ≤ 2× pdfkit)', p50('ours'), 'ms', p50('pdfkit'))
  report('PDF letter, renderLetterPdf (p99)', percentile(times.ours ?? [], 99), 'ms')
  report('PDF letter, the same page in pdf-lib (p50)', p50('pdfLib'), 'ms', p50('pdfkit'))
  report(
    `PDF instalment plan, ${planPages?.length ?? '?'} pages + table (p50; vs letter)`,
    p50('plan'),
    'ms',
    p50('ours'),
  )
}

async function timeInject(
  backend: TestBackend,
  url: string,
  headers: Record<string, string>,
  runs: number,
): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const response = await backend.app.inject({ method: 'GET', url, headers })
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`)
    times.push(performance.now() - started)
  }
  return times
}

async function benchList(backend: TestBackend): Promise<void> {
  const auth = await bearer(backend, BULK_LOGIN)
  const repos = backend.app.services.repos
  const customer = (await repos.customers.all()).find(
    (c) => c.customerNumber === BULK_CUSTOMER_NUMBER,
  )
  const total = customer
    ? (await repos.documents.page({ customerId: customer.id, limit: 20_000 })).length
    : 0

  // The bulk letters' PDFs are made on first need: the very first page generates its 20.
  const started = performance.now()
  await timeInject(backend, '/api/v1/documents', auth, 1)
  report('GET /documents first page, first ever (makes 20 PDFs)', performance.now() - started, 'ms')
  // The first search in a language makes the customer's titles in it (then only new ones).
  const searched = performance.now()
  await timeInject(backend, '/api/v1/documents?q=4711', auth, 1)
  report(
    `GET /documents?q=4711, first search (makes ${total} titles)`,
    performance.now() - searched,
    'ms',
  )

  const RUNS = 300
  await timeInject(backend, '/api/v1/support', auth, 50)
  const support = await timeInject(backend, '/api/v1/support', auth, RUNS)
  const count = async (filter: { unread?: boolean; category?: DocumentCategory }) =>
    customer
      ? (await repos.documents.page({ customerId: customer.id, limit: 20_000, ...filter })).length
      : 0
  const cases: [string, string][] = [
    [`GET /documents, first page of 20 (of ${total})`, '/api/v1/documents'],
    ['GET /documents?limit=100', '/api/v1/documents?limit=100'],
    [
      `GET /documents?unread=true (${await count({ unread: true })} match)`,
      '/api/v1/documents?unread=true',
    ],
    [
      `GET /documents?category=contract (${await count({ category: 'contract' })} match)`,
      '/api/v1/documents?category=contract',
    ],
  ]
  // The project's extensions: a year, and title words (one rare word makes the search see every title).
  cases.push(
    ['GET /documents?year=2024', '/api/v1/documents?year=2024'],
    ['GET /documents?q=Kontoinformation', '/api/v1/documents?q=Kontoinformation'],
    ['GET /documents?q=4711 (one match)', '/api/v1/documents?q=4711'],
  )
  const sp50 = percentile(support, 50)
  const sp99 = percentile(support, 99)
  for (const [name, url] of cases) {
    await timeInject(backend, url, auth, 20) // warm-up (and the PDFs of its items)
    const times = await timeInject(backend, url, auth, RUNS)
    report(`${name} (p50)`, percentile(times, 50), 'ms', sp50)
    report(`${name} (p99)`, percentile(times, 99), 'ms', sp99)
  }
}

/** Prints PDF generation and postbox list figures. */
export async function benchDocuments(): Promise<void> {
  const backend = await startDemoBackend()
  try {
    await benchPdf(backend)
    await benchList(backend)
  } finally {
    await backend.dispose()
  }
}
