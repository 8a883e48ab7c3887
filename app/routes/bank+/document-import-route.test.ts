// The document import page's action and the Moodle export called as the server calls them
// (real session cookie, real SQLite, multipart bodies): preview, the refusal while questions are
// not understood, post-redirect-get with the toast, errors next to their field in Chinese.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'

type RouteModule = { action: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown> }
type Settled = { status: number; location: string | null; toast: boolean; body: unknown; response: Response | null }

const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/bank-import/${name}`, import.meta.url))

describe('document import page', () => {
	let db: Db
	let cookie: string
	let page: RouteModule
	let exportRoute: RouteModule
	const origin = 'http://localhost'

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, pageModule, exportModule] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/exams/grading/test-fixtures.ts'),
			import('./import.document.tsx'),
			import('./export.tsx'),
		])
		page = pageModule as unknown as RouteModule
		exportRoute = exportModule as unknown as RouteModule
		const lecturer = await fixtures.createTestUser(db, { roles: ['lecturer'] })
		await db.user.update({ where: { id: lecturer.id }, data: { mustChangePassword: false } })
		cookie = (await session.commitSessionCookie((await session.createSession(db, lecturer.id)).token)).split(';')[0]!
	})

	async function post(route: RouteModule, path: string, fields: Record<string, string | File>): Promise<Settled> {
		const form = new FormData()
		for (const [name, value] of Object.entries(fields)) form.append(name, value)
		const request = new Request(`${origin}${path}`, { method: 'POST', headers: { cookie, origin }, body: form })
		const settled = await route.action({ request, params: {}, context: {} }).catch((thrown: unknown) => thrown)
		if (settled instanceof Response) {
			return { status: settled.status, location: settled.headers.get('Location'), toast: /^hs_toast=/.test(settled.headers.get('Set-Cookie') ?? ''), body: null, response: settled }
		}
		const maybe = settled as { type?: string; data?: unknown; init?: { status?: number } }
		if (maybe?.type === 'DataWithResponseInit') return { status: maybe.init?.status ?? 200, location: null, toast: false, body: maybe.data, response: null }
		return { status: 200, location: null, toast: false, body: settled, response: null }
	}

	const defaults = { topic: 'fiscal', difficulty: '3', points: '1' }
	type Body = { result: { status?: string; error?: Record<string, string[] | null> }; summary: { found: number; validCount: number; notUnderstood: { label: string }[] } | null }

	test('pasted text: preview shows what was found and what was not; “all” is refused; “skip them” writes and redirects with a toast', async () => {
		const text = fixture('paste.txt').toString('utf8')
		const preview = await post(page, '/bank/import/document', { intent: 'preview', text, ...defaults })
		expect(preview.status).toBe(200)
		const body = preview.body as Body
		expect(body.summary).toMatchObject({ found: 14, validCount: 11 })
		expect(body.summary!.notUnderstood.map((q) => q.label)).toEqual(['二、多项选择题 第3题', '五、简答题 第2题'])
		expect(await db.question.count()).toBe(0)

		const refused = await post(page, '/bank/import/document', { intent: 'commit_all', text, ...defaults })
		expect(refused.status).toBe(400)
		expect((refused.body as Body).result.error?.['']).toEqual(['2 道题目无法识别，未导入任何题目。请修改后重新导入，或选择“只导入能识别且无误的题目”。'])
		expect(await db.question.count()).toBe(0)

		const written = await post(page, '/bank/import/document', { intent: 'commit_valid', text, ...defaults, defaultStatus: 'draft' })
		expect(written).toMatchObject({ status: 302, location: '/bank', toast: true })
		expect(await db.question.count({ where: { status: 'draft', topic: 'fiscal' } })).toBe(11)
	})

	test('a Word file: preview through the same action', async () => {
		const file = new File([fixture('questions.docx')], 'questions.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })
		const preview = await post(page, '/bank/import/document', { intent: 'preview', file, ...defaults })
		expect((preview.body as Body).summary).toMatchObject({ found: 9 })
	})

	test('bad input is answered next to its field in Chinese, never a 500', async () => {
		const nothing = await post(page, '/bank/import/document', { intent: 'preview', text: '', ...defaults })
		expect(nothing.status).toBe(400)
		expect((nothing.body as Body).result.error?.text).toEqual(['请选择文件，或在此粘贴题目文本'])
		const doc = await post(page, '/bank/import/document', { intent: 'preview', file: new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], '旧题库.doc'), ...defaults })
		expect((doc.body as Body).result.error?.file?.[0]).toContain('另存为')
		const badDefaults = await post(page, '/bank/import/document', { intent: 'preview', text: '1. 甲', topic: 'nope', difficulty: '9', points: '-1' })
		expect((badDefaults.body as Body).result.error).toMatchObject({ topic: ['请选择专题'], difficulty: ['难度须为 1–5 的整数'], points: ['分值须大于 0'] })
		const nonsense = await post(page, '/bank/import/document', { intent: 'preview', text: '这里没有题目', ...defaults })
		expect((nonsense.body as Body).result.error?.text?.[0]).toContain('没有找到编号的题目')
	})

	test('the bank exports Moodle XML and GIFT as downloads', async () => {
		for (const [format, type, name] of [
			['moodle_xml', 'application/xml; charset=utf-8', '.xml'],
			['gift', 'text/plain; charset=utf-8', '.gift.txt'],
		] as const) {
			const answer = await post(exportRoute, '/bank/export', { format })
			expect(answer.status).toBe(200)
			expect(answer.response!.headers.get('Content-Type')).toBe(type)
			expect(decodeURIComponent(answer.response!.headers.get('Content-Disposition')!)).toContain(name)
			expect(await answer.response!.text()).toContain('$course$/top/红审学堂/财政')
		}
	})

	test('the server’s body gate admits a bank-sized upload on this page, not only 256 KB', async () => {
		const { bodyRuleFor, BANK_IMPORT_MAX_BYTES } = await import('../../../server/request-body.mjs')
		expect(bodyRuleFor('/bank/import/document')!.limit).toBeGreaterThan(BANK_IMPORT_MAX_BYTES)
		expect(bodyRuleFor('/bank/import/document.data')!.limit).toBeGreaterThan(BANK_IMPORT_MAX_BYTES)
	})

	test('the page’s downloadable examples are the tested fixtures', () => {
		for (const name of ['questions.docx', 'paste.txt', 'moodle.xml', 'questions.gift']) {
			expect(readFileSync(new URL(`../../../public/examples/bank-import/${name}`, import.meta.url)).equals(fixture(name))).toBe(true)
		}
	})
})
