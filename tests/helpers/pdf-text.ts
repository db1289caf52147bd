/** A PDF's text as a reader (pdf.js) extracts it, for tests that read real letters back. */
import { expect } from 'vitest'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

const STANDARD_FONTS = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
)

/** Whitespace of any kind (the formats' no-break spaces too) as one space. */
export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** The PDF's page count and its text, whitespace squashed. */
export async function pdfPages(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  // A copy: pdf.js may take over the buffer it is given.
  const task = getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: 0,
  })
  const pdf = await task.promise
  const parts: string[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent()
    for (const item of content.items) if ('str' in item) parts.push(item.str)
  }
  const pages = pdf.numPages
  await task.destroy()
  return { pages, text: squash(parts.join(' ')) }
}

/** The PDF's text, whitespace squashed. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).text
}

/** Expects every part in the text, each with its whitespace squashed too. */
export function expectText(text: string, expected: readonly string[]): void {
  for (const part of expected) expect(text, part).toContain(squash(part))
}
