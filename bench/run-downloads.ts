/** `node bench/run-downloads.ts`: only the figures of saving letters (bench/downloads.ts). */
import { benchDownloads } from './downloads.ts'

console.log(`node ${process.version}, ${process.platform} ${process.arch}\n`)
await benchDownloads()
