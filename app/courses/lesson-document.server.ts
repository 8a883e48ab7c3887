// Lesson pages served from one rendering per lesson version and role set (ADR 036).
// Rendering a page costs ~5 ms of CPU and most of it is the same for every reader, so the
// first view of a lesson asks the app for a shared render (no name, no progress, no answers:
// see shared-render.server.ts) and keeps that HTML; every view then costs a session check,
// the reader's progress and answers (two small queries), and a string join. The reader's part
// goes into the page as a JSON island that the page applies after hydration.
//
// What makes a kept document wrong, and why it cannot be served:
// - another lesson version, or a changed course title or neighbour: all are in the key, read
//   from the lesson shell (lesson-shell.ts), which this process forgets on every write and
//   other processes within its TTL;
// - another reader's data: a shared render contains none (loaders check `isSharedRender`),
//   and a render that still shows the requesting reader's name is not kept;
// - another role set's navigation: the sorted roles are in the key.
// Anything unusual (no session, someone the lesson route's guard would not admit, an unknown
// lesson, a query string, a render that did not answer 200) is left to the normal render,
// which knows how to answer it. The guard is the route's own (mayOpenLessonPage, access.ts).
//
// The kept document's scripts carry the nonce its Content-Security-Policy allows; a nonce
// must differ for every response, or one reader's page would tell an attacker what another's
// accepts. So the document is kept cut at that nonce, and every view joins it with a fresh one
// in the HTML and in the policy alike (ADR 041).
import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { personalIslandScript } from './personal-island.ts'
import { mayOpenLessonPage } from '#app/utils/access.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { readSessionTokenFromCookieHeader, validateSessionToken } from '#app/utils/session.server.ts'
import { sharedRenderHeaders } from '#app/utils/shared-render.server.ts'
import { getLessonPersonal } from './learner.ts'
import { lessonShell, type LessonShell } from './lesson-shell.ts'
import { createNonce, nonceOfPolicy } from '../../server/security-headers.mjs'

const LESSON_PAGE = /^\/learn\/courses\/([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)$/
const HEAD_END = '</head>'
/**
 * Shared renders are asked for at a fixed origin, not the client's Host header: nothing a
 * client sends, other than its session, can reach a document that others will be served.
 */
const SHARED_RENDER_ORIGIN = 'http://shared-render.invalid'

/** Renders a request through the app (Remix's request handler). */
export type AppRenderer = (request: Request) => Promise<Response>

export type LessonPageRequest = { method: string; path: string; cookie: string | undefined }
export type LessonPageResponse = { headers: Record<string, string>; body: string }

/** The document in pieces cut at its nonce: join each with a fresh one to serve it. */
type KeptDocument = { beforeHeadEnd: string[]; fromHeadEnd: string[]; headers: Record<string, string[]> }

const CSP_HEADER = 'content-security-policy'

function cutAt(text: string, nonce: string | null) {
	return nonce ? text.split(nonce) : [text]
}

const fingerprints = new WeakMap<LessonShell, string>()

/** Everything the shell puts on the page, so a renamed course or a new neighbour is a new key. */
function fingerprintOf(shell: LessonShell) {
	let fingerprint = fingerprints.get(shell)
	if (!fingerprint) fingerprints.set(shell, (fingerprint = createHash('sha256').update(JSON.stringify(shell)).digest('base64url')))
	return fingerprint
}

export function createLessonDocuments({ db, render, max = 500, ttlMs = 10 * 60_000 }: { db: DbOrTx; render: AppRenderer; max?: number; ttlMs?: number }) {
	const kept = new LRUCache<string, KeptDocument>({ max, ttl: ttlMs })
	/** One render per key at a time: a class opening a lesson together waits for one render. */
	const rendering = new Map<string, Promise<KeptDocument | null>>()

	async function renderShared(key: string, request: LessonPageRequest, reader: { name: string }) {
		const response = await render(
			new Request(new URL(request.path, SHARED_RENDER_ORIGIN), {
				headers: { ...sharedRenderHeaders(), accept: 'text/html', ...(request.cookie ? { cookie: request.cookie } : {}) },
			}),
		)
		const html = await response.text()
		const headEnd = html.indexOf(HEAD_END)
		if (response.status !== 200 || headEnd < 0 || !response.headers.get('content-type')?.startsWith('text/html')) return null
		// A backstop, not the guarantee (that is the shared render leaving personal data out): a
		// page showing its reader's name is not kept. Not the 工号: a short one can be any word.
		if (reader.name.length >= 2 && html.includes(reader.name)) {
			console.error(`课时页共享渲染中出现了读者本人的信息，未缓存：${request.path}`)
			return null
		}
		const nonce = nonceOfPolicy(response.headers.get(CSP_HEADER))
		const headers: Record<string, string[]> = {}
		response.headers.forEach((value, name) => {
			if (name !== 'set-cookie' && name !== 'content-length') headers[name] = cutAt(value, nonce)
		})
		const document = { beforeHeadEnd: cutAt(html.slice(0, headEnd), nonce), fromHeadEnd: cutAt(html.slice(headEnd), nonce), headers }
		kept.set(key, document)
		return document
	}

	/** The page for this reader, or null when the normal render should answer the request. */
	async function serve(request: LessonPageRequest): Promise<LessonPageResponse | null> {
		const match = request.method === 'GET' ? LESSON_PAGE.exec(request.path) : null
		if (!match) return null
		const token = await readSessionTokenFromCookieHeader(request.cookie)
		const session = token ? await validateSessionToken(db, token) : null
		// The lesson route's own guard decision (access.ts): whoever it would refuse, or send to
		// change a temporary password, is left to the route, which answers them.
		if (!session || !mayOpenLessonPage(session.user)) return null
		const reader = session.user
		const shell = await lessonShell(db, { courseSlug: match[1]!, lessonSlug: match[2]! })
		if (!shell) return null

		const key = [request.path, shell.lesson.versionId, reader.roles.join(','), fingerprintOf(shell)].join('\n')
		let document = kept.get(key) ?? null
		if (!document) {
			let pending = rendering.get(key)
			if (!pending) {
				pending = renderShared(key, request, reader).finally(() => rendering.delete(key))
				rendering.set(key, pending)
			}
			document = await pending
			if (!document) return null
		}

		const lesson = await getLessonPersonal(db, { userId: reader.id, lessonId: shell.lesson.id, versionId: shell.lesson.versionId, hasChecks: shell.checkKeys.length > 0 })
		const island = personalIslandScript({ identity: { name: reader.name, username: reader.username, unitName: reader.unitName }, lesson })
		const nonce = createNonce()
		const headers = Object.fromEntries(Object.entries(document.headers).map(([name, pieces]) => [name, pieces.join(nonce)]))
		return { headers, body: document.beforeHeadEnd.join(nonce) + island + document.fromHeadEnd.join(nonce) }
	}

	return { serve }
}
