// The floor the capacity benchmark measures the app against (issue 13): a bare node:http
// handler doing only what any answer save must do, on the app's database file. It unsigns
// the session cookie, looks the session up by the token's SHA-256 in one joined SELECT, runs
// the save path's guarded UPDATE … RETURNING (ADR 031) through better-sqlite3 and answers
// JSON. No framework, no ORM, no body limits, no origin check, no id mapping (ADR 037): not
// a server anyone should run, only the cost below which the app cannot go.
// Run: DATABASE_URL=file:… PORT=… SESSION_SECRET=… [SQLITE_SYNCHRONOUS=NORMAL] node bench/bare-save-server.mjs
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import Database from 'better-sqlite3'

const file = process.env.DATABASE_URL.replace(/^file:/, '').split('?')[0]
const secrets = process.env.SESSION_SECRET.split(',')
const db = new Database(file, { timeout: 5000 })
db.pragma('journal_mode = WAL')
db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL'}`)
db.pragma('foreign_keys = ON')

const findSession = db.prepare(`
	SELECT s."expiresAt" AS "expiresAt", u."id" AS "userId", u."active" AS "active", u."mustChangePassword" AS "mustChangePassword"
	FROM "Session" s JOIN "User" u ON u."id" = s."userId"
	WHERE s."id" = ?`)
const save = db.prepare(`
	UPDATE "AttemptQuestion"
	SET "answer" = ?, "seq" = ?, "savedAt" = ?
	WHERE "attemptId" = ? AND "position" = ? AND "seq" < ?
		AND (SELECT qv."type" FROM "QuestionVersion" qv WHERE qv."id" = "AttemptQuestion"."questionVersionId") IN ('single')
		AND EXISTS (
			SELECT 1 FROM "Attempt" a
			WHERE a."id" = ? AND a."userId" = ? AND a."status" = 'open' AND a."deadline" >= ?
		)
	RETURNING "seq", (SELECT a."deadline" FROM "Attempt" a WHERE a."id" = "AttemptQuestion"."attemptId") AS "deadline"`)

/** The token inside a Remix signed cookie (base64 of its JSON, then "." and an HMAC-SHA256). */
function sessionToken(cookieHeader) {
	const match = /(?:^|;\s*)hs_session=([^;]*)/.exec(cookieHeader ?? '')
	if (!match) return null
	const signed = decodeURIComponent(match[1])
	const dot = signed.lastIndexOf('.')
	const value = signed.slice(0, dot)
	for (const secret of secrets) {
		const expected = Buffer.from(`${value}.${createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '')}`)
		const given = Buffer.from(signed)
		if (expected.length === given.length && timingSafeEqual(expected, given)) return JSON.parse(decodeURIComponent(escape(atob(value))))
	}
	return null
}

/** The Prisma SQLite adapter's storage form of a date (ISO 8601 with +00:00), so comparisons match. */
const stored = (date) => date.toISOString().replace('Z', '+00:00')

function answer(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
	res.end(JSON.stringify(body))
}

const server = http.createServer((req, res) => {
	const match = req.method === 'POST' && /^\/exams\/attempts\/([^/]+)\/answers$/.exec(req.url)
	if (!match) return answer(res, 404, { message: '找不到页面' })
	const chunks = []
	req.on('data', (chunk) => chunks.push(chunk))
	req.on('end', () => {
		const token = sessionToken(req.headers.cookie)
		const now = new Date()
		const session = token ? findSession.get(createHash('sha256').update(token).digest('hex')) : undefined
		if (!session || !session.active || session.mustChangePassword || new Date(session.expiresAt) <= now) return answer(res, 401, { message: '请先登录' })
		let body
		try {
			body = JSON.parse(Buffer.concat(chunks).toString())
		} catch {
			return answer(res, 400, { message: '答案格式不正确，未能保存' })
		}
		const attemptId = match[1]
		const row = save.get(JSON.stringify(body.answer), body.seq, stored(now), attemptId, body.position, body.seq, attemptId, session.userId, stored(new Date(now.getTime() - 10_000)))
		if (!row) return answer(res, 200, { status: 'stale', position: body.position })
		answer(res, 200, { status: 'applied', position: body.position, seq: row.seq, deadline: new Date(row.deadline).toISOString(), serverNow: now.toISOString() })
	})
})

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`bare save server on ${process.env.PORT}`))
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)))
