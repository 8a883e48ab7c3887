// Worker thread for reading one uploaded spreadsheet (ADR 009): the parent posts the file's
// bytes, this answers with the rows or a Chinese refusal. The parent caps this thread's heap
// and ends it after a time limit, so even a file that slips past every check cannot stall
// or exhaust the server.
import { parentPort } from 'node:worker_threads'
import { readSpreadsheetHere } from './read.mjs'

parentPort.once('message', async ({ data, fileName, maxRows }) => {
	try {
		parentPort.postMessage({ result: await readSpreadsheetHere(new Uint8Array(data), fileName, maxRows) })
	} catch (error) {
		parentPort.postMessage({ crash: error instanceof Error ? (error.stack ?? error.message) : String(error) })
	}
})
