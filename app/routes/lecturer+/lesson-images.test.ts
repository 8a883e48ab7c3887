// The image upload and the image route called as the server calls them (real session cookie,
// real SQLite): the upload's JSON contract (helper C's editor toolbar reads it), its Chinese
// refusals with their statuses, the audit entry, and the served image's headers.
import { beforeAll, describe, expect, test } from 'vitest'
import { concatBytes, encodePng, tinyImage } from '#app/courses/images/test-images.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { requestAs, sessionCookieFor } from '#tests/sign-in.ts'
import { staticSecurityHeaders } from '../../../server/security-headers.mjs'

type Route = { loader: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>; action: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown> }

describe('lesson images over HTTP', () => {
	let db: Db
	let upload: Route
	let serve: Route
	let lecturer: string
	let learner: string
	let lecturerId: string

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		process.env.DATABASE_URL = opened.url
		const [fixtures, uploadRoute, serveRoute] = await Promise.all([import('#app/courses/test-fixtures.ts'), import('./lesson-images.ts'), import('../lesson-images.$name.ts')])
		upload = uploadRoute as unknown as Route
		serve = serveRoute as unknown as Route
		const editor = await fixtures.createEditor(db)
		lecturerId = editor.userId
		const reader = await fixtures.createPerson(db, { roles: ['learner'] })
		await db.user.updateMany({ where: { id: { in: [editor.userId, reader.id] } }, data: { mustChangePassword: false } })
		lecturer = await sessionCookieFor(db, editor.userId)
		learner = await sessionCookieFor(db, reader.id)
	})

	function post(cookie: string, file: Uint8Array | null, { name = 'picture.png', type = 'image/png', field = 'image' } = {}) {
		const form = new FormData()
		if (file) form.append(field, new File([file as Uint8Array<ArrayBuffer>], name, { type }))
		const request = new Request('http://localhost/lecturer/lesson-images', { method: 'POST', headers: { cookie, origin: 'http://localhost' }, body: form })
		return upload.action({ request, params: {}, context: {} }) as Promise<Response>
	}
	const get = (cookie: string | null, name: string, headers: Record<string, string> = {}) =>
		serve.loader({ request: requestAs(cookie, `/lesson-images/${name}`, { headers }), params: { name }, context: {} }).catch((thrown: unknown) => thrown) as Promise<Response>

	test('an upload answers the URL, size and Markdown; the same bytes again are the same image; the audit names who, hash and size', async () => {
		const png = encodePng(5, 4, (x, y) => [x * 50, y * 60, 90, 255])
		const answer = await post(lecturer, png, { name: 'chart.exe', type: 'application/octet-stream' })
		expect(answer.status).toBe(200)
		const body = await answer.json()
		expect(body).toEqual({ ok: true, url: expect.stringMatching(/^\/lesson-images\/[0-9a-f]{64}\.png$/), width: 5, height: 4, byteLength: png.length, markdown: `![](${body.url})` })
		const again = await (await post(lecturer, png)).json()
		expect(again.url).toBe(body.url)
		const sha256 = body.url.slice('/lesson-images/'.length, -'.png'.length)
		const audits = await db.auditLog.findMany({ where: { action: 'lesson-image.upload', targetId: sha256 } })
		expect(audits.map((entry) => entry.actorId)).toEqual([lecturerId, lecturerId])
		expect(JSON.parse(audits[0]!.after!)).toMatchObject({ sha256, byteLength: png.length })
	})

	test('refusals are Chinese JSON with 400 / 413 / 415, whatever name and type the browser claims', async () => {
		const cases: [Uint8Array | null, number, RegExp, object?][] = [
			[null, 400, /请选择要上传的图片/],
			[concatBytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 415, /^不支持的图片格式：SVG/, { name: 'x.png', type: 'image/png' }],
			[tinyImage('tiny.jpg').subarray(0, 300), 400, /JPG 图片无法使用：文件不完整/],
			[encodePng(20_000, 20_000), 413, /像素超过上限/],
			[concatBytes(tinyImage('tiny.png'), new Uint8Array(5 * 1024 * 1024)), 413, /^图片超过 5 MB/],
		]
		for (const [file, status, message, claim] of cases) {
			const answer = await post(lecturer, file, claim)
			expect(answer.status, String(message)).toBe(status)
			expect(await answer.json()).toEqual({ ok: false, message: expect.stringMatching(message) })
		}
		const wrongField = await post(lecturer, tinyImage('tiny.png'), { field: 'file' })
		expect(wrongField.status).toBe(400)
	})

	test('a learner may not upload; signed out goes to the login page', async () => {
		const refused = await post(learner, tinyImage('tiny.gif')).catch((thrown: unknown) => thrown as { init?: { status?: number } })
		expect((refused as { init?: { status?: number } }).init?.status ?? (refused as Response).status).toBe(403)
		const anonymous = await post('', tinyImage('tiny.gif')).catch((thrown: unknown) => thrown as Response)
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('location')).toMatch(/^\/login/)
	})

	test('the image is served to anyone signed in with its stored type, a year of private immutable cache, nosniff, a sandbox CSP and its hash as ETag', async () => {
		const webp = tinyImage('tiny.webp')
		const { url } = await (await post(lecturer, webp, { name: 'photo.png', type: 'image/png' })).json()
		expect(url).toMatch(/\.webp$/)
		const name = url.slice('/lesson-images/'.length)
		const sha256 = name.split('.')[0]
		const answer = await get(learner, name)
		expect(answer.status).toBe(200)
		expect(Object.fromEntries(answer.headers)).toMatchObject({
			'content-type': 'image/webp',
			'content-length': String(webp.length),
			'cache-control': 'private, max-age=31536000, immutable',
			'content-security-policy': "default-src 'none'; sandbox",
			etag: `"${sha256}"`,
		})
		expect(Buffer.from(await answer.arrayBuffer()).equals(Buffer.from(webp))).toBe(true)
		// The server adds nosniff to every response (the e2e test reads it on a served image).
		expect(staticSecurityHeaders()['X-Content-Type-Options']).toBe('nosniff')

		const cached = await get(learner, name, { 'If-None-Match': `W/"x", "${sha256}"` })
		expect(cached.status).toBe(304)
		expect(await cached.text()).toBe('')
		expect(cached.headers.get('etag')).toBe(`"${sha256}"`)
	})

	test('unknown, malformed and wrong-extension names are 404; signed out is sent to sign in', async () => {
		const { url } = await (await post(lecturer, tinyImage('tiny.gif'))).json()
		const name: string = url.slice('/lesson-images/'.length)
		for (const bad of [`${'0'.repeat(64)}.png`, name.replace('.gif', '.png'), name.toUpperCase(), `${name}.html`, '..%2F..%2Fetc%2Fpasswd', 'abc.png', `${'0'.repeat(64)}.svg`]) {
			const answer = await get(learner, bad)
			expect(answer.status, bad).toBe(404)
			expect(answer.headers.get('cache-control')).toBe('no-store')
		}
		expect((await get(learner, `${'0'.repeat(64)}.png`, { 'If-None-Match': `"${'0'.repeat(64)}"` })).status).toBe(404)
		const anonymous = await get(null, name)
		expect(anonymous.status).toBe(302)
	})
})
