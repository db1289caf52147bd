/**
 * Small JSON state files in userData (the download record, the settings) are
 * written whole or not at all, so a crash mid-write never leaves half a file.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Writes the whole file or nothing: temp file beside it, fsync, rename, fsync of the folder. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(text, 'utf8')
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  try {
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  let dir: FileHandle | undefined
  try {
    dir = await open(dirname(file), 'r')
    await dir.sync()
  } catch {
    // Windows cannot open a folder for syncing; the rename stands.
  } finally {
    await dir?.close()
  }
}
