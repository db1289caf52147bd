/**
 * pdf.js itself. Only ever loaded through `loadPdfjs()` in pdf-document.ts, a
 * dynamic import, so the bundler puts pdf.js in a chunk of its own that the app's
 * start never loads.
 */
import { GlobalWorkerOptions } from 'pdfjs-dist'
// The worker is a file of the build, served from the app's own origin (the CSP
// has worker-src 'self': no blob: or data: workers, no CDN).
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

GlobalWorkerOptions.workerSrc = workerUrl

export { getDocument, TextLayer, version } from 'pdfjs-dist'
