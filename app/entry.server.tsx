import { Transform } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { type AppRenderer, createLessonDocuments } from '#app/courses/lesson-document.server.ts'
import { createSaveEndpoint } from '#app/exams/attempts/save-endpoint.server.ts'
import { ensureAttemptSweep } from '#app/exams/sweep.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { serverEnv } from '#app/utils/env.server.ts'
import { NonceProvider } from '#app/utils/nonce-provider.ts'
import { contentSecurityPolicy, createNonce } from '../server/security-headers.mjs'

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

/**
 * React 18.3's streaming renderer encodes into 2048-byte buffers and, when a multi-byte
 * character does not fit at a buffer's end, still sends the whole buffer: up to three NUL
 * bytes land inside the page (react#24985; the fix, react#26228, shipped only in React 19).
 * Chinese text meets it on most pages, e.g. an aria-label read "陈讲\0师". HTML never holds
 * a NUL, so the few at the end of each chunk React writes are dropped.
 */
function withoutTrailingNuls() {
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			let end = chunk.length
			while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end--
			callback(null, end === chunk.length ? chunk : chunk.subarray(0, end))
		},
	})
}

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	_loadContext: AppLoadContext,
) {
	const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
	// Every document gets its own nonce; the lesson-document cache swaps it per reader (ADR 041).
	const nonce = createNonce()
	responseHeaders.set('Content-Security-Policy', contentSecurityPolicy({ nonce, dev: import.meta.env.DEV, secure: serverEnv.secureCookies }))
	const app = (
		<NonceProvider value={nonce}>
			<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
		</NonceProvider>
	)
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(app, {
			nonce,
			[waitForAll ? 'onAllReady' : 'onShellReady']() {
				shellRendered = true
				const body = withoutTrailingNuls()
				responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
				resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
				pipe(body)
			},
			onShellError(error: unknown) {
				reject(error)
			},
			onError(error: unknown) {
				responseStatusCode = 500
				// Errors after the shell are logged here; the browser only sees the error page.
				if (shellRendered) console.error(error)
			},
		})
		setTimeout(abort, ABORT_DELAY)
	})
}

export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted) return
	console.error(error)
}

/**
 * The lesson-page document cache (ADR 036), for server.mjs to put in front of the request
 * handler: it needs the app's own database client and a way to render through the app.
 */
export function createLessonDocumentServer(render: AppRenderer) {
	return createLessonDocuments({ db: prisma, render })
}

/**
 * The lean answer-save endpoint (ADR 073), for server.mjs to mount ahead of the request
 * handler: a learner's save answered with the route's guard and SQL on the app's own client.
 */
export const answerSave = createSaveEndpoint(prisma)

/**
 * Work that runs for as long as the server does, started once per server process by server.mjs
 * right after it loads the build: the attempt sweep that closes papers at their deadline
 * (ADR 031). Loaders never start it. Calling it again does nothing.
 */
export function startServerJobs() {
	ensureAttemptSweep(prisma)
}
