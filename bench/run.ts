/** `npm run bench`: every benchmark, each figure beside its baseline from the same run. */
import { benchColdStart } from './cold-start.ts'
import { benchContracts } from './contracts.ts'
import { benchDocuments } from './documents.ts'
import { benchDownloads } from './downloads.ts'
import { benchGateway } from './gateway.ts'
import { benchLargeDownload } from './large-download.ts'
import { benchPasswordHash } from './password-hash.ts'
import { benchRendererSize } from './renderer-size.ts'
import { benchServerNodes } from './server-nodes.ts'
import { benchServerThroughput } from './server-throughput.ts'

console.log(`node ${process.version}, ${process.platform} ${process.arch}\n`)
await benchColdStart()
await benchServerThroughput()
await benchServerNodes()
await benchGateway()
await benchPasswordHash()
await benchContracts()
await benchDocuments()
await benchDownloads()
await benchLargeDownload()
benchRendererSize()
