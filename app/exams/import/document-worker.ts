// Worker thread for reading one question document (ADR 027): the parent posts the file's bytes
// or the pasted text, this answers with the parsed rows or a Chinese refusal. The parent caps
// this thread's heap and ends it after a time limit (app/utils/one-shot-worker.server.ts), so a
// Word file or GIFT text that slips past every check cannot stall the server.
import { parentPort } from 'node:worker_threads'
import { readQuestionDocumentHere, type DocumentSource } from './document-read.server.ts'
import type { DocumentDefaults } from './text-questions.ts'

parentPort!.once('message', async ({ source, defaults }: { source: DocumentSource; defaults: DocumentDefaults }) => {
	try {
		parentPort!.postMessage({ result: await readQuestionDocumentHere(source, defaults) })
	} catch (error) {
		parentPort!.postMessage({ crash: error instanceof Error ? (error.stack ?? error.message) : String(error) })
	}
})
