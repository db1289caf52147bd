/**
 * Run by killed.test.ts in a child process (Node runs this TypeScript directly):
 * the real download manager saves one letter from a local server, reporting its
 * progress on stdout, until the test kills the process.
 * Argument: JSON {base, doc, folder, recordsFile}.
 */
import { createDownloadManager } from '../../../../src/main/downloads/manager.ts'
import type { DocumentToSave } from '../../../../src/shared/downloads.ts'

const { base, doc, folder, recordsFile } = JSON.parse(process.argv[2] ?? '{}') as {
  base: string
  doc: DocumentToSave
  folder: string
  recordsFile: string
}
const manager = createDownloadManager({
  fetch: (path, init) => fetch(base + path, init),
  folder: () => ({ folder, isDefault: false }),
  recordsFile,
})
manager.onChange((event) => {
  process.stdout.write(`${event.job.state} ${event.job.bytes}\n`)
})
manager.save(doc)
await manager.idle()
process.stdout.write('idle\n')
